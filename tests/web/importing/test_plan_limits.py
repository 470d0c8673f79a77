"""Plan size limits: the 5 MB paste that became 2,192 indicators and 5,206 tasks is refused, limit named."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.programs.importing import limits, services
from ipcity.programs.importing.services import UploadRejected, plan_import_create
from ipcity.programs.importing.validation import plan_problems
from ipcity.programs.models import PlanImport

pytestmark = pytest.mark.django_db
SEED = "003_ad1ce068d66b7838"  # the seed with the most tasks (31)


def _upload(client, name: str, data: bytes):
    return client.post(reverse("programs:importing:upload"), {"document": SimpleUploadedFile(name, data)})


def test_a_5_mb_pasted_text_is_refused_before_parsing_with_the_limit_named(client, office_user, seeds_dir,
                                                                           monkeypatch):
    text = (seeds_dir / f"{SEED}.txt").read_text(encoding="utf-8")
    pasted = (text * (5 * 1024 * 1024 // len(text.encode()) + 1)).encode()
    assert len(pasted) > 5 * 1024 * 1024
    # The parser (seconds of a worker for this text) must never run on it.
    monkeypatch.setattr(services, "read_plan_file", lambda *a, **k: pytest.fail("the text was parsed"))
    client.force_login(office_user)
    response = _upload(client, "粘贴的计划.txt", pasted)
    html = response.content.decode()
    assert response.status_code == 400
    assert "文本过长" in html and f"每份计划最多 {limits.MAX_TEXT_CHARS:,} 字" in html
    assert PlanImport.objects.count() == 0


def test_html_markup_does_not_count_as_text():
    page = ("<html><body>" + "<div class='x'><span>专利</span></div>" * 50_000 + "</body></html>").encode()
    assert limits.raw_text_length(page) == 100_000
    assert limits.text_length_problem(100_000) is None
    assert limits.raw_text_length(b"%PDF-1.4 ...") is None


def test_a_document_over_the_limit_is_refused_after_reading(office_user):
    import docx

    document = docx.Document()
    for _ in range(limits.MAX_TEXT_CHARS // 1000 + 5):
        document.add_paragraph("知识产权" * 250)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(UploadRejected, match=f"每份计划最多 {limits.MAX_TEXT_CHARS:,} 字"):
        plan_import_create(user=office_user, uploaded=SimpleUploadedFile("大文件.docx", buffer.getvalue()))
    assert PlanImport.objects.count() == 0


def test_plan_json_with_thousands_of_items_is_refused_with_both_counts(client, office_user, load_gold):
    plan = load_gold(SEED)
    plan["indicators"] = [plan["indicators"][0]] * 2192
    plan["tasks"] = [plan["tasks"][0]] * 5206
    client.force_login(office_user)
    response = _upload(client, "plan.json", json.dumps(plan, ensure_ascii=False).encode())
    html = response.content.decode()
    assert response.status_code == 400
    assert f"指标过多（2,192 个），每份计划最多 {limits.MAX_INDICATORS} 个指标" in html
    assert f"任务过多（5,206 项），每份计划最多 {limits.MAX_TASKS} 项任务" in html
    assert PlanImport.objects.count() == 0


def test_the_limits_sit_just_above_and_below(load_gold):
    plan = load_gold(SEED)
    plan["tasks"] = [plan["tasks"][0]] * limits.MAX_TASKS
    assert not any("任务过多" in p for p in plan_problems(plan))
    plan["tasks"].append(plan["tasks"][0])
    assert plan_problems(plan) == [f"任务过多（{limits.MAX_TASKS + 1} 项），每份计划最多 {limits.MAX_TASKS} 项任务"]


def test_a_real_plan_text_passes(office_user, seeds_dir):
    data = (seeds_dir / f"{SEED}.txt").read_bytes()
    plan_import = plan_import_create(user=office_user, uploaded=SimpleUploadedFile("方案.txt", data))
    assert len(plan_import.parsed["tasks"]) == 31


def test_the_review_page_of_a_plan_at_the_limits_stays_bounded(client, office_user, load_gold):
    """At 300 indicators and 600 tasks the review page is about 1 MB (the 5 MB paste made 10 MB)."""
    plan = load_gold(SEED)
    indicators, tasks = plan["indicators"], plan["tasks"]
    plan["indicators"] = [dict(indicators[i % len(indicators)], name=f"指标{i}") for i in range(limits.MAX_INDICATORS)]
    plan["tasks"] = [dict(tasks[i % len(tasks)], ref=f"{i}") for i in range(limits.MAX_TASKS)]
    client.force_login(office_user)
    response = _upload(client, "plan.json", json.dumps(plan, ensure_ascii=False).encode())
    assert response.status_code == 302
    review = client.get(response["Location"])
    assert review.status_code == 200 and len(review.content) < 2 * 1024 * 1024
