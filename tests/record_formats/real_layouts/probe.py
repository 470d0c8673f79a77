"""Import each authored layout as an office user would and count what was refused or misread.

    .venv/bin/python tests/record_formats/real_layouts/probe.py [--verbose]

Each file goes through ``ipcity records import FILE --kind K --dataset D --json`` (the CLI, a
fresh throw-away data directory per file); every record's fields are then read back from the
dataset and compared with what the authored row means (``TRUTH`` below: written from the row,
not from the importer's output). A row counts as *misread* when any compared field differs, as
*refused* when the importer set it aside, and a whole file as refused when the CLI exits non-zero.
Not a test (pytest does not collect it): NOTES.md quotes its output before and after the fixes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
D = dt.date
REFUSE = "refused"  # the row (or file) should be refused: it lacks what the record needs

TM = ("nice_class", "mark_type", "gi", "app_date", "reg_date", "expiry_date", "status", "holders")
CR = ("work_type", "category", "reg_date", "owners", "first_owner_country")
# file → (kind, {key: expected fields or REFUSE}); a whole file to refuse: (kind, REFUSE)
TRUTH: dict[str, tuple[str, object]] = {
    "l01_cnipa_detail": ("trademark", {
        "9100231": (39, "ordinary", False, D(2011, 1, 5), D(2012, 7, 14), D(2022, 7, 13), "registered",
                    "新津县青溪乡村旅游专业合作社"),
        "9100232": (29, "collective", False, D(2011, 2, 18), D(2012, 8, 7), D(2022, 8, 6), "registered",
                    "眉山市东坡泡菜协会"),
        "9100233": (31, "certification", False, D(2011, 3, 2), D(2012, 8, 21), D(2022, 8, 20), "registered",
                    "蒲江县猕猴桃产业协会"),
        "9100234": (35, "ordinary", False, D(2011, 3, 9), None, None, "pending", "成都锦里云商贸有限公司"),
    }),
    "l02_warehouse_trademark": ("trademark", {
        "30100001": (35, "ordinary", False, D(2018, 4, 2), D(2019, 6, 21), D(2029, 6, 20), "registered", None),
        "30100002": (9, "ordinary", False, D(2018, 4, 2), D(2019, 6, 21), D(2029, 6, 20), "registered", None),
        "50200003": (30, "ordinary", False, D(2021, 10, 11), None, None, "pending", None),
        "7100004": (29, "certification", False, D(2008, 12, 30), D(2010, 9, 14), D(2030, 9, 13), "registered", None),
    }),
    # No application date in this service's fields: the spec's record cannot be made.
    "l03_antchain_trademark": ("trademark", {"20300001": REFUSE, "20300002": REFUSE}),
    "l04_qcc_api_trademark": ("trademark", {
        "16400001": (45, "ordinary", False, D(2015, 3, 4), None, None, "pending", "苏州某某网络科技有限公司"),
        "15300002": (42, "ordinary", False, D(2014, 9, 22), None, None, "invalid", "苏州某某网络科技有限公司"),
        "16400003": (45, "ordinary", False, D(2015, 3, 4), None, None, "registered", "苏州某某网络科技有限公司"),
    }),
    "l05_qcc_api_software": ("copyright", {
        "2016SR300001": ("software", None, D(2016, 10, 27), "苏州某某网络科技有限公司", "CN"),
        "2016SR260002": ("software", None, D(2016, 9, 18), "苏州某某网络科技有限公司", "CN"),
        "2015SR290003": ("software", None, D(2015, 12, 30), "苏州某某网络科技有限公司", "CN"),
    }),
    "l06_app_software_list": ("copyright", {
        "2012SR030001": ("software", None, D(2012, 5, 3), "北京青禾科技有限责任公司", "CN"),
        "2014SR060002": ("software", None, D(2014, 5, 15), "北京青禾科技有限责任公司", "CN"),
        "2011SR090003": ("software", None, D(2011, 12, 23), "北京青禾软件技术有限公司|北京青禾通讯技术有限公司", "CN"),
        "2012SR110004": ("software", None, D(2012, 12, 1), "常州青禾软件有限公司", "CN"),
    }),
    "l07_warehouse_software": ("copyright", {
        "2019SR0100001": ("software", None, D(2019, 2, 14), "杭州青禾数据科技有限公司", "CN"),
        "2019SR0100002": ("software", None, D(2019, 2, 15), "杭州青禾数据科技有限公司", "CN"),
        "2020SR0100003": ("software", None, D(2020, 3, 9), "张某某", "CN"),
    }),
    "l08_warehouse_work": ("copyright", {
        "国作登字-2023-F-00100001": ("work", "美术", D(2023, 5, 20), "杭州青禾数据科技有限公司", "CN"),
        "国作登字-2023-A-00100002": ("work", "文字", D(2023, 6, 8), "杭州青禾数据科技有限公司", "CN"),
        "浙作登字-2022-I-00100003": ("work", "摄影", D(2022, 3, 18), "赵某某", "CN"),
    }),
    # 地理标志产品 (product protection announcements) are not trademarks: refused, saying so.
    "l09_warehouse_gi_products": ("trademark", REFUSE),
    # CNIPA's flow words as 商标状态; a term column that is a bare 至 when there is no term.
    "l10_soft_assets_trademark": ("trademark", {
        "21000001": (9, "ordinary", False, D(2016, 3, 2), D(2017, 9, 14), D(2027, 9, 13), "registered", None),
        "21000002": (35, "ordinary", False, D(2016, 3, 2), None, None, "registered", None),
        "21000003": (42, "ordinary", False, D(2018, 5, 7), None, None, "registered", None),
        "21000004": (41, "ordinary", False, D(2018, 5, 7), None, None, "registered", None),
        "21000005": (16, "ordinary", False, D(2017, 1, 16), D(2018, 11, 21), D(2028, 11, 20), "registered", None),
        "21000006": (30, "ordinary", False, D(2019, 8, 30), None, None, "invalid", None),
        "21000007": (29, "ordinary", False, D(2019, 8, 30), None, None, "invalid", None),
        "21000008": (43, "ordinary", False, D(2021, 2, 3), None, None, "pending", None),
        "21000009": (44, "ordinary", False, D(2019, 8, 30), None, None, "pending", None),
        "21000010": (25, "ordinary", False, D(2008, 4, 11), D(2009, 10, 7), D(2019, 10, 6), "invalid", None),
        "21000011": (25, "ordinary", False, D(2009, 4, 11), D(2010, 10, 7), D(2030, 10, 6), "registered", None),
        "21000012": (28, "ordinary", False, D(2012, 6, 18), D(2013, 9, 7), D(2023, 9, 6), "registered", None),
        "21000013": (36, "ordinary", False, D(2012, 6, 18), D(2013, 9, 7), D(2023, 9, 6), "registered", None),
        "21000014": (38, "ordinary", False, D(2012, 6, 18), D(2013, 9, 7), D(2023, 9, 6), "registered", None),
        "21000015": (39, "ordinary", False, D(2020, 1, 9), None, None, "pending", None),
        "21000016": (40, "ordinary", False, D(2022, 11, 30), None, None, "pending", None),
    }),
    "l11_soft_assets_work": ("copyright", {
        "国作登字-2016-F-00200001": ("work", "美术", D(2016, 8, 2), "杭州青禾数据科技有限公司", "CN"),
        "国作登字-2017-A-00200002": ("work", "文字", D(2017, 2, 20), "杭州青禾数据科技有限公司", "CN"),
        "国作登字-2017-G-00200003": ("work", "摄影", D(2017, 5, 11), "杭州青禾数据科技有限公司", "CN"),
        "国作登字-2018-F-00200004": ("work", "美术", D(2018, 7, 3), "杭州青禾数据科技有限公司", "CN"),
    }),
    "l12_soft_assets_software": ("copyright", {
        "2017SR200001": ("software", None, D(2017, 5, 27), "杭州青禾数据科技有限公司", "CN"),
        "2018SR200002": ("software", None, D(2018, 11, 3), "杭州青禾数据科技有限公司", "CN"),
    }),
}


def run(path: Path, kind: str, verbose: bool) -> dict[str, int]:
    import pyarrow.parquet as pq

    from ipcity.analytics import datasets

    truth = TRUTH[path.stem][1]
    fields = TM if kind == "trademark" else CR
    counts = {"rows": 0, "imported": 0, "right": 0, "misread": 0, "refused": 0, "refused_rightly": 0}
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "IPCITY_DATA_DIR": data_dir, "IPCITY_ENV": "test"}
        done = subprocess.run([str(ROOT / ".venv/bin/ipcity"), "records", "import", str(path), "--kind", kind,
                               "--dataset", "probe", "--json"], capture_output=True, text=True, env=env, cwd=ROOT)
        expected_rows = 1 if truth == REFUSE else len(truth)  # type: ignore[arg-type]
        counts["rows"] = expected_rows
        if done.returncode != 0:
            message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
            print(f"{path.name}: FILE REFUSED: {message}")
            counts["refused"] = expected_rows
            counts["refused_rightly"] = (expected_rows if truth == REFUSE
                                         else sum(w == REFUSE for w in truth.values()))  # type: ignore[union-attr]
            return counts
        report = json.loads(done.stdout)
        print(f"{path.name}: format {report['format']}, {report['rows_imported']} imported, "
              f"{report['rejected_count']} rejected")
        for item in report["rejected"]:
            print(f"    rejected line {item['line']}: {item['reason']}")
        os.environ["IPCITY_DATA_DIR"] = data_dir
        table = pq.read_table(datasets.kind_path("probe", kind, data_dir=Path(data_dir))).to_pylist()
    got = {row["reg_number"]: row for row in table}
    if truth == REFUSE:
        counts["misread"] = 1
        return counts
    for key, want in truth.items():  # type: ignore[union-attr]
        row = got.get(key)
        if row is None:
            counts["refused"] += 1
            counts["refused_rightly"] += want == REFUSE
            print(f"    {key}: not imported" + (" (right)" if want == REFUSE else ""))
            continue
        counts["imported"] += 1
        if want == REFUSE:
            counts["misread"] += 1
            print(f"    {key}: imported, should have been refused")
            continue
        wrong = {f: (row[f], w) for f, w in zip(fields, want, strict=True) if row[f] != w}
        counts["misread" if wrong else "right"] += 1
        if wrong or verbose:
            shown = {f: row[f] for f in fields} | {"region_code": row.get("region_code")}
            print(f"    {key}: {shown}")
        for f, (value, w) in wrong.items():
            print(f"        MISREAD {f}: {value!r} (the row means {w!r})")
    for key in set(got) - set(truth):  # type: ignore[arg-type]
        counts["misread"] += 1
        print(f"    {key}: imported under a number the file does not hold")
    return counts


def main() -> None:
    verbose = "--verbose" in sys.argv
    sys.path.insert(0, str(ROOT / "src"))
    totals: dict[str, int] = {}
    print("| layout | file | rows | imported right | misread | refused (rightly) |")
    print("| --- | --- | --- | --- | --- | --- |")
    lines = []
    for name, (kind, _) in TRUTH.items():
        for suffix in ("csv", "xlsx"):
            path = HERE / f"{name}.{suffix}"
            if not path.exists():
                continue
            c = run(path, kind, verbose)
            lines.append(f"| {name} | {suffix} | {c['rows']} | {c['right']} | {c['misread']} | "
                         f"{c['refused']} ({c['refused_rightly']}) |")
            for k, v in c.items():
                totals[k] = totals.get(k, 0) + v
    print("\n".join(lines))
    print(f"| total | | {totals['rows']} | {totals['right']} | {totals['misread']} | "
          f"{totals['refused']} ({totals['refused_rightly']}) |")


if __name__ == "__main__":
    main()
