"""Small text helpers shared by the extractors: sentences, clauses, goal names and years."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipcity.plans.extract.quantities import Quantity, find_goals
from ipcity.plans.registry import Registry
from ipcity.plans.vocabulary import CIRCUMSTANCE_WORDS, alternation

_CLAUSE_SEP = re.compile(r"[，。；;！？!?：:]|,(?!\d{3})|——")
_SENTENCE_SEP = re.compile(r"[。；;！？!?]")
_YEAR_PREFIX = re.compile(r"^(?:到|至|截至|截止|在)?\s*(?:20\d{2})\s*年(?:底|末|前|以前)?\s*[,，]?")
_HEDGES = re.compile(r"^(?:力争|确保|争取|努力|预计|全力|进一步|并|且|和|及|使|其中|以上|同时|此外)+")
_ACTION_VERB_WORDS = r"完成|建成|建立|形成|培育|培养|打造|推出|新建|组建|设立|引进|开展|实施|推动|支持|实现|创建|认定|扶持|发展|促成|达成"
_ACTION_VERBS = re.compile(rf"^(?:{_ACTION_VERB_WORDS})+")
# 到2026年, 2026年底; and a year labelling the goals after it (``2026年：…达到220件，…达到14件``, or
# opening the goals a colon introduces: ``主要目标是：2025年，…达到62%，…``).
_GOAL_YEAR = re.compile(
    r"(?:到|至|截至|截止|在|于)\s*(20\d{2})\s*年|(20\d{2})\s*年(?:底|末)|(20\d{2})\s*年(?:度)?(?:目标)?\s*[：:]"
    r"|[：:]\s*(20\d{2})\s*年\s*[，,]")
_QUOTES_EDGE = "，,。；;：:、 \t——-"

# Words around a goal's name that are no part of it: ``rule(name) -> name``, applied in turn
# (with the year prefix and the hedges) until nothing changes.
NAME_RULES: Registry[Callable[[str], str]] = Registry(
    "indicators.name", "words at the edge of a goal's name that are no part of it")

_LIST_LABEL = re.compile(r"^(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|[①-⑳㈠-㈩]|\d{1,2}[.．、](?!\d))")
# 较2023年, 比上年, 同比; 每年比上年 (a yearly rise: the 每年 is the predicate's too)
_GROWTH_BASE = re.compile(
    r"(?:(?:每年|逐年)\s*)?(?:(?:较|比|相比|相较)于?\s*(?:(?:19|20)\d{2}\s*年(?:底|末|度)?|上年度?|去年|基期)|同比)$")


@NAME_RULES.register("list_label", priority=20)
def drop_list_label(name: str) -> str:
    """``（2）有效注册商标总量提高到…``, ``（一）…结案率达到100%；``: a goal list's item label is
    numbering, not the name."""
    return _LIST_LABEL.sub("", name)


# A verb (or nothing) and an opening quote whose closing quote comes after the name: the goals
# quoted whole as the object of 实现 (``实现“A达到2000名，B达到40%”的三大目标``).
_OPENING_QUOTE = re.compile(r"^[\u4e00-\u9fff]{0,4}[“「『](?=[^”」』]+$)")


@NAME_RULES.register("opening_quote", priority=19)
def drop_opening_quote(name: str) -> str:
    """``实现“重点引进和培养高层次人才达到2000名左右，…”的三大人才发展目标``: the quote opens a
    list of goals that a verb names as one aim; the quote and the verb before it belong to that
    sentence, not to the first goal's name. A name quoting a term whole (``“专精特新”企业``) keeps it."""
    return _OPENING_QUOTE.sub("", name)


_TRAILING_HEDGE = re.compile(r"(?:力争|确保|争取|努力|预计|预期)$")


@NAME_RULES.register("trailing_hedge", priority=15)
def drop_trailing_hedge(name: str) -> str:
    """``有效发明专利拥有量力争达到650件``: a hedge standing between a goal's name and its verb (力争,
    确保) belongs to the predicate, as it does before the name (``力争…达到``)."""
    return _TRAILING_HEDGE.sub("", name)


# Words at the start of a task target's name that are no part of it (before its action verb
# goes): ``rule(name) -> name``, in turn.
TARGET_NAME_RULES: Registry[Callable[[str], str]] = Registry(
    "tasks.target_name", "words at the start of a task target's name that are no part of it")
