"""The plan's title: the last line (or run of up to three lines) of the head ending in
方案/规划/计划/纲要… that is not the notice's ``关于印发…的通知``, with its edition's mark
(``metadata.title_mark``); where no head line is a title, the ``metadata.title_fallback`` rules,
then a quoted 《…》 that is not the basis the text cites (``按照《…》``), then the first line that reads as
a name (no sentence, no label).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.extract.head_lines import CN_DATE, DATE, DOC_NUMBER, ISSUER, NOT_TITLE, TITLE_END, squeeze
from ipcity.plans.extract.plan_period import YEAR_RANGE
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import BASIS_VERBS, REVISION_MARKS, SITE_COLUMN_LABELS, alternation

# The title of a text whose head names none (``pipeline`` warns of it).
UNTITLED = "未命名方案"
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def find_title(texts: list[str]) -> str | None:
    """The last title-shaped line (or run of up to three lines) in the head, with a line of the
    title's own mark under it (``TITLE_MARK_RULES``: ``（2025年修订版）``)."""
    found = None
    texts = [without_page_label(text) for text in texts]
    k = 0
    while k < len(texts):
        best = 0
        for n in (1, 2, 3):
            if k + n > len(texts):
                break
            candidate = squeeze(_ATTACHMENT.sub("", "".join(texts[k:k + n])))
            if any(NOT_TITLE.search(squeeze(_ATTACHMENT.sub("", t))) for t in texts[k:k + n]):
                break
            if n > 1 and not (continues_title(texts[k + n - 2]) or YEAR_RANGE.fullmatch(squeeze(texts[k + n - 1]))):
                break
            if 6 <= len(candidate) <= 80 and TITLE_END.search(candidate):
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


# A web page's label before the title on its line, or a line that is one: ``rule(line) -> the line
# less the label``, in turn (the title is read from what is left; the other head fields are not).
TITLE_LABEL_RULES: Registry[Callable[[str], str]] = Registry(
    "metadata.title_label", "a web page's label on a head line that is no part of the title")
_BRACKETED_LABEL = re.compile(r"^\s*【[\u4e00-\u9fff]{2,10}】\s*(?=[\u4e00-\u9fff“])")


@TITLE_LABEL_RULES.register("bracketed_label", priority=10)
def bracketed_label(text: str) -> str:
    """``【自治区文件】 某自治区知识产权战略纲要``: a site files its articles under a bracketed
    column name printed before the heading; the plan's title starts after it."""
    return _BRACKETED_LABEL.sub("", text)


@TITLE_LABEL_RULES.register("site_column", priority=5)
def site_column(text: str) -> str:
    """``政府信息公开`` on its own line above the title: the column of the site the page sits in
    (``vocabulary.SITE_COLUMN_LABELS``), which a title broken over lines would otherwise take in."""
    return "" if squeeze(text) in SITE_COLUMN_LABELS else text


def without_page_label(text: str) -> str:
    for rule in TITLE_LABEL_RULES:
        text = rule(text)
    return text


def continues_title(text: str) -> bool:
    """Whether a head line can be the first part of a title broken over lines."""
    t = squeeze(text)
    # A line without a Chinese character (a file name or code a PDF prints above the title, as a
    # one-page document's running header) is no part of a Chinese plan's title.
    return bool(_CJK.search(t)) and not (ISSUER.match(t) or DATE.match(t) or CN_DATE.match(t)
                                         or DOC_NUMBER.match(t) or re.match(r"^[（(].*[）)]$", t)
                                         or TITLE_END.search(t))


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


# ``关于批转市商务局…实施方案的通知``: a government approves a department's plan and forwards it; the
# department (a body ending 局/委/厅/办) is named before the plan, unbracketed.
_FORWARDED = re.compile(
    r"关于(?:批转|转发)(?P<body>(?:[省市区县])?[\u4e00-\u9fff]{1,12}?(?:办公厅|办公室|委员会|局|委(?!员)|厅|办(?!公)))(?:关于)?"
    r"(?P<title>[^《》]{6,60}?)的(?:通知|函)$")


@TITLE_FALLBACK_RULES.register("forwarded_subject", priority=11)
def forwarded_subject(texts: list[str]) -> str | None:
    """``南京市人民政府关于批转市商务局南京市打击侵犯知识产权…专项行动实施方案的通知``: a notice that
    approves and forwards a department's plan names the department before the plan; the plan is
    what follows it (``notice_subject`` would keep the department as part of the title). Only where
    what follows ends as a plan's title does (方案, 规划…)."""
    for text in texts:
        m = _FORWARDED.search(squeeze(text))
        if m and TITLE_END.search(m.group("title")):
            return m.group("title")
    return None


_OWN_OPINION = re.compile(r"^关于(?!印发|转发|发布|公布)(?P<title>[^《》。；：:]{4,60}的(?:实施|指导|若干)?意见)$")


@TITLE_FALLBACK_RULES.register("opinion_subject", priority=5)
def opinion_subject(texts: list[str]) -> str | None:
    """``关于加快建设知识产权强市的指导意见`` on a line of its own under the issuing body: an 意见 is
    its own document, not a notice issuing another, and its subject line is its title (``关于`` kept,
    as the document is called)."""
    for text in texts[:8]:
        t = squeeze(text)
        if _OWN_OPINION.match(t):
            return t
    return None


# A 《…》 after one of these in its clause is a work the text follows (``按照《…》部署``, ``为贯彻落实
# 《…》``): its basis, never its own name.
_BASIS_BEFORE = re.compile(rf"(?:{alternation(BASIS_VERBS)})[^，,。；;：:]*$")
# A line with a sentence's punctuation, a label's colon or a table's bar (an addressee line, a site's
# breadcrumbs or 信息公开 cells, a press report's lead sentence) is no title; nor a signature, a date,
# a number, or a line with no Chinese (a forum's footer).
_NOT_A_NAME = re.compile(r"[，,。；;：:|｜]")


def reads_as_name(text: str) -> bool:
    t = squeeze(text)
    return bool(_CJK.search(t)) and not (_NOT_A_NAME.search(t) or ISSUER.match(t) or DATE.match(t)
                                         or CN_DATE.match(t) or DOC_NUMBER.match(t))


# ``《实施方案》明确…``, ``《规划》提出…``: a report's short name for the plan it is about, never a title
_SHORT_NAME = re.compile(r"^(?:实施|工作|行动|建设|推进|三年|专项)?(?:方案|规划|计划|纲要|意见|办法|要点)$")


def names_a_plan(work: str) -> bool:
    """Whether a work the text quotes (``《…》``) can be the plan's title: a name that ends as a plan's
    title does (方案, 规划, 计划…, an edition or years in brackets after it), not a genre word alone
    (``《实施方案》``, a report's short name for it) nor another kind of work (``《闪闪的红星》``, a
    film; ``《…条例》``, a law)."""
    w = squeeze(work)
    return bool(TITLE_END.search(w)) and not _SHORT_NAME.match(w)


def fallback_title(texts: list[str], body_text: str) -> str:
    found = next((title for rule in TITLE_FALLBACK_RULES if (title := rule(texts))), None)
    if found:
        return found
    for text in texts + [body_text[:200]]:
        for m in re.finditer(r"《([^》]{4,60})》", text):
            if _BASIS_BEFORE.search(text[:m.start()]):
                continue  # a work the document follows, not the document
            if not names_a_plan(m.group(1)):
                continue  # a film or a law the text mentions, or a plan's short name
            return squeeze(m.group(1))
    first = next((t for t in texts if reads_as_name(t)), "")
    return squeeze(first)[:80] or UNTITLED
