"""Extraction rules end to end on invented plans (other places, units, numbers and layouts)."""

from __future__ import annotations

from ipcity.plans import parse_text

NOTICE = """枫林市人民政府关于印发枫林市知识产权强市建设工作方案（2025—2027年）的通知

枫政发〔2025〕7号

各区人民政府，市政府各部门：

现将《枫林市知识产权强市建设工作方案（2025—2027年）》印发给你们，请认真贯彻执行。

枫林市人民政府

2025年4月18日

枫林市知识产权强市建设工作方案（2025—2027年）

为推进知识产权强市建设，制定本方案。

一、工作目标

到2027年，知识产权综合实力明显增强。每万人口高价值发明专利拥有量达到7.5件，技术合同成交额突破30亿元，知识产权纠纷结案率达到100%，专利代理机构数量20家以上，地理标志产品实现零的突破。

表1  主要指标

指标名称\t单位\t2024年基期值\t2027年目标值\t指标属性
有效发明专利量\t件\t1800\t2600\t预期性
知识产权质押融资额\t亿元\t3.2\t8\t约束性

二、重点任务

（一）提升创造质量

1．培育高价值专利。围绕新材料产业开展专利布局，到2026年建成高价值专利培育中心3个。（市科技局牵头，市工信局、市财政局，各区人民政府按职责分工负责）

2．实施商标品牌战略。培育区域公用品牌。
（市商务局、市农业农村局负责）

专栏1  品牌培育工程

1．地理标志培育。新增地理标志商标5件。

2．老字号保护。内容。

（二）加强保护

3．强化行政执法。开展专项行动。〔市场监管局、市公安局\n市司法局等按职责分工负责〕

三、实施步骤

（一）启动阶段（2025年5月—2025年6月）

制定分工方案。

（二）推进阶段（2025年7月—2027年9月）

全面推进。

四、保障措施

（一）强化考核。各区每年11月30日前向市知识产权局报送年度工作总结。2027年10月前，市知识产权局牵头开展终期评估。建立季度通报制度，每季度通报工作进展。
"""


def test_metadata_of_a_notice():
    plan = parse_text(NOTICE)
    assert plan["title"] == "枫林市知识产权强市建设工作方案（2025—2027年）"
    assert (plan["region"], plan["issuer"], plan["doc_number"], plan["issued_on"]) == (
        "枫林市", "枫林市人民政府", "枫政发〔2025〕7号", "2025-04-18")
    assert plan["period"] == {"start": 2025, "end": 2027}


def test_indicators_from_prose_and_table():
    indicators = {i["name"]: i for i in parse_text(NOTICE)["indicators"]}
    assert indicators["每万人口高价值发明专利拥有量"]["targets"] == [{"year": 2027, "value": 7.5, "comparator": ">="}]
    assert indicators["技术合同成交额"]["unit"] == "亿元"
    assert indicators["知识产权纠纷结案率"]["targets"][0]["comparator"] == "="
    assert indicators["专利代理机构数量"]["targets"][0]["value"] == 20
    assert indicators["地理标志产品"]["qualitative_target"] == "实现零的突破"
    table_row = indicators["有效发明专利量"]
    assert table_row["baseline"] == {"year": 2024, "value": 1800}
    assert table_row["targets"] == [{"year": 2027, "value": 2600, "comparator": ">="}]
    assert table_row["tags"] == ["预期性"] and table_row["source"] == "table"
    assert indicators["知识产权质押融资额"]["tags"] == ["约束性"]
    assert len(indicators) == 7


def test_tasks_departments_leads_targets_and_boxes():
    tasks = parse_text(NOTICE)["tasks"]
    assert [t["ref"] for t in tasks] == ["二/（一）/1", "二/（一）/2", "二/（二）/3"]
    first, second, third = tasks
    assert first["title"] == "培育高价值专利"
    assert first["departments"] == ["市科技局", "市工信局", "市财政局", "各区人民政府"]
    assert first["lead"] == ["市科技局"]
    assert first["targets"] == [{"name": "高价值专利培育中心", "year": 2026, "value": 3, "unit": "个", "comparator": ">="}]
    assert second["departments"] == ["市商务局", "市农业农村局"] and second["targets"] == []
    assert third["departments"] == ["市场监管局", "市公安局", "市司法局"]


