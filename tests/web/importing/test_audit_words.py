"""The programme's change log names every field an import and a revision write in Chinese.

Found in the browser: after a revision the log of /audit/program/N/ read “evidence：…”,
“result_program：→ 2”, “order：2 → ∅”, “program_id”, “status：→ 已确认”."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from ipcity.audit.models import AuditEvent
from ipcity.audit.selectors import event_changes
from ipcity.core.models import Role
from ipcity.programs.importing.services import plan_import_confirm
from ipcity.programs.models import PlanImport

from .conftest import make_user

TONGLING = "000_3c8ebd50ad477ee4"


def _draft(plan: dict, user, target=None) -> PlanImport:
    return PlanImport.objects.create(original_name="plan.ofd", sha256="0" * 64, source_text="原文", parsed=plan,
                                     edited=plan, created_by=user, target_program=target)


@pytest.mark.django_db
def test_import_and_revision_changes_are_labelled_in_chinese(load_gold, tongling):
    office = make_user("office-tl", Role.OFFICE)
    office.profile.region = tongling
    office.profile.save()
    program = plan_import_confirm(plan_import=_draft(load_gold(TONGLING), office), user=office)
    revised = load_gold(TONGLING)
    del revised["tasks"][2]
    revised["indicators"][0]["evidence"] = {"text": "新的依据", "start": 0, "end": 4}
    revised["tasks"][0]["targets"].append({"name": "新增示范企业", "year": 2025, "value": 3, "unit": "家",
                                           "comparator": ">="})
    plan_import_confirm(plan_import=_draft(revised, office, target=program), user=office)

    with translation.override("zh-hans"):
        labels = {(e.object_type, c.field): c.label for e in AuditEvent.objects.all() for c in event_changes(e)}
    assert len(labels) > 20
    coded = {key: label for key, label in labels.items() if label != "ID" and re.search(r"[A-Za-z_]", label)}
    assert coded == {}
