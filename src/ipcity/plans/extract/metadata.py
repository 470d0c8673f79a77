"""Metadata: title, region, issuer, document number, date of issue and period.

All of it is read from the head of the document (before its first numbered section), on the
physical lines, because a cover notice is short lines that must not be joined:
- title: the last line (or two or three consecutive lines) before the body that ends in
  方案/规划/计划/纲要 (with a year range), that is not the notice's ``关于印发…的通知``, with a mark
  of its edition on the line under it (``TITLE_MARK_RULES``: ``（2025年修订版）``);
- doc_number: a line that is only ``X〔2022〕49号`` (else the 版记's 印发 line at the foot,
  ``DOC_NUMBER_RULES``); issued_on: a line that is only a date
  (or a page's ``发布时间``); issuer: the signature line before that date, else the notice's
  ``X关于印发``, else a signature closing the plan (before its 附件 or an article's tail), else a
  web page's ``来源:``;
- region: the place name at the start of the title; period: the title's years (2022—2025),
  or 十四五 → 2021–2025, or the span of 到YYYY年.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.normalise import Line
from ipcity.plans.numbering import cn_to_int, match_numbering
from ipcity.plans.registry import Registry
from ipcity.plans.structure import ends_plan
from ipcity.plans.vocabulary import DOC_NUMBER_LABELS, DRAFT_MARKS, REVISION_MARKS, ZERO_CHARS, alternation

_TITLE_END = re.compile(r"(?:方案|规划|计划|纲要|意见|办法|要点)(?:\s*[（(][^（）()]{0,20}[）)])?$")
_NOT_TITLE = re.compile(r"通知|印发|^关于|[。；：:]|^来源|^发布")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CN_DATE = re.compile(rf"^((?:[一二三四五六七八九]|{alternation(ZERO_CHARS)}){{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日$")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|成文日期|日期)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_SOURCE = re.compile(r"来源\s*[:：]\s*([\u4e00-\u9fff（）()]{2,30}?)(?:\s|$|发布)")
# (国务院, the State Council, signs by its name alone)
_ISSUER = re.compile(r"^(?:国务院|[\u4e00-\u9fff（）()]{2,30}(?:人民政府(?:办公室|办公厅)?|政府|委员会|管委会|管理委员会|办公室|办公厅|局))$")
_NOTICE_ISSUER = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,30}?(?:人民政府(?:办公室|办公厅)?|委员会|办公室|办公厅|局))关于")
_YEARS = re.compile(r"[（(]\s*(\d{4})\s*[—\-－–~～至到]+\s*(\d{4})\s*年?\s*[）)]")
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
_GOAL_YEAR = re.compile(r"到\s*(20\d{2})\s*年")
# A city's 市 is never the first character of 市场 (``某县市场监督管理局`` is a county's bureau).
_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}?(?:市(?!场)|自治州|地区|盟))"
    r"(?:[\u4e00-\u9fff]{2,3}?(?:区|县|旗))?|^[\u4e00-\u9fff]{2,4}?(?:县|区|旗)"
)
_NOT_PLACE = re.compile(r"国家|知识|产权|关于|建设|试点")


@dataclass
class Metadata:
    title: str
    region: str
    issuer: str | None
    doc_number: str | None
    issued_on: str | None
    period: tuple[int, int] | None


def head_lines(physical: list[Line]) -> list[Line]:
    """The lines before the document's first top-level numbered section (一、 or 第一章)."""
    for k, line in enumerate(physical):
        numbering = match_numbering(line.text)
        if numbering is not None and numbering.scheme in ("cn", "chapter章", "chapter部分", "chapter条") and numbering.ordinal == 1:
            return physical[:k]
    return physical[:40]


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


_DATE_THEN_TITLE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(\S.{5,})$")


def split_glued_date(text: str) -> list[str]:
    """``2025年2月18日某市…工作方案（2025—2027年）``: a signature date at the foot of one PDF
    page glued to the title at the top of the next; the two lines it was. And ``某政发〔2009〕1号
    2009年1月5日``: a law database prints the number and the date of issue on one line."""
    m = _DATE_THEN_TITLE.match(text.strip())
    if m and _TITLE_END.search(squeeze(m.group(2))) and not _NOT_TITLE.search(m.group(2)):
        return [m.group(1), m.group(2)]
    m = _NUMBER_THEN_DATE.match(text.strip())
    if m and _DOC_NUMBER.match(m.group(1)):
        return [m.group(1), m.group(2)]
    return [text]