def test_phases_and_reporting():
    plan = parse_text(NOTICE)
    assert plan["phases"] == [{"name": "启动阶段", "start": "2025-05", "end": "2025-06"},
                              {"name": "推进阶段", "start": "2025-07", "end": "2027-09"}]
    dues = [r["due"] for r in plan["reporting"]]
    assert dues == [{"month": 11, "day": 30}, {"date": "2027-10"}, {"every_months": 3}]
    assert plan["reporting"][0]["who"] == "各区"


PLAN_CHAPTERS = """清河区“十五五”知识产权发展规划

一、发展基础

“十四五”时期全区专利授权量达到3000件。

二、总体要求

（一）发展目标

到2030年，知识产权保护更加严格。

三、强化知识产权创造

（四）培育高价值专利

加强专利布局。围绕重点产业开展专利导航。（区科技局，区工信局等按职责分工负责）提升企业创新能力。支持企业研发。（区工信局\n区财政局等按职责分工负责）推动园区建设。建设创新园区。

（五）推动区域合作

依托都市圈协同机制，深化跨区域知识产权合作交流，推动信息互联互通，实现资源共享。（区发展改革委牵头，有关部门与各街道办事处按职责分工负责）

四、实施保障

（六）加强组织领导

完善工作机制，形成工作合力，确保规划各项任务落到实处。（区市场监管局牵头，有关部门按职责分工负责）

名词解释

1．专利导航：以专利信息为基础的决策方法。
"""


def test_a_five_year_plan_gives_unit_tasks_and_takes_its_period_from_shiwuwu():
    plan = parse_text(PLAN_CHAPTERS)
    assert plan["period"] == {"start": 2026, "end": 2030}
    assert plan["indicators"] == []  # 十四五 results in the background are no goals
    titles = [(t["ref"], t["title"], t["departments"]) for t in plan["tasks"]]
    assert titles == [
        ("三/（四）/#1", "加强专利布局", ["区科技局", "区工信局"]),
        ("三/（四）/#2", "提升企业创新能力", ["区工信局", "区财政局"]),
        ("三/（四）/#3", "推动园区建设", []),
        ("三/（五）/#1", "推动区域合作", ["区发展改革委", "有关部门", "各街道办事处"]),
        ("四/（六）/#1", "加强组织领导", ["区市场监管局", "有关部门"]),
    ]
    assert plan["tasks"][3]["lead"] == ["区发展改革委"]


def test_a_task_table_gives_one_task_per_row():
    text = ("一、重点任务\n序号\t重点任务\t具体措施\t牵头单位\t责任单位\t完成时限\n"
            "1\t建设专利导航服务基地\t建成导航基地2个。\t县科技局\t县财政局、各乡镇人民政府\t2026年底\n"
            "2\t开展商标品牌培育\t培育区域品牌。\t县市场监管局、县农业农村局\t\t长期\n")
    tasks = parse_text(text)["tasks"]
    assert [(t["ref"], t["title"], t["departments"], t["lead"]) for t in tasks] == [
        ("一/1", "建设专利导航服务基地", ["县科技局", "县财政局", "各乡镇人民政府"], ["县科技局"]),
        ("一/2", "开展商标品牌培育", ["县市场监管局", "县农业农村局"], ["县市场监管局", "县农业农村局"]),
    ]
    assert tasks[0]["targets"][0]["value"] == 2


def test_labelled_responsibility_lists():
    text = "三、主要任务\n1. 推进专利转化。建设转化平台。（牵头单位：县科技局；配合单位：县财政局、县工信局）"
    task = parse_text(text)["tasks"][0]
    assert task["departments"] == ["县科技局", "县财政局", "县工信局"] and task["lead"] == ["县科技局"]


