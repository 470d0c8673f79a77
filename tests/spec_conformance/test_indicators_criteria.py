"""ip-indicators.md, "The five criteria of 高价值发明专利", sentence by sentence, through
``ipcity indicators compute --json`` and ``ipcity indicators explain`` (the patents behind a figure)."""

from __future__ import annotations

import pytest

from .patent_records import compute, explain, patent, write_sei

# Rule 1 has each pattern form of the spec; rules 2-3 show that exclusions belong to one rule.
RULES = [
    ("G06F11*;B41J*;H03M13;G16H;G06F9/44", "G06F11/14;B41J2*", ""),
    ("H04L*", "H04L12*", ""),
    ("H04L12/02", "", ""),
]

# symbol → meets sei (worked out from the spec's pattern sentences)
SYMBOLS = {
    "G06F11/30": True,     # G06F11*: main group 11 and its subgroups
    "G06F11/00": True,
    "G06F11/3668": True,
    "G06F110/00": False,   # …but not main group 110
    "G06F1/00": False,
    "G06F 11/30": True,    # compared without spaces
    "G06F11 / 30": True,
    "G06F11/14": False,    # an exclusion of the rule
    "G06F11/141": True,    # the exclusion is an exact symbol, not "below"
    "B41J3/407": True,     # B41J*: the whole subclass
    "B41J2/01": False,     # …minus the excluded main group B41J2
    "B41J29/38": True,     # B41J2* does not exclude main group 29
    "B41K1/00": False,
    "H03M13/11": True,     # H03M13 (neither * nor /) is read as H03M13*
    "H03M130/00": False,
    "H03M1/12": False,
    "G16H10/60": True,     # G16H: the whole subclass
    "G16B5/00": False,
    "G06F9/44": True,      # with / and no *: that exact symbol only
    "G06F9/445": False,
    "G06F9/4401": False,
    "G06F9/00": False,
    "H04L9/40": True,      # rule 2
    "H04L12/28": False,    # excluded by rule 2, in no other rule
    "H04L12/02": True,     # excluded by rule 2 but covered by rule 3
    "A45D1/00": False,
}


def _sei_rows() -> list[dict]:
    return [patent(ipc=symbol, title=f"符号{i}") for i, symbol in enumerate(SYMBOLS)]


def test_sei_pattern_semantics(tmp_path):
    rows = _sei_rows()
    sei = write_sei(tmp_path, RULES)
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", sei)
    expected = {row["pub_number"] for row, meets in zip(rows, SYMBOLS.values(), strict=True) if meets}
    listed = explain(tmp_path, rows, "high_value_sei", "330100", 2020, "--sei-rules", sei)
    found = {row["pub_number"] for row in listed}
    wrong = {symbol for row, symbol in zip(rows, SYMBOLS, strict=True) if (row["pub_number"] in found)
             != SYMBOLS[symbol]}
    assert not wrong
    assert found == expected and out["high_value_by_criterion"]["sei"] == len(expected)
    assert out["high_value"] == len(expected)