_NUMBER_THEN_DATE = re.compile(r"^(\S.*?号)\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


_CJK = re.compile(r"[\u4e00-\u9fff]")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_title(texts: list[str]) -> str | None:
    """The last title-shaped line (or run of up to three lines) in the head, with a line of the
    title's own mark under it (``TITLE_MARK_RULES``: ``（2025年修订版）``)."""
    found = None
    k = 0
    while k < len(texts):
        best = 0
        for n in (1, 2, 3):
            if k + n > len(texts):
                break
            candidate = squeeze(_ATTACHMENT.sub("", "".join(texts[k:k + n])))
            if any(_NOT_TITLE.search(squeeze(_ATTACHMENT.sub("", t))) for t in texts[k:k + n]):
                break
            if n > 1 and not (continues_title(texts[k + n - 2]) or _YEARS.fullmatch(squeeze(texts[k + n - 1]))):
                break
            if 6 <= len(candidate) <= 80 and _TITLE_END.search(candidate):
                found, best = candidate, n  # the longest run wins: a title broken over lines
        if best and found and k + best < len(texts) and any(rule(texts[k + best]) for rule in TITLE_MARK_RULES):
            found, best = found + squeeze(texts[k + best]), best + 1
        k += max(best, 1)
    return found


# A line under a title that is part of it (a bracketed mark of its edition): ``rule(line) -> bool``,
# any of them.
TITLE_MARK_RULES: Registry[Callable[[str], bool]] = Registry(
    "metadata.title_mark", "a line under the plan's title that is part of it (the mark of its edition)")
_REVISION_MARK = re.compile(rf"^[（(](?:\d{{4}}年)?(?:{alternation(REVISION_MARKS)})[）)]$")


@TITLE_MARK_RULES.register("revision_mark", priority=10)
def revision_mark(text: str) -> bool:
    """``（2025年修订版）`` under the title: the plan re-issued as revised is the plan in force, and the
    notice that issues it names it with the mark (a draft's mark is no part of the title: the draft is
    not issued)."""
    return bool(_REVISION_MARK.match(squeeze(text)))


def continues_title(text: str) -> bool:
    """Whether a head line can be the first part of a title broken over lines."""
    t = squeeze(text)
    # A line without a Chinese character (a file name or code a PDF prints above the title, as a
    # one-page document's running header) is no part of a Chinese plan's title.
    return bool(_CJK.search(t)) and not (_ISSUER.match(t) or _DATE.match(t) or _CN_DATE.match(t)
                                         or _DOC_NUMBER.match(t) or re.match(r"^[（(].*[）)]$", t)
                                         or _TITLE_END.search(t))


# Where no head line is a title: the plan's name found another way, ``rule(head lines) -> title or
# None``, first that answers (before a 《…》 the head or the body quotes, which may be another work).
TITLE_FALLBACK_RULES: Registry[Callable[[list[str]], str | None]] = Registry(
    "metadata.title_fallback", "the plan's name where no head line is its title")
_NOTICE_SUBJECT = re.compile(r"关于(?:印发|转发|发布)《?(?P<title>[^《》]{4,60}?)》?的(?:通知|函|决定)$")


@TITLE_FALLBACK_RULES.register("notice_subject", priority=10)
def notice_subject(texts: list[str]) -> str | None:
    """``某省人民政府办公厅关于印发某省…工作实施方案的通知`` over a page that starts in the middle of
    the plan (or whose own title line is lost): the notice names what it issues; a 《…》 in the text
    may be another document (a step's ``研究起草《…工作方案》``)."""
    for text in texts:
        m = _NOTICE_SUBJECT.search(squeeze(text))
        if m:
            return m.group("title")
    return None


def fallback_title(texts: list[str], body_text: str) -> str:
    found = next((title for rule in TITLE_FALLBACK_RULES if (title := rule(texts))), None)
    if found:
        return found
    for text in texts + [body_text[:200]]:
        m = re.search(r"《([^》]{4,60})》", text)
        if m:
            return squeeze(m.group(1))
    first = next((t for t in texts if t.strip()), "")
    return squeeze(first)[:80] or "未命名方案"


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


def find_doc_number(texts: list[str]) -> str | None:
    for text in texts:
        if _DOC_NUMBER.match(text.strip()):
            return squeeze(text)
    return None


# Where the head has no number line: the document's number found elsewhere, ``rule(all lines) ->
# number or None``, first that answers.
DOC_NUMBER_RULES: Registry[Callable[[list[str]], str | None]] = Registry(
    "metadata.doc_number", "the document's number where no head line is one (the foot's 版记)")
_IMPRINT = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")
_NUMBER_OPENING = re.compile(_DOC_NUMBER.pattern.removesuffix("$"))


@DOC_NUMBER_RULES.register("imprint_line", priority=10)
def imprint_line(texts: list[str]) -> str | None:
    """The 版记 at the document's foot: ``檀政办发〔2025〕9号　某办公室　2025年6月12日印发`` (the number on
    the 印发 line, or on the line just above it), among the last lines; a number quoted in the text
    (``原方案（某政办发〔2024〕6号）``) opens no line and is never taken."""
    lines = [squeeze(t) for t in texts if t.strip()][-6:]
    for k, line in enumerate(lines):
        if _IMPRINT.search(line):
            for candidate in (line, lines[k - 1] if k else ""):
                m = _NUMBER_OPENING.match(candidate)
                if m:
                    return m.group()
    return None


@DOC_NUMBER_RULES.register("bracketed_number_line", priority=8)
def bracketed_number_line(texts: list[str]) -> str | None:
    """``（某政发〔2012〕8号）`` on a line of its own under the notice's title (as a gazette or a law
    database prints it): the number, less its brackets. Only the head's lines: a bracketed number
    in the text quotes another document (``根据《…》（某政发〔2020〕3号）``) and never stands alone."""
    for text in [t for t in texts if t.strip()][:12]:
        m = _BRACKETED_NUMBER.match(squeeze(text))
        if m:
            return m.group(1)
    return None


_BRACKETED_NUMBER = re.compile(r"^[（(](" + _DOC_NUMBER.pattern.removeprefix("^").removesuffix("$") + r")[）)]$")


@DOC_NUMBER_RULES.register("labelled_number", priority=6)
def labelled_number(texts: list[str]) -> str | None:
    """A government site's 信息公开 table above the document: ``文号 | 温政办〔2022〕73 号 | 有效性…``,
    ``[ 发文字号 ] | 某府发〔2025〕12号``, ``发布机构：某区人民政府 文号：某政发〔2023〕4号`` (cells as the
    reader gives them: tabs, bars, brackets or a colon after the label), among the head's lines."""
    for text in [t for t in texts if t.strip()][:15]:
        m = _LABELLED_NUMBER.search(text)
        if m:
            return squeeze(m.group(1))
    return None


_LABELLED_NUMBER = re.compile(
    rf"(?:{alternation(DOC_NUMBER_LABELS)})[\s|｜:：\]】]*"
    r"([\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号)")


def find_date(texts: list[str]) -> tuple[str | None, int | None]:
    for k, text in enumerate(texts):
        t = squeeze(text)
        m = _DATE.match(t)
        if m:
            return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), k
        m = _CN_DATE.match(t)
        if m:
            year = int("".join(str(0 if c in ZERO_CHARS else cn_to_int(c)) for c in m.group(1)))
            return iso_date(year, cn_to_int(m.group(2)), cn_to_int(m.group(3))), k
    if not any(squeeze(t).endswith("通知") for t in texts):
        return None, None  # a page's date is the date of a notice it publishes, not of a bare plan
    for k, text in enumerate(texts):
        m = _PUBLISHED.search(text)
        if m:
            return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), k
    return None, None


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
            if date is not None and _ISSUER.match(last[k - 1]):
                return last[k - 1], date
    return None, None


