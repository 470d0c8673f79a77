"""progress-method.md, third pass (session 29, blind): the readings a second implementation written
from the spec alone met when compared with ``ipcity indicators assess`` (NOTES.md 27–30), each
worked by hand in its comment. Indicators are authored here.
"""

from __future__ import annotations

from .progress_cli import assess_one, indicator, run_assess


def test_a_target_and_the_baseline_in_one_year_the_target_is_the_anchor(tmp_path):
    # NOTES 28. Anchors: baseline 2022: 10, targets 2020: 30 and 2022: 20, 2025: 50.
    # 2021 lies between 2020: 30 and 2022, whose anchor is the target 20 (not the baseline 10):
    # 30 + (20 − 30) × 1/2 = 25. 2023 lies between 2022: 20 and 2025: 50: 20 + 30 × 1/3 = 30.
    ind = indicator(baseline=(2022, 10), targets={2020: 30, 2022: 20, 2025: 50})
    assert assess_one(tmp_path, ind, {2021: 25}, 2021)["expected"] == 25
    assert assess_one(tmp_path, ind, {2023: 30}, 2023)["expected"] == 30


def test_only_an_undated_target_lets_the_reference_stand_in(tmp_path):
    # NOTES 27. The one target has no year: no anchor, no final target. Step 2's reference for
    # as_of (2024: 50) is then `expected`; 46 ≥ 0.9 × 50 = 45 → near. Lens 2: no final target.
    ind = indicator(targets={}, reference=[{"year": 2024, "value": 50}])
    ind["targets"] = [{"year": None, "value": 60, "comparator": ">="}]
    out = assess_one(tmp_path, ind, {2024: 46}, 2024)
    assert (out["expected"], out["year_status"], out["outlook"]) == (50, "near", "no_target")


def test_a_changed_near_line_for_lower_is_better_is_its_mirror(tmp_path):
    # NOTES 29. --near 0.8 for a down indicator reads 2 − 0.8 = 1.2 (the spec's 0.9 ↔ 1.1 pair):
    # expected 10 (the target of 2025); 12 ≤ 1.2 × 10 → near; 12.3 > 12 → behind (it would be near
    # under 1 / 0.8 = 1.25). The changed threshold is shown with the verdict.
    ind = indicator(baseline=(2022, 20), targets={2025: 10}, comparator="<=")
    near = assess_one(tmp_path, ind, {2025: 12}, 2025, "--near", "0.8")
    behind = assess_one(tmp_path, ind, {2025: 12.3}, 2025, "--near", "0.8")
    assert (near["year_status"], behind["year_status"]) == ("near", "behind")
    assert near["thresholds"] == {"near": 0.8}


def test_two_targets_for_one_year_are_malformed(tmp_path):
    # NOTES 30: one line naming the case, exit 2.
    ind = indicator(targets={2025: 10})
    ind["targets"].append({"year": 2025, "value": 12, "comparator": ">="})
    result = run_assess(tmp_path, [{"indicator": ind, "observations": []}])
    assert result.exit_code == 2
    assert "case 1 (index 0)" in result.output and "same year" in result.output
    assert len(result.output.strip().splitlines()) == 1