def test_a_goal_written_from_a_baseline_to_a_target():
    plan = parse_text("二、发展目标\n到2030年，每万人口高价值发明专利拥有量由2024年的8.5件提高到15件。")
    (indicator,) = plan["indicators"]
    assert indicator["name"] == "每万人口高价值发明专利拥有量"
    assert indicator["baseline"] == {"year": 2024, "value": 8.5}
    assert indicator["targets"] == [{"year": 2030, "value": 15, "comparator": ">="}]


def test_a_numbered_heading_written_as_a_sentence_titles_its_task():
    text = "三、重点任务\n1.强化知识产权保护。\n加强行政执法。开展专项行动。（县市场监管局、县公安局按职责分工负责。）"
    (task,) = parse_text(text)["tasks"]
    assert task["title"] == "强化知识产权保护" and task["departments"] == ["县市场监管局", "县公安局"]


def test_unbracketed_labelled_lists_on_their_own_lines():
    text = "三、重点任务\n1. 推进专利导航。开展导航项目。\n牵头单位：县科技局\n配合单位：县财政局、县工信局"
    (task,) = parse_text(text)["tasks"]
    assert task["departments"] == ["县科技局", "县财政局", "县工信局"] and task["lead"] == ["县科技局"]


def test_an_indicator_table_with_category_columns_names_rows_by_the_indicator_column():
    text = ("临川县知识产权工作方案（2025—2030年）\n二、发展目标\n一级指标\t二级指标\t单位\t2024年\t2030年\t属性\n"
            "创造\t发明专利拥有量\t件\t1200\t2000\t预期性\n保护\t保护满意度\t分\t80\t≥85\t约束性\n")
    indicators = parse_text(text)["indicators"]
    assert [(i["name"], i["baseline"]["value"], i["targets"][0]["value"]) for i in indicators] == [
        ("发明专利拥有量", 1200, 2000), ("保护满意度", 80, 85)]


def test_yearly_month_end_duties():
    plan = parse_text("四、保障措施\n（一）强化考核。各县每年1月底前报送上年度工作总结。")
    assert [r["due"] for r in plan["reporting"]] == [{"month": 1, "day": 31}]


def test_a_unit_heading_run_into_its_body_is_cut_before_the_second_verb():
    from ipcity.plans.extract.task_titles import heading_run_into_body

    assert heading_run_into_body("打造知识产权大服务格局创新服务方式") == "打造知识产权大服务格局"
    assert heading_run_into_body("推动产业创新发展") == "推动产业创新发展"
    assert heading_run_into_body("依托都市圈协同机制") == "依托都市圈协同机制"


COUNTY = """石门县人民政府办公室关于印发石门县知识产权强县建设三年行动计划（2023—2025年）的通知

石政办发〔2023〕15号

各乡镇人民政府、街道办事处，县直各单位：

《石门县知识产权强县建设三年行动计划（2023—2025年）》已经县人民政府同意，现印发给你们，请认真组织实施。

石门县人民政府办公室

2023年3月9日

石门县知识产权强县建设三年行动计划（2023—2025年）

第一章 总体要求

一、指导思想

坚持创新驱动。

二、主要目标

到2025年，全县有效发明专利拥有量达到500件，每万人口高价值发明专利拥有量达到3.2件，知识产权质押融资额累计达到2亿元，地理标志证明商标新增3件。

第二章 重点任务

一、强化知识产权创造

（一）培育高价值专利。支持企业开展专利布局，建成专利导航服务站2个。（责任单位：县科技局、县工信局）

（二）打造区域品牌。培育区域公用品牌。（责任单位：县市场监管局牵头，县农业农村局配合）

二、强化知识产权保护

（三）加强行政执法。开展“铁拳”专项行动。（县市场监管局、县公安局按职责分工负责）

第三章 实施步骤

（一）动员部署阶段（2023年3月至4月）

制定方案。

（二）全面实施阶段（2023年5月至2025年10月）

推进落实。

第四章 保障措施

各责任单位于每季度末向县知识产权局报送工作进展，每年12月10日前报送年度工作总结。
"""