_APPENDIX_START = re.compile(r"^附件\s*\d*\s*[:：]?$")



def iso_date(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


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
    if k > 0 and _ISSUER.match(above) and above != signed:
        return f"{above} {signed}"
    return None


@ISSUER_RULES.register("bodies_on_one_line", priority=5)
def bodies_on_one_line(lines: list[str], k: int) -> str | None:
    """``X市人民政府　Y省知识产权局`` on one signature line, the bodies set apart by spaces (a web page
    lays a joint signature out so): the issuer is both, apart by a space, as ``joint_signature``
    gives them. A name a PDF letter-spaces (``X 市 人 民 政 府``) has parts that name no body."""
    parts = lines[k].split()
    if len(parts) > 1 and all(_ISSUER.match(part) for part in parts):
        return " ".join(parts)
    return None


def find_issuer(texts: list[str], date_at: int | None) -> str | None:
    if date_at is not None:
        lines = [text.strip() for text in texts[max(0, date_at - 3):date_at]]
        above = [squeeze(text) for text in lines]
        for k in range(len(above) - 1, -1, -1):
            if _ISSUER.match(above[k]):
                return next((found for rule in ISSUER_RULES if (found := rule(lines, k))), above[k])
    for text in texts:
        m = _NOTICE_ISSUER.match(squeeze(text))
        if m:
            return m.group("issuer")
    for rule in NOTICE_ISSUER_RULES:
        found = rule(texts)
        if found:
            return found
    return source_issuer(texts)


# Who issues a notice no signature above a date names (after ``X关于印发…`` on one line, before
# the page's ``来源：X``): ``rule(texts) -> issuer or None``, the first that answers wins.
NOTICE_ISSUER_RULES: Registry[Callable[[list[str]], str | None]] = Registry(
    "metadata.notice_issuer", "the issuer of a notice whose signature gives none")
_SUBJECT_LINE = re.compile(r"^关于(?:印发|转发|发布|公布)")


@NOTICE_ISSUER_RULES.register("body_above_subject", priority=10)
def body_above_subject(texts: list[str]) -> str | None:
    """``X市人民政府`` on a line of its own over ``关于印发…的通知``: the notice's head set in two
    lines, the issuing body above its subject, as a government site prints a 红头 notice."""
    lines = [squeeze(text) for text in texts[:12] if text.strip()]
    for above, line in zip(lines, lines[1:], strict=False):
        if _ISSUER.match(above) and _SUBJECT_LINE.match(line):
            return above
    return None


_MASTHEAD = re.compile(r"^(?P<issuer>.+?)文件$")


@NOTICE_ISSUER_RULES.register("masthead", priority=15)
def masthead(texts: list[str]) -> str | None:
    """``X市人民政府文件`` over the number: the masthead of a 红头 document names the body that
    issues it (the subject line below may say only ``市政府关于…``)."""
    for text in texts[:6]:
        m = _MASTHEAD.match(squeeze(text))
        if m and _ISSUER.match(m.group("issuer")):
            return m.group("issuer")
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
        if m and _ISSUER.match(m.group(1)):
            return m.group(1)
    return None


# The year a plan was issued where its head gives no date of issue: ``rule(doc_number, head_texts)
# -> year or None``, the first that answers; a plan naming only its end year (到2027年) runs from it.
ISSUE_YEAR_RULES: Registry[Callable[[str | None, list[str]], int | None]] = Registry(
    "metadata.issue_year", "the year a plan was issued where no date of issue is found")
_NUMBER_YEAR = re.compile(r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]")


@ISSUE_YEAR_RULES.register("doc_number_year", priority=10)
def doc_number_year(doc_number: str | None, texts: list[str]) -> int | None:
    """``镇政发〔2007〕81号`` with no date of issue in the excerpt: the number's bracketed year is
    the year the document was issued (a number is given when it is signed)."""
    m = _NUMBER_YEAR.search(doc_number or "")
    return int(m.group(1)) if m else None


def find_period(title: str, body_text: str, issued_year: int | None = None) -> tuple[int, int] | None:
    m = _YEARS.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _FIVE_YEAR.search(title)
    if m is None:
        # the title's one year or the span the plan states win over a 十X五 the preamble cites
        # (``根据《“十四五”…规划》``), which names another plan's years
        for rule in PERIOD_RULES:
            ruled = rule(title, body_text)
            if ruled is not None:
                return ruled
        m = _FIVE_YEAR.search(body_text[:2000])
    if m:
        # the tenth five-year plan (十五) began in 2001; 十四五 is 2021–2025
        start = 2001 + 5 * cn_to_int(m.group(1))
        return start, start + 4
    heading_years = years_of_goals_heading(body_text)
    if heading_years is not None:
        return heading_years
    years = [int(y) for y in _GOAL_YEAR.findall(body_text)]
    if years:
        # the plan runs from its issue to its last 到YYYY年
        start = issued_year if issued_year is not None and issued_year <= max(years) else min(years)
        return start, max(years)
    return None


# Where the title has no year range and no 十X五: ``rule(title, body_text) -> (start, end)``, the
# first that answers wins (before a 十X五 of the body, a goals heading's years and its 到YYYY年).
PERIOD_RULES: Registry[Callable[[str, str], tuple[int, int] | None]] = Registry(
    "metadata.period", "the plan's years where its title gives no range")
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年度?")


@PERIOD_RULES.register("one_year_title", priority=10)
def one_year_title(title: str, body_text: str) -> tuple[int, int] | None:
    """``榆岭市2025年知识产权工作要点``: a title naming one year only is a plan of that year (an
    annual 工作要点 or 工作计划), though its body may look further ahead (到2027年)."""
    years = set(_TITLE_YEAR.findall(title))
    if len(years) != 1 or len(re.findall(r"\d{4}", title)) != 1:
        return None
    year = int(years.pop())
    return year, year


_SUMMARY_AND_PLAN = re.compile(r"(20\d{2})\s*年度?(?:工作)?总结(?:和|及|与|暨|、)\s*(20\d{2})\s*年度?")


@PERIOD_RULES.register("summary_and_plan", priority=9)
def summary_and_plan(title: str, body_text: str) -> tuple[int, int] | None:
    """``2024年工作总结和2025年工作要点``: a notice issuing last year's summary with this year's
    要点 (or 计划) names two years; the plan is the second year's (the summary plans nothing)."""
    m = _SUMMARY_AND_PLAN.search(title)
    if m and int(m.group(2)) >= int(m.group(1)):
        return int(m.group(2)), int(m.group(2))
    return None


_BRACKETED_YEAR = re.compile(r"[（(]\s*(20\d{2})\s*年?度?\s*[）)]$")


@PERIOD_RULES.register("bracketed_year", priority=8)
def bracketed_year(title: str, body_text: str) -> tuple[int, int] | None:
    """``…年度工作指引（2025）``: a title closing on one year in brackets names the year the
    plan is for, as a year range in brackets names its span."""
    m = _BRACKETED_YEAR.search(title)
    return (int(m.group(1)), int(m.group(1))) if m else None


_STATED_SPAN = re.compile(
    r"(?:试点|建设|实施|规划|创建|示范)(?:时限|期限|周期|期)\s*(?:为|是|[:：])?\s*(?:自|从)?\s*(20\d{2})\s*年?"
    r"(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?:至|到|[—\-－–~～])+\s*(20\d{2})\s*年")


@PERIOD_RULES.register("stated_span", priority=5)
def stated_span(title: str, body_text: str) -> tuple[int, int] | None:
    """``试点时限自2025年7月至2028年6月``, ``实施期限为2025—2027年``: the preamble states the plan's
    span in words; it wins over a 十X五 plan the same preamble cites."""
    m = _STATED_SPAN.search(body_text[:2000])
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None


# The region where neither the title nor the issuer opens with a city, district or county:
# first that answers wins (before the issuer less its kind of body).
REGION_RULES: Registry[Callable[[str], str | None]] = Registry(
    "metadata.region", "the plan's region where its title and issuer open with no city, district or county")
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,5}?(?:省|自治区)")


