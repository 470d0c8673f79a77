"""Who issues the plan: the signature line above the date of issue (``metadata.issuer`` for a
joint signature), else the notice's ``X关于印发`` (``metadata.notice_issuer`` for a masthead, a
subject set under its body, a joint notice's lead, a site's labelled 发布机构), else a page's ``来源：``; and the signature
(issuer and date) that closes a plan published without a cover notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.head_lines import ISSUER, squeeze
from ipcity.plans.extract.issue_dates import find_date
from ipcity.plans.registry import Registry
from ipcity.plans.structure import ends_plan
from ipcity.plans.vocabulary import ISSUER_LABELS, alternation

_SOURCE = re.compile(r"来源\s*[:：]\s*([\u4e00-\u9fff（）()]{2,30}?)(?:\s|$|发布)")
_NOTICE_ISSUER = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府(?:办公室|办公厅)?|委员会|办公室|办公厅|局))关于")


def tail_signature(texts: list[str], window: int = 4) -> tuple[str | None, str | None]:
    """(issuer, date) of a signature that closes the document: an issuer line, then a date line,
    among its last few non-empty lines. Both are needed: a lone date at the end is no signature."""
    lines = [squeeze(t) for t in texts if t.strip()]
    # the signature closes the plan proper: before its appendices (附件) if it has any
    ends = [len(lines)] + [k for k, t in enumerate(lines) if _APPENDIX_START.match(t)]
    # nor does anything after the plan proper (a WeChat article's tail): the signature stands before
    ends += [k for k, t in enumerate(lines) if k > 1 and ends_plan(t)][:1]
    for end in ends:
        last = lines[max(0, end - window):end]
        for k in range(len(last) - 1, 0, -1):
            date, _ = find_date([last[k]])
            if date is not None and ISSUER.match(last[k - 1]):
                return last[k - 1], date
    return None, None


_APPENDIX_START = re.compile(r"^附件\s*\d*\s*[:：]?$")


# Who signed, from the signature line found above the date: ``rule(lines above the date as written,
# k) -> issuer`` (``k`` the signature line's index in them); the first that answers wins, else that line.
ISSUER_RULES: Registry[Callable[[list[str], int], str | None]] = Registry(
    "metadata.issuer", "the issuer of a signature above the date of issue")


@ISSUER_RULES.register("joint_signature", priority=10)
def joint_signature(lines: list[str], k: int) -> str | None:
    """``中共X市委办公室`` / ``X市人民政府办公室`` / the date: a joint issuance is signed by each body on
    its own line; the issuer is both, in the order signed, apart by a space as the notice's heading
    writes them (``中共X市委办公室 X市人民政府办公室关于印发…``)."""
    above, signed = (squeeze(lines[k - 1]) if k > 0 else ""), squeeze(lines[k])
    if k > 0 and ISSUER.match(above) and above != signed:
        return f"{above} {signed}"
    return None


@ISSUER_RULES.register("bodies_on_one_line", priority=5)
def bodies_on_one_line(lines: list[str], k: int) -> str | None:
    """``X市人民政府　Y省知识产权局`` on one signature line, the bodies set apart by spaces (a web page
    lays a joint signature out so): the issuer is both, apart by a space, as ``joint_signature``
    gives them. A name a PDF letter-spaces (``X 市 人 民 政 府``) has parts that name no body."""
    parts = lines[k].split()
    if len(parts) > 1 and all(ISSUER.match(part) for part in parts):
        return " ".join(parts)
    return None


def find_issuer(texts: list[str], date_at: int | None) -> str | None:
    if date_at is not None:
        lines = [text.strip() for text in texts[max(0, date_at - 3):date_at]]
        above = [squeeze(text) for text in lines]
        for k in range(len(above) - 1, -1, -1):
            if ISSUER.match(above[k]):
                return next((found for rule in ISSUER_RULES if (found := rule(lines, k))), above[k])
    for text in texts:
        m = _NOTICE_ISSUER.match(squeeze(text))
        if m:
            return joint_head(text) or m.group("issuer")
    for rule in NOTICE_ISSUER_RULES:
        found = rule(texts)
        if found:
            return found
    return source_issuer(texts)


_JOINT_HEAD = re.compile(r"^\s*(?P<bodies>(?:[\u4e00-\u9fff（）()]{2,30}?\s+)+[\u4e00-\u9fff（）()]{2,30}?)关于")


def joint_head(text: str) -> str | None:
    """``X市场监管局 Y知识产权局关于…的通知``: a notice head naming two bodies or more, set apart by
    spaces, is a joint issuance; the issuer is each body, apart by a space, as a joint signature
    gives them (a name a PDF letter-spaces has parts that name no body)."""
    m = _JOINT_HEAD.match(text)
    if m is None:
        return None
    parts = m.group("bodies").split()
    return " ".join(parts) if all(ISSUER.match(part) for part in parts) else None


# Who issues a notice no signature above a date names (after ``X关于印发…`` on one line, before
# the page's ``来源：X``): ``rule(texts) -> issuer or None``, the first that answers wins.
NOTICE_ISSUER_RULES: Registry[Callable[[list[str]], str | None]] = Registry(
    "metadata.notice_issuer", "the issuer of a notice whose signature gives none")
# (``关于印发…的通知``, or the subject line of an 意见, which is its own document)
_SUBJECT_LINE = re.compile(r"^关于(?:印发|转发|发布|公布|[^《》。；：:]{4,60}的(?:实施|指导|若干)?意见$)")


@NOTICE_ISSUER_RULES.register("body_above_subject", priority=10)
def body_above_subject(texts: list[str]) -> str | None:
    """``X市人民政府`` on a line of its own over ``关于印发…的通知`` (or over an 意见's own subject line,
    ``关于…的指导意见``): the head set in two lines, the issuing body above its subject, as a government
    site prints a 红头 document."""
    lines = [squeeze(text) for text in texts[:12] if text.strip()]
    for above, line in zip(lines, lines[1:], strict=False):
        if ISSUER.match(above) and _SUBJECT_LINE.match(line):
            return above
    return None


_MASTHEAD = re.compile(r"^(?P<issuer>.+?)文件$")


@NOTICE_ISSUER_RULES.register("masthead", priority=15)
def masthead(texts: list[str]) -> str | None:
    """``X市人民政府文件`` over the number: the masthead of a 红头 document names the body that
    issues it (the subject line below may say only ``市政府关于…``)."""
    for text in texts[:6]:
        m = _MASTHEAD.match(squeeze(text))
        if m and ISSUER.match(m.group("issuer")):
            return m.group("issuer")
    return None


_LABELLED_ISSUER = re.compile(
    rf"(?:{alternation(ISSUER_LABELS)})[\s|｜:：\]】]*([\u4e00-\u9fff（）()]{{2,30}}?)(?=\s|[|｜]|$|文号|发布|成文|索引)")


@NOTICE_ISSUER_RULES.register("labelled_issuer", priority=20)
def labelled_issuer(texts: list[str]) -> str | None:
    """A government site's 信息公开 table above the document: ``发布机构 | 国家知识产权局``,
    ``发布部门:某市人民政府办公室 发布时间:…`` (cells as the reader gives them: bars, a colon, spaces).
    The field names the body that issued the document, not who posted the page (``来源``)."""
    for text in [t for t in texts if t.strip()][:15]:
        m = _LABELLED_ISSUER.search(text)
        if m and ISSUER.match(m.group(1)):
            return m.group(1)
    return None


_JOINT_NOTICE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府(?:办公室|办公厅)?|委员会|办公室|办公厅|局|厅|委))"
    r"等[一二三四五六七八九十\d]{1,3}(?:个)?(?:部门|单位)(?:联合)?关于")


@NOTICE_ISSUER_RULES.register("lead_of_joint_notice", priority=5)
def lead_of_joint_notice(texts: list[str]) -> str | None:
    """``X省知识产权局等八部门关于印发…的通知``: a joint notice names its lead body and counts the
    others; the lead is the issuer (the signature lists all, two or three to a line)."""
    for text in texts[:12]:
        m = _JOINT_NOTICE.match(squeeze(text))
        if m:
            return m.group("issuer")
    return None


def source_issuer(texts: list[str]) -> str | None:
    """A web page's or article's ``来源：X`` naming a body: who published the page."""
    for text in texts:
        m = _SOURCE.search(text)
        if m and ISSUER.match(m.group(1)):
            return m.group(1)
    return None
