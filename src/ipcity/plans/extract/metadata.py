"""Metadata: title, region, issuer, document number, date of issue and period, put together.

All of it is read from the head of the document (``head_lines``); each field has a module of its
own: ``plan_title``, ``issuers``, ``issue_dates``, ``doc_numbers``, ``plan_period``,
``plan_region``. This module decides which of them speak: a head putting out a draft for comment
(``metadata.draft``) issues nothing, and a plan without a date in its head may be signed at its end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.extract.doc_numbers import DOC_NUMBER_RULES, find_doc_number
from ipcity.plans.extract.head_lines import head_lines, split_glued_date, squeeze
from ipcity.plans.extract.issue_dates import find_date
from ipcity.plans.extract.issuers import find_issuer, source_issuer, tail_signature
from ipcity.plans.extract.plan_period import ISSUE_YEAR_RULES, find_period
from ipcity.plans.extract.plan_region import find_region
from ipcity.plans.extract.plan_title import fallback_title, find_title
from ipcity.plans.normalise import Line
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import DRAFT_MARKS, alternation


@dataclass
class Metadata:
    title: str
    region: str
    issuer: str | None
    doc_number: str | None
    issued_on: str | None
    period: tuple[int, int] | None


def extract_metadata(physical: list[Line], body_text: str) -> Metadata:
    head = head_lines(physical)
    texts = [part for ln in head for part in split_glued_date(ln.text)]
    title = find_title(texts) or fallback_title(texts, body_text)
    if any(rule(texts) for rule in DRAFT_RULES):
        # a draft put out for comment: the head's signature and date are the consultation's
        return Metadata(title=title, region=find_region(title, None), issuer=None, doc_number=None,
                        issued_on=None, period=find_period(title, body_text))
    issued_on, date_at = find_date(texts)
    issuer = find_issuer(texts, date_at)
    if issued_on is None:
        # a plan published without a cover notice may be signed at its end instead; its signature
        # names the issuer better than the 来源 of the page or article that carries it
        tail_issuer, issued_on = tail_signature([ln.text for ln in physical])
        if tail_issuer and (issuer is None or issuer == source_issuer(texts)):
            issuer = tail_issuer
    doc_number = find_doc_number(texts) or next(
        (found for rule in DOC_NUMBER_RULES if (found := rule([ln.text for ln in physical]))), None)
    issued_year = int(issued_on[:4]) if issued_on else next(
        (year for rule in ISSUE_YEAR_RULES if (year := rule(doc_number, texts)) is not None), None)
    period = find_period(title, body_text, issued_year)
    return Metadata(title=title, region=find_region(title, issuer), issuer=issuer,
                    doc_number=doc_number, issued_on=issued_on, period=period)


# A head that puts out a draft for comment, whose signature, number and date are the consultation's,
# not the plan's issue: ``rule(head lines) -> bool``, any of them.
DRAFT_RULES: Registry[Callable[[list[str]], bool]] = Registry(
    "metadata.draft", "heads putting out a draft for comment, whose signature does not issue the plan")
_DRAFT_MARK = re.compile(rf"[（(](?:{alternation(DRAFT_MARKS)})[）)]|征求[^。]{{0,60}}意见的(?:公告|通知|函)")


@DRAFT_RULES.register("consultation_draft", priority=10)
def consultation_draft(texts: list[str]) -> bool:
    """``关于公开征求《…（征求意见稿）》意见的公告`` signed by the consulting office, or the plan's title
    over ``（征求意见稿）``: the plan is not issued yet, so it has no issuer, number or date of issue."""
    return any(_DRAFT_MARK.search(squeeze(text)) for text in texts)
