"""Migration 0002 words again the warnings of an import review stored before notices were kept: the
readers' and the parser's plain Chinese strings become the stored notices (``{"text", "template",
"values"}``) they write today, so a draft left pending across an upgrade reads English on the
English review page (found upgrading an installation of 635b586: docs/deploy.md *Upgrades*).

Authored rows, typed in below in the shape the old version wrote (its f-strings), through the
historical models (tests/web/migration_states.py). A warning no template reads stays as it was.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from ipcity.notices import Notice, gettext_noop
from ipcity.plans import parse_text
from tests.web.migration_states import migrate_to, migrate_to_latest, migration_module

BEFORE = [("programs", "0001_initial")]
AFTER = [("programs", "0002_import_warnings_as_notices")]
QUOTE = "「专栏2 重点任务分工表」"
OLD_WARNINGS = ["第 3、5 页没有文字（可能是扫描图片），其中内容未读取",
                f"未能识别的表格（位置 120–480，6 行）：{QUOTE}",
                "未找到规划期（起止年份）：请在核对时填写",
                "本文件是扫描件，文字由 OCR 识别（平均置信度 71/100；置信度较低的页：第2页），识别结果可能有错字，请对照原件核对名称、数字和责任单位"]


# An authored plan, read by today's parser: the review page needs a plan, the test only its warnings.
PLAN_TEXT = "示例市知识产权强市建设工作方案（2024—2026年）\n一、主要目标\n到2026年，每万人口高价值发明专利拥有量达到12件。\n"


def _draft(model, warnings):
    plan = parse_text(PLAN_TEXT)
    return model.objects.create(original_name="旧方案.pdf", sha256="0" * 64, parsed=plan, edited=plan,
                                warnings=warnings)


@pytest.mark.django_db(transaction=True)
def test_old_warnings_become_the_notices_the_readers_write_today():
    old = migrate_to(BEFORE)
    pk = _draft(old.get_model("programs", "PlanImport"), OLD_WARNINGS).pk
    new = migrate_to(AFTER)
    stored = new.get_model("programs", "PlanImport").objects.get(pk=pk).warnings
    assert stored == [
        Notice(gettext_noop("第 %(pages)s 页没有文字（可能是扫描图片），其中内容未读取"), pages=[3, 5]).as_json(),
        Notice(gettext_noop("未能识别的表格（位置 %(start)s–%(end)s，%(rows)s 行）：%(quote)s"),
               start=120, end=480, rows=6, quote=QUOTE).as_json(),
        Notice(gettext_noop("未找到规划期（起止年份）：请在核对时填写")).as_json(),
        OLD_WARNINGS[3],  # worded then with other punctuation than today's template: kept as it was
    ]
    old = migrate_to(BEFORE)
    assert old.get_model("programs", "PlanImport").objects.get(pk=pk).warnings == OLD_WARNINGS
    migrate_to_latest()


@pytest.mark.django_db(transaction=True)
def test_a_draft_left_pending_across_the_upgrade_reads_english(django_user_model):
    old = migrate_to(BEFORE)
    pk = _draft(old.get_model("programs", "PlanImport"), OLD_WARNINGS[:1]).pk
    migrate_to_latest()
    office = django_user_model.objects.create_superuser("office", password="x")
    client = Client()
    client.force_login(office)
    client.cookies["django_language"] = "en"
    page = client.get(f"/import/{pk}/").content.decode()
    with translation.override("en"):
        english = translation.gettext("第 %(pages)s 页没有文字（可能是扫描图片），其中内容未读取") % {"pages": "3, 5"}
    assert english in page
    assert "没有文字" not in page


def test_the_migrations_copies_read_back_what_they_word():
    """Each frozen template, filled with values of its kinds, is read back to the same notice."""
    migration = migration_module("programs", "0002_import_warnings_as_notices")
    samples = {"int": 7, "str": "「一行原文」", "int list": [2, 9]}
    for template, kinds in migration.TEMPLATES.items():
        notice = Notice(template, **{name: samples[kind] for name, kind in kinds.items()})
        assert migration.stored_notice(str(notice)) == notice.as_json(), template