def test_sei_any_symbol_of_the_patent_matches(tmp_path):
    rows = [patent(ipc="A45D1/00|G16H10/60"), patent(ipc="A45D1/00|G06F110/00")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", write_sei(tmp_path, RULES))
    assert out["high_value_by_criterion"]["sei"] == 1


def test_sei_with_the_shared_2021_concordance(tmp_path, shared_dir):
    table = str(shared_dir / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv")
    # 1.1 rule 1: G06F11* except G06F11/14 …; A45D (hair care) is in no industry of the table
    rows = [patent(ipc="G06F11/30"), patent(ipc="A45D1/00")]
    assert compute(tmp_path, rows, "330100", 2020, "--sei-rules", table)["high_value_by_criterion"]["sei"] == 1


def test_keywords_are_not_used_by_default(tmp_path):
    rules = [("C12N15*", "", "基因编辑、CRISPR")]
    rows = [patent(ipc="C12N15/10", title="一种方法", abstract="无")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", write_sei(tmp_path, rules))
    assert out["high_value_by_criterion"]["sei"] == 1 and out["parameters"]["sei_mode"] == "ipc_only"


@pytest.mark.parametrize(("title", "abstract", "meets"), [
    ("一种基因编辑方法", "", True),
    ("一种方法", "利用CRISPR技术", True),          # the abstract counts too
    ("一种合成生物底盘", "", True),                 # after 、
    ("细胞培养", "", True),                         # after ；
    ("抗体制备", "", True),                         # after ;
    ("疫苗", "", True),                             # after ，
    ("一种载体", "含有质粒", True),                 # after ,
    ("一种方法", "无关内容", False),
    ("基因", "编辑", False),                        # the term, not its characters apart
])
def test_ipc_and_keyword_needs_a_term_of_the_phrase(tmp_path, title, abstract, meets):
    rules = [("C12N15*", "", "基因编辑、CRISPR、合成生物；细胞;抗体，疫苗,质粒")]
    rows = [patent(ipc="C12N15/10", title=title, abstract=abstract)]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", write_sei(tmp_path, rules),
                  "--sei-mode", "ipc_and_keyword")
    assert out["high_value_by_criterion"]["sei"] == int(meets)
    assert out["parameters"]["sei_mode"] == "ipc_and_keyword"


def test_ipc_and_keyword_rule_without_keywords_needs_only_the_ipc(tmp_path):
    rules = [("C12N15*", "", "基因编辑"), ("G16H", "", "")]
    rows = [patent(ipc="G16H10/60", title="一种方法"), patent(ipc="C12N15/10", title="一种方法")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", write_sei(tmp_path, rules),
                  "--sei-mode", "ipc_and_keyword")
    assert out["high_value_by_criterion"]["sei"] == 1


def test_ipc_and_keyword_uses_the_terms_of_the_matching_rule_only(tmp_path):
    rules = [("C12N15*", "", "基因编辑"), ("G16H", "", "医疗信息")]
    rows = [patent(ipc="C12N15/10", title="医疗信息系统")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", write_sei(tmp_path, rules),
                  "--sei-mode", "ipc_and_keyword")
    assert out["high_value_by_criterion"]["sei"] == 0


def test_without_a_concordance_sei_is_not_applied_and_says_so(tmp_path):
    out = compute(tmp_path, [patent(ipc="G16H10/60")], "330100", 2020)
    assert out["high_value_by_criterion"]["sei"] is None and out["high_value"] == 0
    assert "sei_not_applied" in {w["code"] for w in out["warnings"]}


# ---- overseas_family, award ---------------------------------------------------------------------

@pytest.mark.parametrize(("offices", "meets"), [("US|EP", True), ("JP", True), ("", False), (None, False)])
def test_overseas_family_is_a_non_empty_office_list(tmp_path, offices, meets):
    out = compute(tmp_path, [patent(family_granted_offices=offices)], "330100", 2020)
    assert out["high_value_by_criterion"]["overseas_family"] == int(meets) and out["high_value"] == int(meets)


@pytest.mark.parametrize(("award", "meets"), [("第二十四届中国专利金奖", True), ("国家科学技术进步奖二等奖", True),
                                              ("", False), (None, False)])
def test_award_is_non_empty(tmp_path, award, meets):
    out = compute(tmp_path, [patent(award=award)], "330100", 2020)
    assert out["high_value_by_criterion"]["award"] == int(meets)


# ---- maintained_10y: app_date + 10 years < Y-12-31 ----------------------------------------------

@pytest.mark.parametrize(("app_date", "year", "meets"), [
    ("2010-12-30", 2020, True),    # 2020-12-30 < 2020-12-31
    ("2010-12-31", 2020, False),   # 2020-12-31 is not earlier than 2020-12-31
    ("2010-12-31", 2021, True),
    ("2011-01-01", 2020, False),
    ("2010-01-01", 2020, True),
    ("2008-02-29", 2018, True),    # 2018-02-28 (or 03-01) < 2018-12-31
    ("2009-06-01", 2018, False),
])
def test_maintained_10y(tmp_path, app_date, year, meets):
    rows = [patent(app_date=app_date, grant_date="2012-06-01")]
    out = compute(tmp_path, rows, "330100", year)
    assert out["invention_valid"] == 1
    assert out["high_value_by_criterion"]["maintained_10y"] == int(meets)


# ---- pledge: no default threshold ---------------------------------------------------------------

def test_pledge_without_threshold_is_not_applied_and_says_so(tmp_path):
    out = compute(tmp_path, [patent(pledge_amount=1e12)], "330100", 2020)
    assert out["high_value_by_criterion"]["pledge"] is None and out["high_value"] == 0
    assert "pledge_not_applied" in {w["code"] for w in out["warnings"]}
    assert out["parameters"]["pledge_threshold"] is None


@pytest.mark.parametrize(("amount", "meets"), [(1_000_000, True), (5e7, True), (999_999.99, False), (None, False),
                                               (0, False)])
def test_pledge_amount_at_or_above_the_office_threshold(tmp_path, amount, meets):
    out = compute(tmp_path, [patent(pledge_amount=amount)], "330100", 2020, "--pledge-threshold", "1000000")
    assert out["high_value_by_criterion"]["pledge"] == int(meets) and out["high_value"] == int(meets)


def test_pledge_threshold_loaded_by_the_office_applies(tmp_path):
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    assert CliRunner().invoke(cli, ["patents", "reference", "pledge-threshold", "2000000"]).exit_code == 0
    rows = [patent(pledge_amount=2e6), patent(pledge_amount=1e6)]
    assert compute(tmp_path, rows, "330100", 2020)["high_value_by_criterion"]["pledge"] == 1


# ---- high_value and high_value_by_criterion -----------------------------------------------------

def test_high_value_counts_a_patent_once_and_each_criterion_separately(tmp_path):
    rows = [
        patent(award="中国专利金奖", family_granted_offices="US", app_date="2009-01-01", grant_date="2012-01-01"),
        patent(family_granted_offices="EP"),
        patent(),
    ]
    out = compute(tmp_path, rows, "330100", 2020)
    assert out["invention_valid"] == 3 and out["high_value"] == 2
    by = out["high_value_by_criterion"]
    assert (by["award"], by["overseas_family"], by["maintained_10y"]) == (1, 2, 1)


def test_high_value_counts_only_patents_in_invention_valid(tmp_path):
    rows = [patent(award="中国专利金奖", lapse_date="2019-05-01"),                      # lapsed before Y
            patent(award="中国专利金奖", first_applicant_country="HK"),                 # not domestic
            patent(award="中国专利金奖", kind="utility"),                              # not an invention
            patent(award="中国专利金奖", status="invalid", lapse_date=None),            # in force in no year
            patent(award="中国专利金奖", office="US"),                                 # not office CN
            patent(award="中国专利金奖")]
    out = compute(tmp_path, rows, "330100", 2020)
    assert (out["invention_valid"], out["high_value"], out["high_value_by_criterion"]["award"]) == (1, 1, 1)


def test_explain_lists_the_patents_behind_high_value_with_their_criteria(tmp_path):
    rows = [patent(award="奖", family_granted_offices="US"), patent()]
    listed = explain(tmp_path, rows, "high_value", "330100", 2020)
    assert [r["pub_number"] for r in listed] == [rows[0]["pub_number"]]
    assert listed[0]["meets_award"] and listed[0]["meets_overseas_family"] and not listed[0]["meets_maintained_10y"]


def test_patterns_and_exclusions_are_compared_without_spaces_too(tmp_path):
    rules = [("G06F 11*;H04L 9/40", "G06F 11/14", "")]
    rows = [patent(ipc="G06F11/30"), patent(ipc="G06F11/14"), patent(ipc="H04L9/40")]
    out = compute(tmp_path, rows, "330100", 2020, "--sei-rules", write_sei(tmp_path, rules))
    assert out["high_value_by_criterion"]["sei"] == 2


def test_the_sei_mode_and_file_are_shown_beside_the_figure(tmp_path):
    sei = write_sei(tmp_path, RULES)
    out = compute(tmp_path, [patent()], "330100", 2020, "--sei-rules", sei)
    assert out["parameters"]["sei_mode"] == "ipc_only" and out["parameters"]["sei_rules"] == sei


def test_the_concordance_the_office_loaded_is_used(tmp_path):
    from click.testing import CliRunner

    from ipcity.cli.main import cli

    loaded = CliRunner().invoke(cli, ["patents", "reference", "sei", write_sei(tmp_path, [("G16H", "", "")])])
    assert loaded.exit_code == 0, loaded.output
    out = compute(tmp_path, [patent(ipc="G16H10/60"), patent()], "330100", 2020)
    assert out["high_value_by_criterion"]["sei"] == 1 and out["high_value"] == 1
