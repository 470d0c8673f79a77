"""Demo data: a few technology needs, open-licence declarations and matches in several stages.

The matches are added through the manual service (``match_add_manual``), then moved along by the
stage service, so the timeline and the audit trail are those of real use. The needs sit in 铜陵市
(where the demo's reporters work; an office bound to a region records them in its own), where the
demo's patent dataset (``ipcity.programs.demo.patents``) places part of its patents; its matching
index is built here, inline (no job queue), so that 推荐 on a demo need proposes patents at once. Idempotent: the index is built only when missing or
older than the dataset; no need is added when demo needs (enterprise starting 示例) exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ipcity.core.models import Profile, Role
from ipcity.programs.demo.patents import DEMO_DATASET, DEMO_NEEDS_CITY
from ipcity.transfer import services
from ipcity.transfer.models import TechNeed

PREFIX = "示例："

NEEDS = [
    ("铜陵某铜箔科技有限公司", "高频高速电路板用低轮廓电解铜箔的表面粗化处理工艺，提高剥离强度并降低信号损耗",
     "电解铜箔", "3985", "licence", 300.0),
    ("某新能源电池材料有限公司", "锂离子电池正极材料磷酸铁锂的低成本连续化烧结工艺与碳包覆技术", "磷酸铁锂正极材料",
     "3841", "transfer", 500.0),
    ("某智能装备制造有限公司", "工业机器人视觉定位与焊缝跟踪系统，适用于铜排焊接生产线", "焊接机器人", "3491",
     "cooperation", None),
]
DECLARATIONS = [
    ("CN99000001A", "一种电解铜箔表面粗化处理方法", "invention", "安徽某某大学", "one_off", 50.0, None, None, ""),
    ("CN99000002U", "一种铜排焊接夹具", "utility", "某某工业大学", "royalty", None, None, 3.0, "ZL-PJ-2025-0001"),
    ("CN99000003A", "一种磷酸铁锂的碳包覆方法", "invention", "某某研究院", "one_off", 2500.0, None, None, ""),
]
# (need index, pub number, title, holder, the stages to play)
MATCHES: list[tuple[int, str, str, str, list[str]]] = [
    (0, "CN99000001A", "", "", ["contacted", "negotiating", "contract"]),
    (0, "CN99000010A", "一种低轮廓铜箔的制备方法", "某某材料研究所", ["contacted"]),
    (1, "CN99000003A", "", "", ["contacted", "negotiating"]),
    (1, "CN99000011B", "一种磷酸铁锂正极材料连续烧结装置", "某某大学", []),
    (2, "CN99000002U", "", "", ["contacted", "dropped"]),
]


def _office() -> tuple[Any, str | None]:
    """The office user who records the demo data, and the region code of its needs."""
    profile = (Profile.objects.filter(role=Role.OFFICE, region__isnull=False, user__is_active=True)
               .select_related("user", "region").order_by("pk").first())
    if profile is not None and profile.region is not None:
        return profile.user, profile.region.code
    office = (get_user_model().objects.filter(Q(is_superuser=True) | Q(profile__role__in=[Role.OFFICE, Role.ADMIN]),
                                              is_active=True).order_by("pk").first())
    # 铜陵市, whose firms the needs are written as: the demo's patent dataset places patents there.
    return office, DEMO_NEEDS_CITY[0]


def build_demo_index(stdout: TextIO) -> bool:
    """Build the demo dataset's matching index when it is missing, older than the dataset, or made
    by another cut than the queries' (``IndexSummary.outdated``)."""
    from django.conf import settings

    from ipcity.analytics import datasets
    from ipcity.matching.index import SUMMARY_FILE, build_index, index_dir, index_status

    if not datasets.exists(DEMO_DATASET, settings.DATA_DIR):
        return False
    status = index_status(DEMO_DATASET, data_dir=settings.DATA_DIR)
    written_at = datasets.read_manifest(DEMO_DATASET, settings.DATA_DIR).get("written_at")
    # The summary's modification time, not its built_at (to the second): a dataset rewritten within
    # the second after a build must still be indexed again.
    summary_file = index_dir(DEMO_DATASET, settings.DATA_DIR) / SUMMARY_FILE
    if status is not None and not status.outdated and written_at and \
            summary_file.stat().st_mtime >= dt.datetime.fromisoformat(written_at).timestamp():
        stdout.write(f"transfer: matching index of {DEMO_DATASET} already built\n")
        return False
    # Another process building the same index at the same moment is the index's own affair (it
    # moves the other build aside: ``matching.index._replace``).
    summary = build_index(DEMO_DATASET, data_dir=settings.DATA_DIR)
    stdout.write(f"transfer: matching index of {DEMO_DATASET} built ({summary.documents} patents, "
                 f"{summary.terms} terms, {summary.seconds:.1f} s)\n")
    return True


def load_demo(*, stdout: TextIO) -> None:
    build_demo_index(stdout)
    if TechNeed.objects.filter(enterprise__startswith=PREFIX).exists():
        stdout.write("transfer: demo needs already present\n")
        return
    office, region_code = _office()
    if office is None or region_code is None:
        stdout.write("transfer: no office user or no city region; no demo needs\n")
        return
    today = timezone.localdate()
    try:
        with transaction.atomic():
            needs = [services.need_create(user=office, source="demo", data=services.NeedInput(
                enterprise=PREFIX + enterprise, description=text, region_code=region_code, products=products,
                industry_code=industry, mode=mode, budget_wan=budget, contact_person="赵敏",
                phone=f"1390562{n:04d}")) for n, (enterprise, text, products, industry, mode, budget) in enumerate(NEEDS)]
            for pub, title, kind, holder, fee_type, fixed, entry, royalty, report in DECLARATIONS:
                services.declaration_create(user=office, data=services.DeclarationInput(
                    pub_number=pub, title=title, patent_kind=kind, holder=holder, region_code=region_code,
                    declared_on=today - dt.timedelta(days=60), fee_type=fee_type, fixed_fee_wan=fixed,
                    entry_fee_wan=entry, royalty_sales_pct=royalty, evaluation_report=report,
                    contact="技术转移中心 0562-1234567", application_field="新材料", term="3年"))
            for need_index, pub, title, holder, stages in MATCHES:
                match = services.match_add_manual(user=office, need_id=needs[need_index].pk, pub_number=pub,
                                                  title=title, holder=holder, note="演示数据")
                for stage in stages:
                    services.match_stage_step(
                        user=office, match_id=match.pk, stage=stage, contract_kind="licence",
                        filing_number=f"{today.year}34070000001", contract_date=today, amount_wan=50.0,
                        reason="企业转向自主研发")
            services.need_publish(user=office, need_id=needs[0].pk)
    except ValidationError as exc:
        stdout.write(f"transfer: demo data left out: {'；'.join(exc.messages)}\n")
        return
    stdout.write(f"transfer: {len(NEEDS)} demo needs, {len(DECLARATIONS)} declarations, {len(MATCHES)} matches\n")