def test_a_county_plan_with_chapters_labelled_lists_and_quarterly_reports():
    plan = parse_text(COUNTY)
    assert (plan["title"], plan["region"], plan["issuer"]) == (
        "石门县知识产权强县建设三年行动计划（2023—2025年）", "石门县", "石门县人民政府办公室")
    assert [i["name"] for i in plan["indicators"]] == [
        "全县有效发明专利拥有量", "每万人口高价值发明专利拥有量", "知识产权质押融资额", "地理标志证明商标新增"]
    assert [(t["ref"], t["title"], t["departments"], t["lead"]) for t in plan["tasks"]] == [
        ("第二章/一/（一）", "培育高价值专利", ["县科技局", "县工信局"], ["县科技局"]),
        ("第二章/一/（二）", "打造区域品牌", ["县市场监管局", "县农业农村局"], ["县市场监管局"]),
        ("第二章/二/（三）", "加强行政执法", ["县市场监管局", "县公安局"], ["县市场监管局"]),
    ]
    assert plan["phases"] == [{"name": "动员部署阶段", "start": "2023-03", "end": "2023-04"},
                              {"name": "全面实施阶段", "start": "2023-05", "end": "2025-10"}]
    assert [(r["what"], r["due"]) for r in plan["reporting"]] == [
        ("报送工作进展", {"every_months": 3}), ("报送年度工作总结", {"month": 12, "day": 10})]


def test_phases_dated_in_the_heading_its_body_or_the_paragraph_below():
    plan = parse_text("五、实施步骤\n（一）动员部署阶段\n2023年3月至4月，制定方案。\n"
                      "（二）全面实施阶段。2023年5月—2025年9月，推进落实。\n（三）总结评估阶段（2025年10月—12月）\n开展评估。")
    assert plan["phases"] == [{"name": "动员部署阶段", "start": "2023-03", "end": "2023-04"},
                              {"name": "全面实施阶段", "start": "2023-05", "end": "2025-09"},
                              {"name": "总结评估阶段", "start": "2025-10", "end": "2025-12"}]


def test_an_indicator_table_with_a_two_row_header():
    text = ("临川县知识产权工作方案（2025—2027年）\n二、工作目标\n"
            "指标\t单位\t基期值\t目标值\t\t\n\t\t2024年\t2025年\t2026年\t2027年\n"
            "发明专利拥有量\t件\t900\t1000\t1100\t1250\n")
    (indicator,) = parse_text(text)["indicators"]
    assert indicator["baseline"] == {"year": 2024, "value": 900}
    assert [(t["year"], t["value"]) for t in indicator["targets"]] == [(2025, 1000), (2026, 1100), (2027, 1250)]


def test_a_line_without_chinese_above_the_title_is_no_part_of_it():
    # A one-page PDF prints its file name (or a code) above the title, where no running header
    # can be told apart on one page: the title starts at the first line with Chinese in it.
    plan = parse_text("hs_plan_2025\n鹤林市知识产权保护工作实施方案\n一、工作目标\n到2025年，有效发明专利拥有量达到1200件。\n")
    assert plan["title"] == "鹤林市知识产权保护工作实施方案" and plan["region"] == "鹤林市"


def test_the_evidence_of_a_goal_named_before_a_colon_covers_its_name():
    """Found in the review page: a 专栏 list ``1.名称：2025年达到32件，2026年达到35件。`` highlighted only
    ``2025年达到32件…``, not the indicator's name the office is checking it against."""
    text = ("桐口县知识产权强县建设行动方案（2025—2027年）\n一、主要目标\n专栏1 桐口县知识产权主要指标\n"
            "1.有效发明专利拥有量：2026年达到520件，2027年达到600件。\n2.知识产权质押融资登记金额：2027年达到5亿元。\n"
            "二、重点任务\n1.开展专利导航。完成产业专利导航项目3项。（责任单位：县市场监管局）\n")
    plan = parse_text(text)
    assert [i["name"] for i in plan["indicators"]] == ["有效发明专利拥有量", "知识产权质押融资登记金额"]
    for item in plan["indicators"]:
        evidence = item["evidence"]
        assert text[evidence["start"]:evidence["end"]] == evidence["text"]
        assert evidence["text"].startswith(item["name"] + "："), evidence