@REGION_RULES.register("province", priority=10)
def province(text: str) -> str | None:
    """``澄岳省知识产权强省建设…``: a provincial plan (知识产权强省) is for the province (or
    autonomous region) its title or issuer opens with."""
    m = _PROVINCE.match(text)
    return m.group() if m and not _NOT_PLACE.search(m.group()) else None


def find_region(title: str, issuer: str | None) -> str:
    for text in (title, issuer or ""):
        m = _REGION.match(text)
        if m and not _NOT_PLACE.search(m.group()):
            return m.group()
        m2 = re.match(r"^([\u4e00-\u9fff]{2,4}?(?:市|县|区))", text)
        if m2 and not _NOT_PLACE.search(m2.group(1)):
            return m2.group(1)
    for text in (title, issuer or ""):
        for rule in REGION_RULES:
            found = rule(text)
            if found:
                return found
    # Otherwise the issuer as written, less its kind of body; never a guess from the title's
    # first characters (关于印发…): "" says the region was not found (pipeline warns).
    # (a national body, 国务院…联席会议 or 国家知识产权局, names no place: a national plan has no region)
    rest = issuer.replace("人民政府", "").replace("办公室", "") if issuer else ""
    return "" if _NOT_PLACE.search(rest) or _NATIONAL.match(rest) else rest


_NATIONAL = re.compile(r"^(?:国务院|中共中央|中央|全国)")


_HEADING_RANGE = re.compile(r"^(?:到|至)?\s*(\d{4})\s*年?\s*[—\-－–~～至到]+\s*(\d{4})\s*年")


def years_of_goals_heading(body_text: str) -> tuple[int, int] | None:
    """``一、2024—2026年主要工作目标``: a top-level heading that opens with the plan's years."""
    for line in body_text.splitlines():
        numbering = match_numbering(line)
        if numbering is None or numbering.scheme not in ("cn", "chapter章", "chapter部分", "chapter条"):
            continue
        m = _HEADING_RANGE.match(line[numbering.rest:])
        if m and "目标" in line and int(m.group(1)) < int(m.group(2)):
            return int(m.group(1)), int(m.group(2))
    return None
