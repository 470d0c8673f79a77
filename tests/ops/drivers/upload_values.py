"""Upload indicator values the way the monitoring page does: build the Excel template, fill it,
dry-run it, confirm it (the two service calls behind the upload form). Run as a process so a
test can kill it: ``python -m tests.ops.drivers.upload_values SEED``.

Prints the values it is about to write (one JSON line) before writing any of them.
"""

from __future__ import annotations

import io
import json
import os
import sys


def planned_values(seed: int, indicators, years) -> dict[str, float]:
    # Small numbers that every unit accepts (counts, percentages, amounts); distinct per seed.
    return {f"{i.pk}:{years[i.pk]}": round(1 + seed * 0.5 + (i.pk % 3) * 0.1, 2) for i in indicators}


def main(seed: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcity.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from openpyxl import load_workbook

    from ipcity.monitoring import selectors, services, xlsx
    from ipcity.monitoring.models import ActualImport
    from ipcity.programs.models import Program

    user = get_user_model().objects.get(username="admin")
    program = Program.objects.order_by("pk").first()
    indicators = selectors.recordable_indicators(program, None)[:6]
    years = {i.pk: selectors.indicator_years(i).start for i in indicators}
    values = planned_values(seed, indicators, years)
    print(json.dumps(values), flush=True)

    template = xlsx.template_build(str(program), [
        xlsx.TemplateRow(indicator_id=i.pk, name=i.name, unit=i.unit or "", year=years[i.pk], target=None,
                         current=None) for i in indicators])
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.active
    column = {header: n + 1 for n, header in enumerate(xlsx.HEADERS)}
    for row in range(4, sheet.max_row + 1):
        key = f"{sheet.cell(row, column['指标编号']).value}:{sheet.cell(row, column['年份']).value}"
        sheet.cell(row, column["填报值"]).value = values[key]
    out = io.BytesIO()
    workbook.save(out)
    upload = services.actual_import_dry_run(user=user, data=out.getvalue(), filename="values.xlsx", program=program)
    if upload.status != ActualImport.Status.PENDING:
        sys.exit(f"template refused: {upload.problems}")
    services.actual_import_confirm(actual_import=upload, user=user)


if __name__ == "__main__":
    main(int(sys.argv[1]))
