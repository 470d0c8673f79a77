"""Fee flags and match priors recorded before notices were kept are stored as notices now.

Before 2026-12-06 the matching library wrote a declaration's fee flags and a match's priors as
plain Chinese strings, which an English page can only show as they are. Each one the library's
templates account for becomes the stored notice (``ipcity.notices.Notice.as_json``) the library
writes today, so the pages word it in the reader's language; a string no template reads stays as
it was (the pages show a plain string as it is). Backwards, a notice becomes its Chinese text again.
"""

import re

from django.db import migrations

# Copies of the library's templates as they were when this migration was written (with the names
# of the values that are lists, joined by 、): a migration must read tomorrow what it reads today,
# whatever becomes of ``ipcity.matching``. tests/web/transfer/test_stored_notices_migration.py checks
# that what the library words today still parses back to the same notice.
FEE_FLAG_TEMPLATES = {
    "一次性许可费 %(fee)s 万元，超过指导标准 %(ceiling)s 万元": (),
    "入门费 %(fee)s 万元，超过指导标准 %(ceiling)s 万元": (),
    "提成比例为净销售额的 %(pct)s%%，超过指导标准 %(ceiling)s%%": (),
    "提成比例为利润的 %(pct)s%%，超过指导标准 %(ceiling)s%%": (),
}
PRIOR_TEMPLATES = {
    "IPC %(groups)s 属于需求所在行业的参照分类": ("groups",),
    "战略性新兴产业分类相同：%(codes)s": ("codes",),
    "专利权人与需求企业在同一城市": (),
    "专利权人与需求企业在同一省份": (),
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def _pattern(template):
    parts, end = [], 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[end:found.start()]))
        parts.append(f"(?P<{found.group(1)}>.+?)" if found.group(1) else "%")
        end = found.end()
    parts.append(re.escape(template[end:]))
    return re.compile("".join(parts) + r"\Z")


def stored_notice(text, templates):
    """The stored notice a plain message was worded from, or None when no template reads it."""
    for template, lists in templates.items():
        found = _pattern(template).match(text)
        if found:
            values = {name: value.split("、") if name in lists else value for name, value in found.groupdict().items()}
            return {"text": text, "template": template, "values": values}
    return None


def _forward_flags(flags):
    return [(stored_notice(flag, FEE_FLAG_TEMPLATES) or flag) if isinstance(flag, str) else flag for flag in flags]


def _forward_priors(priors):
    out = []
    for prior in priors:
        detail = prior.get("detail") if isinstance(prior, dict) else None
        notice = stored_notice(detail, PRIOR_TEMPLATES) if isinstance(detail, str) and "notice" not in prior else None
        out.append({**prior, "notice": notice} if notice else prior)
    return out


def _backward_flags(flags):
    return [flag["text"] if isinstance(flag, dict) and "text" in flag else flag for flag in flags]


def _backward_priors(priors):
    return [{k: v for k, v in prior.items() if k != "notice"} if isinstance(prior, dict) else prior for prior in priors]


def _rewrite(apps, flags_change, priors_change):
    Declaration = apps.get_model("transfer", "LicenceDeclaration")
    for pk, flags in Declaration.objects.exclude(fee_flags=[]).values_list("pk", "fee_flags").iterator():
        changed = flags_change(flags or [])
        if changed != flags:
            Declaration.objects.filter(pk=pk).update(fee_flags=changed)
    Match = apps.get_model("transfer", "Match")
    for pk, why in Match.objects.values_list("pk", "why").iterator():
        if isinstance(why, dict) and why.get("priors"):
            priors = priors_change(why["priors"])
            if priors != why["priors"]:
                Match.objects.filter(pk=pk).update(why={**why, "priors": priors})


def forwards(apps, schema_editor):
    _rewrite(apps, _forward_flags, _forward_priors)


def backwards(apps, schema_editor):
    _rewrite(apps, _backward_flags, _backward_priors)


class Migration(migrations.Migration):
    dependencies = [("transfer", "0003_need_same_key")]
    operations = [migrations.RunPython(forwards, backwards)]