_LEADING_FREQUENCY = re.compile(r"^(?:每年度?|每半年|每季度|每个?月|年均)(?=[\u4e00-\u9fff]{3})")


@TARGET_NAME_RULES.register("leading_frequency", priority=10)
def drop_leading_frequency(name: str) -> str:
    """``每年举办银企对接活动不少于4场``: how often the task does it is the predicate's (its figure
    is per year); the target is named by what is done, ``举办银企对接活动``."""
    return _LEADING_FREQUENCY.sub("", name)


# The circumstance ends at the task's first verb: an action verb, or 建设 (which counts what is built,
# as 建成 does, but is no leading verb of its own elsewhere: ``建设…``-named targets keep it).
_LEADING_CIRCUMSTANCE = re.compile(
    rf"^(?:{alternation(CIRCUMSTANCE_WORDS)})[^，,。；;]{{1,30}}?(?=(?:{_ACTION_VERB_WORDS}|建设)[\u4e00-\u9fff]{{2}})")


@TARGET_NAME_RULES.register("leading_circumstance", priority=20)
def drop_leading_circumstance(name: str) -> str:
    """``围绕新材料等重点产业建成高价值专利培育中心6家``, ``在…领域建设…中心3家``: the circumstance
    before the task's first verb (围绕/依托/聚焦/在…) is no part of what is counted; the verb goes
    too (an action verb as at a name's start, 建设 here)."""
    m = _LEADING_CIRCUMSTANCE.match(name)
    return re.sub(r"^建设", "", name[m.end():]) if m else name


_SPAN_OF_YEARS = re.compile(r"(?:(?:[一二三四五两]|(?<!\d)\d{1,2})\s*年(?:内|间|来)?|(?:规划|试点|行动|方案实施)?期(?:内|间))$")


@NAME_RULES.register("span_of_years", priority=12)
def drop_span_of_years(name: str) -> str:
    """``知识产权质押融资金额三年累计达到20亿元``, ``…规划期内累计…``: the span a sum runs over
    belongs to the predicate (with its 累计), not to what is summed."""
    return _SPAN_OF_YEARS.sub("", name)


_TRAILING_FREQUENCY = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])每年度?$")


@NAME_RULES.register("trailing_frequency", priority=7)
def drop_trailing_frequency(name: str) -> str:
    """``PCT国际专利申请每年达到150件``: how often the figure is reached stands between the name and
    its verb; it is the predicate's (the figure is a year's), as a leading 每年 is."""
    return _TRAILING_FREQUENCY.sub("", name)


_TRAILING_YEAR = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])(?:到|至|截至)\s*20\d{2}\s*年(?:底|末)?$")


@NAME_RULES.register("trailing_year", priority=13)
def drop_trailing_year(name: str) -> str:
    """``全市驰名商标到2010年力争达到5件``: a goal written subject first, its year after it and
    before the verb; the year is the target's (read as such), not part of what is counted."""
    return _TRAILING_YEAR.sub("", name)


# 年 between a measure and its growth (``版权登记量年增长10%``): the rate is a year's, as in 年均增长;
# it is the predicate's, not part of what grows (a name ending in 青年 or 老年 has no measure before 年).
_TRAILING_ANNUAL = re.compile(r"(?<=量|数|额|率|值|重)年$")


@NAME_RULES.register("trailing_annual", priority=11)
def drop_trailing_annual(name: str) -> str:
    """``计算机软件著作权登记量年增长20%``: the 年 of a yearly growth written after the measure
    (``年增长``, as ``年均增长``) is the predicate's, not part of what is counted."""
    return _TRAILING_ANNUAL.sub("", name)


# (an adverb of effort before the verb, ``着力打造3-5个…``, is the predicate's as the verb is)
_BARE_VERB = re.compile(rf"^(?:着力|大力|积极|努力|全力|重点|加快)?(?:{_ACTION_VERB_WORDS}|建设)+$")


@NAME_RULES.register("bare_action_verb", priority=5)
def drop_bare_action_verb(name: str) -> str:
    """``培育15个地理标志优势产业``, ``建立1个国家级示范区``, ``着力打造3-5个专利密集型产业``: a count
    written before its noun leaves only the verb (and its adverb) before the figure; a verb names nothing, so the goal is named by the noun after
    its count (``goals_in``)."""
    return "" if _BARE_VERB.match(name) else name