FROM_TO_AND_YEAR_LABELS = """溪岚市专利转化行动方案（2024—2026年）
一、工作目标
技术合同成交额从2023年的18亿元提高到2026年的30亿元。
2025年：专利许可备案量达到300件，专利质押项目达到40个。
2026年：专利许可备案量达到360件，专利质押项目达到55个。
二、重点任务
（一）推动专利许可。开展专利开放许可。（市科技局负责）
"""


def test_a_dated_from_to_goal_and_year_labelled_goal_lines():
    """``从2023年的18亿元提高到2026年的30亿元`` is one goal with its baseline; a line opened by
    ``2025年：`` sets its goals for that year, so lines of the same names make series."""
    indicators = {i["name"]: i for i in parse_text(FROM_TO_AND_YEAR_LABELS)["indicators"]}
    assert indicators["技术合同成交额"]["baseline"] == {"year": 2023, "value": 18}
    assert indicators["技术合同成交额"]["targets"] == [{"year": 2026, "value": 30, "comparator": ">="}]
    assert [(t["year"], t["value"]) for t in indicators["专利许可备案量"]["targets"]] == [(2025, 300), (2026, 360)]
    assert [(t["year"], t["value"]) for t in indicators["专利质押项目"]["targets"]] == [(2025, 40), (2026, 55)]
    assert len(indicators) == 3


def test_a_county_bureaus_title_names_the_county_not_a_city_of_its_market():
    """``某县市场监督管理局…``: the 市 after 县 opens 市场, so the region is the county."""
    plan = parse_text("苕岙县市场监督管理局\n2025年知识产权工作计划\n一、主要指标\n"
                      "1.有效发明专利拥有量：达到300件。\n苕岙县市场监督管理局\n2025年2月10日\n")
    assert plan["region"] == "苕岙县" and plan["issuer"] == "苕岙县市场监督管理局"
    assert parse_text("苕岙市市场监督管理局2025年知识产权工作计划\n一、主要指标\n")["region"] == "苕岙市"


def test_a_date_in_words_may_write_its_zeros_as_circles():
    """``二○○七年六月三十日`` (U+25CB, as older documents and web copies write 〇): the signature's
    date, not a line of the title under it (paraphrasing a real notice of 2007; invented names)."""
    plan = parse_text("蘅溪市人民政府办公厅印发蘅溪市创建知识产权示范城市工作分解方案的通知\n"
                      "（蘅府办〔2007〕9号）\n各区人民政府，市政府各部门：\n现将方案印发给你们。\n"
                      "蘅溪市人民政府办公厅\n二○○七年五月二十日\n蘅溪市创建知识产权示范城市工作分解方案\n"
                      "一、任务分解\n将创建工作的任务分解为八大类。\n")
    assert plan["title"] == "蘅溪市创建知识产权示范城市工作分解方案"
    assert plan["issued_on"] == "2007-05-20" and plan["issuer"] == "蘅溪市人民政府办公厅"
    assert plan["region"] == "蘅溪市" and plan["doc_number"] == "蘅府办〔2007〕9号"


def test_a_date_in_words_may_write_its_zeros_as_digits():
    """``二00八年九月二日``: a web copy types the zeros of a date in words as the digit 0; the line is
    the signature's date, not a line of the title under it (paraphrasing a real notice of 2008;
    invented names and numbers)."""
    plan = parse_text("澧汀市人民政府办公厅关于印发澧汀市推进商标战略实施方案的通知\n（澧政办发〔2008〕17号）\n"
                      "各县区人民政府，市直有关部门：\n现将方案印发你们，请认真贯彻落实。\n二00八年九月二日\n"
                      "澧汀市推进商标战略实施方案\n一、目标任务\n全市驰名商标到2010年达到3件。\n")
    assert plan["title"] == "澧汀市推进商标战略实施方案"
    assert plan["issued_on"] == "2008-09-02"
    assert (plan["period"]["start"], plan["period"]["end"]) == (2008, 2010)


