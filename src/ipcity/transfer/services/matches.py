"""Matches: propose (the ranker), curate (keep, remove, add by hand), mark wrong, publish.

``matches_propose`` ranks the dataset's index for the need (``ipcity.matching.ranker.rank``, with
the office's IPC ↔ industry concordance when one is loaded) and replaces the need's un-curated
proposals. A patent with an in-force open-licence declaration of the office's scope carries the
declaration and a note in its ``why``. Curated matches (kept, removed), manual ones, matches
already followed up and matches marked wrong are never replaced; a wrong match is excluded from
every later proposal for that need.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.core.notices import reworded
from ipcity.notices import notice_of
from ipcity.text import without_bidi_controls
from ipcity.transfer.access import (
    access_require_transfer_office,
    declarations_visible_to,
    match_for,
    need_edit_for,
)
from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed
from ipcity.transfer.selectors import in_force
from ipcity.transfer.services._common import (
    data_dir,
    declaration_note,
    library_need,
    match_snapshot,
    need_snapshot,
    normalise_pub_number,
    pub_number_problem,
    record_match,
)

TOP = 20


def _in_force(user: User, pub_numbers: list[str]) -> dict[str, LicenceDeclaration]:
    declarations = in_force(declarations_visible_to(user).filter(pub_number__in=pub_numbers))
    return {d.pub_number: d for d in declarations}


def _locked_need(user: User, need_id: int) -> TechNeed:
    need_edit_for(user, need_id)
    need = TechNeed.objects.select_for_update().get(pk=need_id)
    if need.status == "closed":
        raise ValidationError(_("需求已关闭"))
    return need


def _holders(applicants: Any) -> str:
    if isinstance(applicants, list | tuple):
        applicants = "|".join(str(a) for a in applicants)
    return str(applicants or "")[:500]


@transaction.atomic
def matches_propose(*, need: TechNeed, dataset: str, user: User, top: int = TOP) -> list[Match]:
    """Rank the dataset for the need; the new proposals replace the un-curated ones."""
    from ipcity.matching.concordance import current_concordance
    from ipcity.matching.index import IndexNotBuilt, load_index
    from ipcity.matching.ranker import rank

    need = _locked_need(user, need.pk)
    try:
        index = load_index(dataset, data_dir=data_dir())
    except IndexNotBuilt as exc:
        raise ValidationError(reworded(notice_of(exc))) from exc
    if index.summary.outdated:
        # Its terms were cut otherwise than the need's: the list would be worse without a word of
        # why (``ipcity migrate`` builds such indexes again; one restored from an older backup is not).
        raise ValidationError(_("数据集 %(dataset)s 的匹配索引建于分词方式更改之前：请先在“专利供给”页重建索引")
                              % {"dataset": dataset})
    replaceable = need.matches.filter(origin="ranker", curated="", marked_wrong=False, stage="proposed",
                                      published=False)
    replaced = replaceable.count()
    replaceable.delete()
    # Everything still on the need (curated, manual, followed up, wrong) is not proposed again.
    exclude = set(need.matches.values_list("pub_number", flat=True))
    # The list's order is its rank: what stays on it keeps its place and the new proposals follow,
    # so a patent added by hand before this round never shares a number with one of them.
    after = need.matches.order_by("-rank").values_list("rank", flat=True).first() or 0
    hits = rank(index, library_need(need), top=top, concordance=current_concordance(data_dir()),
                exclude=exclude, data_dir=data_dir())
    declared = _in_force(user, [hit.pub_number for hit in hits])
    created = []
    for position, hit in enumerate(hits, start=1):
        why: dict[str, Any] = hit.why.as_dict()
        declaration = declared.get(hit.pub_number)
        if declaration is not None:
            why["declaration"] = declaration_note(declaration)
        match = Match.objects.create(
            need=need, dataset=dataset, pub_number=hit.pub_number, title=(hit.title or "")[:500],
            holder=_holders(hit.applicants), declaration=declaration, score=round(float(hit.score), 4), why=why,
            rank=after + position, origin="ranker")
        record_match(user=user, match=match, step="propose", before=None, save=False,
                     note=_("数据集 %(dataset)s，第 %(rank)s 名") % {"dataset": dataset, "rank": after + position})
        created.append(match)
    audit_record(actor=user, action="transfer.need.propose", obj=need, after=need_snapshot(need),
                 note=_("数据集 %(dataset)s：新推荐 %(new)s 件，替换 %(old)s 件") % {
                     "dataset": dataset, "new": len(created), "old": replaced})
    return created


@transaction.atomic
def match_add_manual(*, user: User, need_id: int, pub_number: str, title: str = "", holder: str = "",
                     dataset: str = "", note: str = "") -> Match:
    """Add a patent to the need's list by hand (kept at once)."""
    need = _locked_need(user, need_id)
    title, holder, note = (without_bidi_controls(text) for text in (title, holder, note))
    pub_number = normalise_pub_number(pub_number)
    if problem := pub_number and pub_number_problem(pub_number):
        raise ValidationError(problem)
    if len(pub_number) < 5:
        raise ValidationError(_("请填写专利号"))
    existing = need.matches.filter(pub_number=pub_number).first()
    if existing is not None:
        if existing.marked_wrong:
            raise ValidationError(_("该专利已被标记为错误匹配，不再加入此需求：%(pub)s") % {"pub": pub_number})
        raise ValidationError(_("该专利已在匹配清单中：%(pub)s") % {"pub": pub_number})
    declaration = _in_force(user, [pub_number]).get(pub_number)
    if declaration is not None:
        title = title or declaration.title
        holder = holder or declaration.holder
    why: dict[str, Any] = {"note": note.strip()} if note.strip() else {}
    if declaration is not None:  # as a proposal of the same patent would say
        why["declaration"] = declaration_note(declaration)
    last = need.matches.order_by("-rank").values_list("rank", flat=True).first() or 0
    match = Match.objects.create(
        need=need, dataset=dataset, pub_number=pub_number, title=title.strip()[:500], holder=holder.strip()[:500],
        declaration=declaration, score=0.0, rank=last + 1, curated="kept",
        origin="declaration" if declaration is not None else "manual", why=why)
    record_match(user=user, match=match, step="add", before=None, save=False, note=note.strip())
    return match