# ``我省将建成10个…``, ``将建设9个…``: the plan's place said as ours and a future's auxiliary before
# the verb of a count written before its noun; they name nothing, as a bare verb does.
_AUXILIARY_VERB = re.compile(rf"^(?:(?:我|本|全)(?:省|市|州|盟|县|区|旗))?(?:将|要|力争|计划)(?:{_ACTION_VERB_WORDS}|建设)*$")


@NAME_RULES.register("future_auxiliary", priority=6)
def drop_future_auxiliary(name: str) -> str:
    """``我省将建成10个省级示范项目``, ``将建设9个试点城市``: what stands before the count is who
    will act and that they will (将, 要, 力争); it names nothing, so the goal is named by the noun after
    its count, as ``bare_action_verb`` names a bare verb's."""
    return "" if _AUXILIARY_VERB.match(name) else name


# 我市的 / 我县的 / 本区的: the plan's own place said as "ours" (``我市的发明专利拥有量``), no part of
# what is counted (the plan's region is its own field).
_LEADING_POSSESSIVE = re.compile(r"^(?:我|本)(?:省|市|州|盟|县|区|旗)的(?=[\u4e00-\u9fffA-Za-z]{2})")


@NAME_RULES.register("leading_possessive", priority=9)
def drop_leading_possessive(name: str) -> str:
    """``我市的发明专利拥有量达到8000件``: the plan's own place said as "ours" (我市的, 本县的) is no
    part of what is counted."""
    return _LEADING_POSSESSIVE.sub("", name)


# 为 as a copula after a measure noun (``其中发明专利申请量为283件``); never 行为 or 作为 (the noun
# before it must be one that measures: 量, 数, 额, 率, 比重…).
_TRAILING_COPULA = re.compile(r"(?<=量|数|额|率|重|例|比|值|模|入)为$")


@NAME_RULES.register("trailing_copula", priority=8)
def drop_trailing_copula(name: str) -> str:
    """``其中发明专利申请量为283件``: 为 after a measure (申请量, 总数, 占比) is the verb of the
    figure, not part of the name; a name ending in 行为 or 作为 keeps it."""
    return _TRAILING_COPULA.sub("", name)


@NAME_RULES.register("growth_base", priority=10)
def drop_growth_base(name: str) -> str:
    """``…登记金额较2023年增长30%``: the base a growth is measured from is no part of the name, nor
    the 每年 of a yearly rise (``…覆盖率每年比上年提高2个百分点``)."""
    return _GROWTH_BASE.sub("", name)



# Where a goal's clause has no name of its own (``…：2025年达到32件``): ``rule(text, clause_start)
# -> name or ""``, the first that gives one wins (before the name of the goal just before it).
SUBJECT_RULES: Registry[Callable[[str, int], str]] = Registry(
    "indicators.subject", "the name a goal clause without one of its own takes from its sentence")
# 主要目标是：/ 目标如下：/ 其中： introduce goals; they name none, nor does a report's verb of saying
# (``规划明确提出：到2025年，…建成200家…``).
_NOT_A_LABEL = re.compile(r"(?:是|为|如下|包括|其中|目标|指标|要求|重点|提出|指出|明确|强调|表示)$")


@SUBJECT_RULES.register("colon_label", priority=10)
def colon_label(text: str, c_start: int) -> str:
    """``每万人口发明专利拥有量：2025年达到32件，2026年达到35件``: a name standing before a colon, its
    clause holding no number, names the goals of the sentence after it (a 专栏 or list of goals
    written as ``指标：目标``)."""
    sentence_start = max((m.end() for m in _SENTENCE_SEP.finditer(text, 0, c_start)), default=0)
    colon = max(text.rfind("：", sentence_start, c_start), text.rfind(":", sentence_start, c_start))
    if colon < 0:
        return ""
    label_start = max((m.end() for m in _CLAUSE_SEP.finditer(text, sentence_start, colon)), default=sentence_start)
    label = clean_name(text[label_start:colon])  # less a list label (``1.``)
    if not label or re.search(r"\d", label) or _NOT_A_LABEL.search(label):
        return ""
    return label