def test_goals_numbered_with_one_character_parenthesised_numerals():
    """``㈠…；㈡…``: older documents and their web copies number items with the one-character
    （一） (U+3220–3229); the label is numbering, not part of the goal's name (paraphrasing a
    real 2008 plan; invented names and numbers)."""
    plan = parse_text("菁峪县商标工作方案\n一、目标任务\n㈠全县注册商标达到900件；\n㈡全县著名商标达到12件。\n")
    assert [i["name"] for i in plan["indicators"]] == ["全县注册商标", "全县著名商标"]
    assert [i["targets"][0]["value"] for i in plan["indicators"]] == [900, 12]


def test_a_national_body_that_issues_a_plan_names_no_region():
    """A plan of a national body (``国务院…联席会议办公室``) is no city's: the issuer less its kind of
    body is a place only when it names one (paraphrasing a real national 推进计划)."""
    plan = parse_text("国务院知识产权战略实施工作部际联席会议办公室\n2021年12月27日\n"
                      "知识产权强国建设年度推进计划\n一、完善知识产权制度\n"
                      "1.推进修订商标代理管理办法。（市场监管总局、知识产权局负责）\n")
    assert plan["issuer"] == "国务院知识产权战略实施工作部际联席会议办公室"
    assert plan["region"] == "未识别"
    assert plan["tasks"][0]["departments"] == ["市场监管总局", "知识产权局"]


def test_a_number_and_a_date_of_issue_on_one_line():
    """``某政发〔2009〕1号 2009年1月5日``: a law database prints the number and the date on one line
    under the notice's title (paraphrasing a real provincial page; invented names)."""
    plan = parse_text("省政府关于印发云岭省知识产权战略纲要的通知\n云政发〔2009〕3号 2009年2月6日\n"
                      "各市、县人民政府，省各委、办、厅、局：\n现将纲要印发给你们，请认真组织实施。\n"
                      "云岭省知识产权战略纲要\n一、序言\n知识产权制度是开发和利用知识资源的基本制度。\n")
    assert plan["doc_number"] == "云政发〔2009〕3号" and plan["issued_on"] == "2009-02-06"
    assert plan["title"] == "云岭省知识产权战略纲要" and plan["region"] == "云岭省"


def test_the_state_council_signs_by_its_name_alone():
    # a national plan's cover notice is signed ``国务院`` over its date (authored wording)
    plan = parse_text(
        "国务院关于印发某某知识产权规划的通知\n国发〔2021〕99号\n各省、自治区、直辖市人民政府：\n"
        "现将《某某知识产权规划》印发给你们，请认真贯彻执行。\n国务院\n2021年10月9日\n"
        "某某知识产权规划（2021—2025年）\n一、主要目标\n到2025年，每万人口发明专利拥有量达到12件。\n")
    assert plan["issuer"] == "国务院" and plan["issued_on"] == "2021-10-09"


def test_a_work_the_text_follows_is_not_its_title_and_a_headless_notice_says_it_has_none():
    # Authored (invented place and numbers), after the shapes of real notices whose pages start at
    # the addressee: the 《…》 after 按照/为贯彻落实 is the basis, not the document.
    from ipcity.plans.pipeline import NO_TITLE_WARNING, parse_text_with_warnings

    text = ("各区县知识产权局：\n按照《蘅溪市知识产权强市建设纲要》部署，现将示范区名单通知如下，"
            "各区要在2026年6月前制定建设方案。\n特此通知。\n蘅溪市知识产权局\n2025年9月3日\n")
    plan, warnings = parse_text_with_warnings(text)
    assert plan["title"] == "未命名方案" and NO_TITLE_WARNING in warnings
    assert plan["issuer"] == "蘅溪市知识产权局" and plan["issued_on"] == "2025-09-03"
    # a quoted work with no such verb before it is still the name of what the text reports
    plan = parse_text("近日，市政府印发《蘅溪市专利转化运用行动方案》，部署三年工作。\n")
    assert plan["title"] == "蘅溪市专利转化运用行动方案"
    # a site's breadcrumbs (a label's colon) are no title; the line under them is
    plan = parse_text("您的位置：首页 > 范文 > 区知识产权局工作打算\n区知识产权局2025年工作打算\n一、2024年工作回顾\n")
    assert plan["title"] == "区知识产权局2025年工作打算"


