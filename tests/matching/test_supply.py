"""Patents on offer from a dataset: region, in force, holder kind, high value, SEI class."""

from __future__ import annotations

from ipcity.matching.supply import supply


def test_local_university_and_institute_patents(data_dir):
    table = supply("fx", region_code="340300", holder_kinds=("university", "institute"))
    assert table["pub_number"].to_pylist() == ["CN99000001A", "CN99000007A", "CN99000008A"]
    assert table["holder_kind"].to_pylist() == ["university", "institute", "institute"]


def test_province_and_limit(data_dir):
    table = supply("fx", region_code="340000", limit=3)
    assert table.num_rows == 3 and all(code.startswith("34") for code in table["region_code"].to_pylist())


def test_high_value_and_sei_class(data_dir, sei_table):
    # Every fixture record was filed 2012-03-01: maintained 10 years by the end of 2023, not of 2021.
    early = supply("fx", high_value=True, year=2021, sei_table=sei_table)
    assert early.num_rows > 0 and set(early["high_value_criteria"].to_pylist()) == {"sei"}
    assert supply("fx", high_value=True, year=2021).num_rows <= early.num_rows
    later = supply("fx", high_value=True, year=2023, sei_table=sei_table)
    assert later.num_rows == 10  # the ten inventions; the two utility models are never high-value
    assert all("maintained_10y" in c for c in later["high_value_criteria"].to_pylist())
    glass = supply("fx", sei_code="7.1", sei_table=sei_table)
    assert "CN99000007A" in glass["pub_number"].to_pylist()
    assert all("7.1" in codes.split("|") for codes in glass["sei_codes"].to_pylist())


def test_nothing_on_offer_gives_an_empty_table(data_dir):
    assert supply("fx", region_code="110000").num_rows == 0


def test_another_offices_grant_is_never_on_offer(data_dir, patents):
    import pyarrow as pa

    from ipcity.analytics import datasets
    from tests.matching.conftest import canonical_records

    rows = canonical_records(patents).to_pylist()
    rows[0]["office"] = "US"
    rows[1]["status"] = "invalid"
    datasets.write_dataset("fx", pa.Table.from_pylist(rows, schema=canonical_records(patents).schema),
                           {"source": "authored fixture"}, data_dir)
    everything = supply("fx", in_force=False)["pub_number"].to_pylist()
    assert patents[0]["pub_number"] not in everything and patents[1]["pub_number"] in everything
    assert patents[1]["pub_number"] not in supply("fx")["pub_number"].to_pylist()
    assert len(everything) == len(patents) - 1