@dataclass
class Goal:
    name: str
    quantity: Quantity
    year: int | None
    start: int  # clause start in the text
    end: int  # end of the quantity in the text


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: text between , 。 ； ： and ——."""
    out = []
    pos = 0
    for m in _CLAUSE_SEP.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def goal_year(text: str, upto: int) -> int | None:
    """The year a goal is set for: the last 到YYYY年 of its sentence before it."""
    start = max((m.end() for m in _SENTENCE_SEP.finditer(text, 0, upto)), default=0)
    years = [int(m.group(1) or m.group(2) or m.group(3) or m.group(4)) for m in _GOAL_YEAR.finditer(text, start, upto)]
    return years[-1] if years else None


# Adverbs of the predicate left at the end of a name (贯标企业累计达到210家, 登记量年平均增长20%): not
# part of it.
_TRAILING_ADVERBS = re.compile(r"(?:累计|年平均|年均|平均|分别|均|共|总计|合计)$")


def clean_name(name: str) -> str:
    name = _TRAILING_ADVERBS.sub("", name.strip(_QUOTES_EDGE))
    name = name.strip(_QUOTES_EDGE)
    previous = None
    while previous != name:
        previous = name
        for rule in NAME_RULES:
            name = rule(name).strip(_QUOTES_EDGE)
        name = _YEAR_PREFIX.sub("", name).strip(_QUOTES_EDGE)
        name = _HEDGES.sub("", name).strip(_QUOTES_EDGE)
    return name


def goals_in(text: str, *, strip_actions: bool) -> list[Goal]:
    """Every quantitative goal in a passage, named by the noun phrase before its verb.

    ``strip_actions`` drops a leading action verb (完成/建立…) from a name, as task targets are
    written (``完成…项目3项``); an indicator's name keeps its words as written (``新增…``).
    """
    out = []
    carried = ""  # the last goal's name, for a clause with no subject of its own in the same sentence
    for c_start, c_end in clauses(text):
        clause = text[c_start:c_end]
        if starts_sentence(text, c_start):
            carried = ""
        pos = 0
        previous = carried
        names: list[str] = []  # A和B分别达到X、Y: the names still to hand out
        after_named, previous_after = False, ""  # the last goal was named by the noun after its count
        for q in find_goals(clause):
            raw = clause[pos:q.start]
            name = clean_name(raw)
            if strip_actions:
                for target_rule in TARGET_NAME_RULES:
                    name = target_rule(name)
                name = clean_name(_ACTION_VERBS.sub("", name))
            if names and is_list_gap(raw):
                name = names.pop(0)
            elif _RESPECTIVELY.search(raw) and len(split := respective_names(name)) > 1:
                name, names = split[0], split[1:]
            if not name and not pos:
                name = next((found for rule in SUBJECT_RULES if (found := rule(text, c_start))), "")
            if not name and q.verb and (pos or _GROWTH_VERB.fullmatch(q.verb) or _GOAL_YEAR.search(raw)):
                # 由8.5件提高到15件 / 融资额突破10亿元，年均增长15% / …达到9.5件，到2026年达到11件:
                # the number before names this one
                name = previous
            if not name or (after_named and raw.rstrip("和及与、") == previous_after):
                # a count written before its noun (``建立1个X和6个Y``): the noun after it, up to the
                # next count
                after = clause[q.end:]
                nxt = re.search(r"(?:和|及|与|、)\s*\d", after)
                after = after[:nxt.start()] if nxt else after
                name = clean_name(re.sub(r"^的", "", after))
                after_named, previous_after = True, name
            else:
                after_named = False
            pos = q.end
            previous = name
            if not name:
                continue
            carried = name
            # ``…：2025年达到32件``: a clause that is only a year before its verb is set for that year
            own_year = _ONLY_YEAR.fullmatch(raw)
            year = int(own_year.group(1)) if own_year else (q.year if q.verb else None) or goal_year(text, c_start + q.start)
            each = next((names_each for rule in LISTED_MEASURE_RULES if (names_each := rule(name, q))), [name])
            out += [Goal(name=one, quantity=q, year=year, start=c_start, end=c_start + q.end) for one in each]
    return out


# A goal whose name lists several measures sharing one figure (``专利申请量、授权量年均增长12%``):
# ``rule(name, quantity) -> the names, one goal each, or None``; the first that answers wins.
LISTED_MEASURE_RULES: Registry[Callable[[str, Quantity], list[str] | None]] = Registry(
    "indicators.listed_measures", "a goal name listing several measures that share one rate")
# What a list of measures shares, written once on the last (or first) of them
_MEASURE_WORDS = ("拥有量", "申请量", "授权量", "注册量", "登记量", "总量", "数量", "金额", "规模", "收入",
                  "成交额", "交易额", "融资额", "合同额")
_MEASURE_END = re.compile(r"(?:" + "|".join(sorted(_MEASURE_WORDS, key=len, reverse=True)) + r")$")
_BARE_MEASURE = re.compile(r"^(?:" + "|".join(_MEASURE_WORDS) + r"|[\u4e00-\u9fff]{1,2}(?:量|数|额))$")
# counts of acts, written after the acts they count (``转让、许可次数``)
_ACT_COUNT = re.compile(r"^(?P<act>[\u4e00-\u9fff]{2})(?P<count>次数|件数|项数|笔数|宗数)$")
_RATE_TAIL = re.compile(r"(?:年均|年度|同比)?(?:增幅|增速|增长率|增长|增量)$")


@LISTED_MEASURE_RULES.register("one_rate_each", priority=10)
def one_rate_each(name: str, quantity: Quantity) -> list[str] | None:
    """``专利申请量、授权量年均增长12%``, ``质押融资金额和笔数年均增幅达到20%``, ``商标转让、许可次数
    年均增幅10%``: one growth rate given to measures listed together is each one's; a goal each, the
    words the list shares (``专利``, ``次数``, ``年均增幅``) put back on every part. Only a rise in %
    (a count or a level given to a list may be their sum), and only measures: ``高校和科研院所专利
    转化率`` is one rate of two owners."""
    if quantity.unit != "%" or not re.search(r"[、和及与]", name):
        return None
    tail = _RATE_TAIL.search(name)
    if tail is None and not _GROWTH_VERB.search(quantity.verb or ""):
        return None
    body, tail_text = (name[:tail.start()], tail.group()) if tail else (name, "")
    parts = [part.strip() for part in re.split(r"[、和及与]", body)]
    if len(parts) < 2 or any(len(part) < 2 for part in parts):
        return None
    first, last = parts[0], parts[-1]
    own = _MEASURE_END.search(first)
    if own is not None and all(_MEASURE_END.search(p) or _BARE_MEASURE.match(p) for p in parts[1:]):
        # 专利申请量、授权量: the first names the subject (专利) the bare measures after it share
        prefix = first[:own.start()]
        names = [first] + [prefix + p if _BARE_MEASURE.match(p) else p for p in parts[1:]]
    elif (act := _ACT_COUNT.match(last)) is not None and own is None and len(first) > 2:
        # 知识产权转让、许可次数: the acts share the subject before the first and the count after the last
        count, width = act.group("count"), len(act.group("act"))
        prefix = first[:-width]
        names = [first + count] + [prefix + p + count for p in parts[1:-1]] + [prefix + last]
    else:
        return None
    return [n + tail_text for n in names]


_RESPECTIVELY = re.compile(r"分别\s*$")
_ONLY_YEAR = re.compile(r"\s*(?:到|至|在)?\s*(20\d{2})\s*年(?:底|末)?\s*(?:力争|确保|争取)?\s*")
_GROWTH_VERB = re.compile(r"增长|增加|提高|提升")
_LIST_SEP = re.compile(r"和|与|及|、")
# Head nouns a list of names shares (发明专利和有效注册商标拥有量 → …专利拥有量, …商标拥有量).
_SHARED_HEAD = re.compile(r"(?:拥有量|申请量|授权量|注册量|登记量|总量|数量|金额|规模|占比|比重|收入)$")


def starts_sentence(text: str, start: int) -> bool:
    """Whether the clause at ``start`` opens a sentence (only the text's own start or 。；！？ before it)."""
    k = start - 1
    while k >= 0 and text[k] in " \t\u3000":
        k -= 1
    return k < 0 or text[k] in "。；;！？!?\n"


def is_list_gap(raw: str) -> bool:
    """Only a list separator between two numbers (``1200件、3.2万件``)."""
    return re.fullmatch(r"\s*(?:、|和|及|与|,|，)\s*", raw) is not None


def respective_names(name: str) -> list[str]:
    """``发明专利和有效注册商标拥有量`` → [发明专利拥有量, 有效注册商标拥有量]: the parts of a
    name listed before 分别, each given the head noun the last one carries."""
    parts = [part.strip() for part in _LIST_SEP.split(name) if part.strip()]
    if len(parts) < 2:
        return [name]
    head = _SHARED_HEAD.search(parts[-1])
    if head is None:
        return parts
    return [part if _SHARED_HEAD.search(part) else part + head.group() for part in parts[:-1]] + [parts[-1]]