def _locked_match(user: User, match_id: int) -> Match:
    match_for(user, match_id)
    access_require_transfer_office(user)
    return Match.objects.select_for_update().select_related("need").get(pk=match_id)


@transaction.atomic
def match_curate(*, user: User, match_id: int, keep: bool) -> Match:
    match = _locked_match(user, match_id)
    if match.marked_wrong:
        raise ValidationError(_("已标记为错误的匹配不能再审核"))
    if not keep and match.stage not in ("proposed", "dropped"):
        raise ValidationError(_("已在对接中的匹配不能移除，请先终止"))
    before = match_snapshot(match)
    match.curated = "kept" if keep else "removed"
    if not keep:
        match.published = False
    record_match(user=user, match=match, step="keep" if keep else "remove", before=before)
    return match


@transaction.atomic
def match_mark_wrong(*, user: User, match_id: int, reason: str) -> Match:
    """Office only, with a reason: the match leaves the list and is never proposed again for the need."""
    match = _locked_match(user, match_id)
    if match.marked_wrong:
        raise ValidationError(_("该匹配已标记为错误"))
    if not reason.strip():
        raise ValidationError(_("请填写错误原因"))
    if match.stage == "contract":
        raise ValidationError(_("已签约的匹配不能标记为错误"))
    before = match_snapshot(match)
    match.marked_wrong, match.wrong_reason = True, reason.strip()
    match.wrong_by, match.wrong_at, match.published = user, timezone.now(), False
    record_match(user=user, match=match, step="wrong", before=before, note=reason.strip())
    return match


@transaction.atomic
def need_publish(*, user: User, need_id: int) -> TechNeed:
    """Publish the need's list: its kept matches (not wrong) go on the public page."""
    need = _locked_need(user, need_id)
    kept = list(need.matches.filter(curated="kept", marked_wrong=False))
    if not kept:
        raise ValidationError(_("没有保留的匹配，无法发布：请先审核推荐结果"))
    before = need_snapshot(need)
    need.matches.exclude(pk__in=[m.pk for m in kept]).update(published=False)
    for match in kept:
        if not match.published:
            match.published = True
            record_match(user=user, match=match, step="publish", before=None)
    need.published_at = timezone.now()
    need.save()
    audit_record(actor=user, action="transfer.need.publish", obj=need, before=before, after=need_snapshot(need),
                 note=_("发布 %(n)s 条匹配") % {"n": len(kept)})
    return need