def test_a_sites_labelled_date_of_making_is_the_date_of_issue():
    # 制发日期 / 成文日期 in a site's 信息公开 table name the document's own date, even where the page
    # shows no notice subject line (authored; invented body and number)
    plan = parse_text("发布机构 | 葭川县市场监督管理局 | ||\n文件号 | 葭市监〔2025〕9号 | 制发日期 | 2025-06-12 |\n"
                      "各乡镇：\n现就2025年商标品牌工作通知如下。\n")
    assert plan["issued_on"] == "2025-06-12" and plan["doc_number"] == "葭市监〔2025〕9号"
    assert plan["issuer"] == "葭川县市场监督管理局"


def test_the_years_of_a_cited_work_are_no_stage():
    # Authored after an activity notice's 指导思想 (invented wording): the 纲要's years in its title,
    # in a paragraph that speaks of a 新发展阶段, are that work's, never a stage of this plan's work.
    plan = parse_text("蘅溪市2025年知识产权宣传周活动方案\n一、指导思想\n紧扣《知识产权强国建设纲要（2021—2035年）》"
                      "推进实施，立足新发展阶段，营造良好氛围。\n二、实施步骤\n（一）筹备阶段（2025年3月—4月）\n"
                      "制定方案。\n")
    assert plan["phases"] == [{"name": "筹备阶段", "start": "2025-03", "end": "2025-04"}]


def test_a_joint_notice_head_names_each_body_and_an_autonomous_regions_body_no_place():
    # Authored after a joint notice head whose bodies a site sets apart by a space (invented names
    # and number): the issuer is both bodies, as a joint signature gives them; a body that calls
    # itself 自治区… names the kind of its region, not the region (the pipeline warns instead).
    from ipcity.plans.pipeline import NO_REGION_WARNING, parse_text_with_warnings

    plan, warnings = parse_text_with_warnings(
        "自治区市场监管局 知识产权局关于确定2025年第一批商标品牌指导站的通知\n某市监知发〔2025〕8号\n"
        "各盟市市场监管局：\n经评审，确定5家单位为商标品牌指导站，建设周期为2025年7月至2027年6月。\n")
    assert plan["issuer"] == "自治区市场监管局 知识产权局"
    assert plan["region"] == "未识别" and NO_REGION_WARNING in warnings
    assert plan["period"] == {"start": 2025, "end": 2027}
    # a name a PDF letter-spaces is one body, not several
    plan = parse_text("葭 川 县 人 民 政 府关于印发葭川县商标品牌工作方案的通知\n各乡镇人民政府：\n现将方案印发给你们。\n")
    assert plan["issuer"] == "葭川县人民政府"


def test_a_quoted_work_is_a_title_only_when_it_is_named_as_a_plan():
    # Authored after press reports (invented wording): a report's short name for the plan
    # (《实施方案》) and a film it mentions are no title; the headline or nothing is.
    from ipcity.plans.pipeline import NO_TITLE_WARNING, parse_text_with_warnings

    plan = parse_text("漪澜力争2028年地理标志使用企业达到300家\n《实施方案》明确，力争到2028年全市地理标志"
                      "专用标志使用企业达到300家。\n")
    assert plan["title"] == "漪澜力争2028年地理标志使用企业达到300家"
    plan, warnings = parse_text_with_warnings("今天，市版权局介绍，全市第一份作品登记证是《澧水长歌》，"
                                              "“十五五”期间，全市作品登记量将稳步增长。\n")
    assert plan["title"] == "未命名方案" and NO_TITLE_WARNING in warnings


def test_a_law_databases_date_of_promulgation_is_the_date_of_issue():
    # 颁布日期 beside 生效日期 on a law database's page (authored; invented body and number)
    plan = parse_text("发文字号:苇府〔2025〕31号\n颁布部门:苇渡区人民政府\n颁布日期:2025-04-08生效日期:1900-01-01\n"
                      "关于苇渡区实施知识产权强区战略的若干意见\n各街道办事处：\n一、总体要求\n")
    assert plan["issued_on"] == "2025-04-08" and plan["doc_number"] == "苇府〔2025〕31号"
