"""The words the plan parser recognises, in one place (no Django; other apps may reuse them).

Each list is data, not a rule: the rules that use them live in the stage modules and build
their patterns with :func:`alternation`. Lists are of words as Chinese plans write them; add a
word here when a new document uses a synonym, and a case under ``tests/plans/rules/`` that
needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ipcity import text


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so 不低于 wins over 低于), escaped."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def spaced_alternation(words: Iterable[str]) -> str:
    """As ``alternation``, each word's characters allowed spaces between them: a label a table pads
    to the width of its longer ones (``文　　号``, ``索 引 号``)."""
    return "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(set(words), key=len, reverse=True))


# --- parts of a plan (headings) ---------------------------------------------------------

# 主要指标: a part of indicators (``二、2025年主要指标``) is the goals part as 目标 is.
GOALS_PART_WORDS = ("目标", "主要指标", "年度指标", "工作指标", "发展指标")
TASKS_PART_WORDS = ("任务", "重点工作", "主要工作", "举措", "主要措施", "工作措施", "具体措施")
OTHER_PART_WORDS = ("保障", "措施", "组织实施", "名词解释", "附件", "附录", "进度", "步骤", "安排", "背景",
                    "基础", "形势", "原则", "思路", "指导思想")
# The particulars an activity's notice states in headings of their own (``活动时间``, ``参加对象``):
# the heading is one of these words, after one of the qualifiers or none.
PARTICULAR_WORDS = ("时间", "主题", "对象", "范围", "地点")
PARTICULAR_QUALIFIERS = ("活动", "实施", "宣传", "参加", "参与", "适用", "工作", "举办", "报名")
# The column of a government web site a page sits in, printed on a line of its own above the
# article (``政府信息公开``, ``部门规定``): the site's navigation, no part of the plan's title.
SITE_COLUMN_LABELS = ("政府信息公开", "信息公开", "政务公开", "政策文件", "政策法规", "部门规定",
                      "通知公告", "文件通知", "政府文件", "规划计划")
# Chapters that come before a five-year plan's task chapters.
REQUIREMENT_WORDS = ("总体要求", "指导思想", "规划背景", "发展基础", "总体思路", "发展目标", "总体目标", "主要目标")

# --- table headers ----------------------------------------------------------------------

# A header cell naming the indicator column (alone on its line in a cell-per-line table).
NAME_HEADER_WORDS = ("指标", "指标名称", "指标项", "名称", "项目", "主要指标", "指标内容")
# Other header cells of an indicator table laid out one cell per line.
VALUE_HEADER_WORDS = ("单位", "计量单位", "目标值", "预期值", "基期值", "基准值", "现状值", "备注", "属性",
                      "指标属性", "类型", "序号")
# Words of indicator table header cells, by the column they name.
# 目标任务: the rows of a 年度目标任务分解表 are goals, the years its columns.
NAME_COLUMN_WORDS = ("指标", "名称", "项目", "内容", "目标任务")
UNIT_COLUMN_WORDS = ("单位",)
TAG_COLUMN_WORDS = ("备注", "属性", "性质", "类型", "类别")
BASELINE_COLUMN_WORDS = ("基期", "基准", "基数", "现状", "实现", "现值", "实际", "完成值", "上年")
TARGET_COLUMN_WORDS = ("目标", "预期", "规划")
INDICATOR_TAG_WORDS = ("预期性", "约束性")
# Words opening a circumstance before a task's verb (``围绕重点产业建成…中心6家``): no part of a target's name.
CIRCUMSTANCE_WORDS = ("围绕", "依托", "聚焦", "面向", "针对", "结合", "立足", "在")
# Attribute words a prose goal may carry in a bracket after its figure (``达到9.6件（预期性）``).
PROSE_TAG_WORDS = INDICATOR_TAG_WORDS + ("累计值", "年均值")
# Attribute words an indicator table writes in a bracket after a row's name (``备案数（累计）``) or
# before a value cell's figure (``累计60家次``): the row's tags, no part of its name or value.
ROW_ATTRIBUTE_WORDS = PROSE_TAG_WORDS + ("累计", "年均")
CUMULATIVE_WORDS = ("累计",)
# Task tables (重点任务分工表): the task column, its title column, lead and department columns.
TASK_COLUMN_WORDS = ("任务", "事项", "举措", "工作内容", "工作措施", "具体措施", "内容")
TASK_TITLE_COLUMN_WORDS = ("任务", "事项", "举措")
LEAD_COLUMN_WORDS = ("牵头",)
DEPARTMENT_COLUMN_WORDS = ("责任单位", "责任部门", "配合单位", "参与单位", "协办单位", "责任主体", "实施单位",
                           "责任科室", "责任处室", "承办科室", "承办处室")
# A task table's column naming persons (牵头领导: a bureau's plan names the leader over each task, by
# post): no unit, though its head says 牵头.
PERSON_COLUMN_WORDS = ("领导", "责任人", "联系人", "负责人")
DEADLINE_COLUMN_WORDS = ("完成时限", "完成时间", "时间节点", "时限")
# A table listing funded projects (附件 重点项目表): a project column and a money column.
PROJECT_COLUMN_WORDS = ("项目名称", "工程名称", "项目内容")
FUNDS_COLUMN_WORDS = ("资金", "投资", "预算", "经费")
# A column naming the places a table's rows are for (an annex dividing the goals among districts).
PLACE_COLUMN_WORDS = ("区域", "地区", "县（市、区）", "县(市、区)", "县（区）", "县（市）", "县区", "区县", "县市区",
                      "辖区", "乡镇", "乡镇（街道）", "镇（街道）", "街道")
# A column holding a revised document's former wording (修订说明: 原条款 | 修改后): the table compares
# texts, its goals and headings are the body's, restated.
FORMER_TEXT_COLUMN_WORDS = ("原条款", "原文", "原内容", "原表述", "原规定", "修订前", "修改前")
# The title of a list of people (a leading group's members and their posts).
ROSTER_TITLE_ENDS = ("名单",)
# A column that groups a task table's rows (任务类别, its cell merged down over the group's rows).
GROUP_COLUMN_WORDS = ("类别", "分类", "类型", "领域", "板块")
# A column that points a row back to the body's numbered item (对应条目: 三（一）1).
REFERENCE_COLUMN_WORDS = ("对应条目", "对应任务", "对应内容", "对应序号", "对应章节", "方案条目", "任务编号", "条目编号")

# --- quantities -------------------------------------------------------------------------

# Labels a number names a part of the document with (附件1所列目标, 专栏2): the number is no count.
REFERENCE_LABELS = ("附件", "附表", "附图", "专栏")

# The measure words are shared with the apps (ipcity.text), which check values against them.
COUNT_UNITS = text.MEASURE_WORDS
# Spans of time: a goal only with a comparator (控制在60天以内), else a duration (用3个月时间).
DURATION_UNITS = ("个工作日", "工作日", "个月", "天", "分钟", "小时")
AT_LEAST_VERBS = ("达到", "达", "超过", "超", "突破", "不低于", "不少于", "高于", "多于", "提高到", "提高至", "提升到",
                  "提升至", "增长到", "增长至", "增加到", "增加至", "增至", "增加", "增长", "提高", "提升", "保持在",
                  "稳定在", "维持在", "建成", "完成", "实现", "累计", "力争", "争取", "达成")
AT_MOST_VERBS = ("不超过", "不高于", "低于", "少于", "控制在", "降至", "降低到", "下降到", "压减到", "缩短至",
                 "缩短到", "缩短为", "压缩至", "压缩到", "压减至")

# --- departments ------------------------------------------------------------------------

# Last characters of a unit's name (市科技局, 市发展改革委, 市外办, 管委会, 市政府办公室…).
UNIT_ENDINGS = "局委办院会室部厅府行关处站所校联社队司团馆署心位门组协军"
# A responsibility matrix (重点任务分工表 with one column per unit): the marks its cells hold, by
# the share they give (``注：●为牵头单位，○为配合单位``); √ names a responsible unit, no lead.
LEAD_MARKS = "●★▲"
PARTNER_MARKS = "○☆△√✓✔"
# A unit's kind with no place or qualifier (各县（市、区）人民政府、管委会): read with the unit before it.
BARE_UNIT_KINDS = ("管委会", "管理委员会", "办事处", "街道办事处", "人民政府", "政府")
# Bodies of a place beside its government (各县党委、政府): a 政府 after one is that place's own.
OTHER_BRANCH_KINDS = ("党委", "党工委", "人大常委会", "人大", "政协")
# Words that end in a unit's last character but stand inside names (人力资源社会保障局, 机关事务管理局):
# a line break after one, before a piece that starts no unit, cuts a name, not a list.
NAME_INNER_WORDS = ("社会", "机关")
# Labels of responsibility: 牵头单位：… 配合单位：… (主责单位：… 协同单位：… as protection plans write them)
RESPONSIBILITY_ROLES = ("牵头", "责任", "配合", "协办", "参与", "主办", "主责", "协同")
# The role words of a label that names its units as the lead (牵头单位：X, 主责单位：X).
LEAD_ROLE_WORDS = ("牵头", "主责")
RESPONSIBILITY_NOUNS = ("单位", "部门")
# Words of a unit's duty paragraph (各部门职责分工: ``县科技局：牵头负责第6项任务；配合做好第1项任务``)
# that make it a helper of the items the clause names; any other duty (牵头, 负责) makes it their lead.
HELPER_DUTY_WORDS = ("配合", "协助", "协同", "参与", "协办", "支持")
# Labels that look like a responsibility label but are not units (（责任单位：…，完成时限：2025年底）).
NOT_UNIT_LABELS = ("完成时限", "完成时间", "时间节点", "时限", "进度安排", "完成期限")
# Field labels of a task written as a record (``（一）专利质量提升行动`` + ``工作目标：…`` ``主要举措：…``
# ``责任单位：…`` ``完成时间：…``), beside the responsibility labels and NOT_UNIT_LABELS.
TASK_FIELD_LABELS = ("工作目标", "行动目标", "目标任务", "主要举措", "主要措施", "工作措施", "具体措施",
                     "主要内容", "工作内容", "建设内容")
# Words opening a list that covers the items above it (``（以上任务由市市场监管局牵头，各有关单位配合）``).
ITEMS_ABOVE_WORDS = ("以上", "上述")

# --- reporting --------------------------------------------------------------------------

REPORTING_VERBS = text.REPORTING_VERBS  # shared: ipcity.text
# What a duty hands in, standing for its verb in a clause that continues a duty (年底前形成全年工作小结).
REPORT_DOCUMENT_WORDS = ("总结", "小结", "报告", "进展", "自评")

# --- text -------------------------------------------------------------------------------

# Lines that open the tail a WeChat 公众号 (or a news page) puts after the article it carries: the
# plan proper, and the signature that closes it, stand before them.
ARTICLE_TAIL_WORDS = ("END", "往期推荐", "往期回顾", "推荐阅读", "相关阅读", "精彩推荐", "编辑", "责任编辑", "审核",
                      "审校", "校对", "排版", "阅读原文")

# Characters a Chinese text doubles on purpose (层层压实, 年年, 人人): a repeat of one of these
# across a page break is content, not the break's echo. 市/区/县/省 double in unit names (市市场监管局).
# The rest are the reduplicated measure words and nouns of official prose (AA forms: 层层 级级 处处
# 事事 环环 件件 项项 条条 次次 批批 家家 户户 村村 日日 月月 时时 步步 点点 样样 个个 位位 ...),
# listed as a class rather than for any one document.
REDUPLICATED_CHARS = ("市区县省"
                      "层级环节段"
                      "年月日天时刻代世"
                      "人个家户村位名队组"
                      "处事件项样条批次回遍篇份张座门"
                      "步点滴片声")

# --- levels above the plan's own (yardsticks) -------------------------------------------

# Subjects naming the country or the province as a whole (全国平均为12件): a figure of theirs in a
# lower level's plan is a yardstick. 国家级 (国家级示范企业) names a rank, not the country.
NATIONAL_SUBJECTS = ("全国", "国家")
PROVINCIAL_SUBJECTS = ("全省", "全区")
# Region endings of a provincial plan (whose own place is 全省).
PROVINCE_ENDINGS = ("省", "自治区")
# Words that end a goal name when its figure is stated, not aimed at (…拥有量为9.4件, …已达9.4件).
FACT_COPULAS = ("为", "是", "已", "已经", "已达", "现为", "目前为")

# --- targets written as a multiple of the baseline ---------------------------------------

# 翻一番 doubles, 翻两番 quadruples: the count of doublings, as written.
DOUBLING_COUNTS = {"一": 1, "两": 2, "二": 2, "三": 3, "1": 1, "2": 2, "3": 3}

# --- responsibility matrices with abbreviated unit heads ------------------------------------

# A matrix column head at most this long may be a unit's short name (市监, 科技, 财政, 公安).
SHORT_UNIT_HEAD_CHARS = 6
# Heads of a matrix's other columns, which hold marks too at times (备注 √), never a unit.
NOT_UNIT_HEAD_WORDS = ("序号", "备注", "说明", "情况", "是否", "完成", "进度", "状态", "时限", "时间", "类别", "任务",
                       "事项", "举措", "措施", "内容", "指标", "目标")
# Long form → short form of unit names (市场监督管理 → 市场监管): shared with the department matching.
UNIT_NAME_ABBREVIATIONS = text.UNIT_NAME_ABBREVIATIONS
# The level a unit name opens with, dropped before a short head is matched (市市场监管局 → 市场监管局).
UNIT_LEVEL_PREFIXES = ("省", "市", "区", "县")

# --- ranks (进入全省前三) ------------------------------------------------------------------

# Verbs before a rank goal (进入前三名, 位居全省前10位) and the peers it is counted among.
RANK_VERBS = ("进入", "位居", "位列", "稳居", "保持", "跻身", "排名", "排在", "居")
RANK_SCOPES = ("全国", "全省", "全市", "全区", "全州", "同类城市", "同类地区")

# --- drafts ---------------------------------------------------------------------------------

# The bracketed mark of a draft under or in a plan's title (（征求意见稿）): it is not issued yet.
DRAFT_MARKS = ("征求意见稿", "意见征求稿", "送审稿", "讨论稿", "草案", "草稿")

# --- revised editions -------------------------------------------------------------------------

# The bracketed mark of a revised edition on a line under the plan's title (（2025年修订版）): part of
# the title of the plan in force (unlike a draft's mark).
REVISION_MARKS = ("修订版", "修订稿", "修订本", "修正版", "修订")

# --- dates and numbers in the head ----------------------------------------------------------

# Characters written for zero in a year in words (二〇二五年, and 二○○七年 with the geometric circle
# U+25CB or a letter O that older documents and web copies use for 〇, and 二00八年 with the digit
# zero a web copy types among the characters).
ZERO_CHARS = ("〇", "零", "○", "Ｏ", "O", "０", "0")
# The label of the document's number in a government site's 信息公开 table above a document
# (``文号 | 温政办〔2022〕73 号``, ``[ 发文字号 ] | 某府发〔2025〕12号``).
DOC_NUMBER_LABELS = ("发文字号", "发文文号", "文号", "发文号", "文件编号", "文件号")
# Labels of a site's 信息公开 table naming the body that issues the document (``发布机构 | X``);
# not 来源 (who published the page).
ISSUER_LABELS = ("发布机构", "发布部门", "发文机关", "发文单位", "发布机关", "发文机构")
# Labels of the same table giving the date the document was made (not the page's posting date);
# a law database labels it 颁布日期 (beside 生效日期, 实施日期: when it takes effect, not when issued).
ISSUE_DATE_LABELS = ("成文日期", "制发日期", "印发日期", "发文日期", "颁布日期")
# Verbs before a work the text quotes as what it follows (``按照《…》部署``): its basis, not its name.
BASIS_VERBS = ("按照", "根据", "依据", "依照", "遵照", "贯彻", "落实", "紧扣", "对照", "围绕", "参照")

# --- script ---------------------------------------------------------------------------------

# Characters that the traditional → simplified table maps though simplified Chinese writes them
# too (著作权, 显著: the table's 著 → 着 is a traditional text's 著 = 着 only): never folded.
SIMPLIFIED_TOO = ("著",)
