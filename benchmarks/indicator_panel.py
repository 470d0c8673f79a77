"""Benchmark: the full city × year panel of patents and trademarks, engine against pandas.

    python benchmarks/indicator_panel.py --records 1000000 [--trademarks N] [--engine duckdb] [--seed 0]

Makes (or reuses) a dataset directory of N synthetic patent records (``records.parquet``, IPC
symbols drawn partly from the SEI concordance) and N synthetic trademark records
(``trademark.parquet``, ``--trademarks`` to change the number, 0 for patents alone), then computes
the panel of every prefecture-level city × the 10 years 2016–2025 the way ``ipcity indicators
panel`` does for a dataset holding both kinds (``panel.compute_panel``: the patent keys with SEI
matching over every IPC symbol, and the trademark keys of ip-records.md), once with the engine
and once with the pandas baselines (``tests/analytics_compute/baseline_pandas*.py``, written
independently), each in a fresh process so that each peak memory is its own. Checks both panels
are equal and ends with one line:

    records=N trademarks=M engine_s=… pandas_s=… ratio_vs_pandas=… limit_s=… ratio_vs_limit=… peak_rss_mb=…

``limit_s`` is the time of one DuckDB scan (2 threads, fresh process) of the columns the panel
reads in each file, summed over the two files, every value decoded (DuckDB's statistics shortcut
off, see ``_run_scan``): no computation over the records can be faster than reading them once,
so ``ratio_vs_limit`` says how far the panel is from that floor (target ≤ 4).

``engine_s`` and ``pandas_s`` cover reading the Parquet files to the finished panel; no population
or market-entity table is loaded (the per-10k columns are null), so the reference data play no
part. ``peak_rss_mb`` is the engine process's peak resident memory (the pandas one is printed
above). Synthesis is not timed. Targets (issue 14): ≤ 4× the scan, ≥ 6× faster than pandas.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the pandas baseline lives with the tests
DEFAULT_SEI = REPO.parent / "shared" / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"
YEARS = list(range(2016, 2026))


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: ru_maxrss survives exec and
    would report the parent's peak (e.g. the synthesis) for a freshly spawned child."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _run_engine(dataset: str, sei_path: str, engine_name: str, out: str, queue: mp.Queue) -> None:
    os.environ["IPCITY_DATA_DIR"] = str(Path(dataset) / "no-reference-data")  # no population, no entities
    from ipcity.analytics import engine as eng
    from ipcity.analytics import indicators as ind
    from ipcity.analytics import panel
    from ipcity.analytics.sei import load_sei_table

    params = ind.Parameters(sei=load_sei_table(sei_path))
    engine = eng.connect(engine_name)
    start = time.perf_counter()
    frame = panel.compute_panel(engine, dataset, "city", YEARS, params)
    seconds = time.perf_counter() - start
    frame.to_parquet(out)
    queue.put((seconds, _peak_rss_mb()))


def _run_pandas(dataset: str, sei_path: str, out: str, queue: mp.Queue) -> None:
    from tests.analytics_compute import baseline_pandas, baseline_pandas_trademarks

    from ipcity.analytics.sei import load_sei_table

    sei = load_sei_table(sei_path)
    trademarks = Path(dataset) / "trademark.parquet"
    start = time.perf_counter()
    frame = baseline_pandas.panel(str(Path(dataset) / "records.parquet"), sei, YEARS, level="city")
    if trademarks.is_file():
        frame = frame.merge(baseline_pandas_trademarks.panel(trademarks, YEARS, level="city"),
                            on=["region_key", "year"], how="outer")
    seconds = time.perf_counter() - start
    frame.to_parquet(out)
    queue.put((seconds, _peak_rss_mb()))


# The record columns the panel reads, per file: patents (indicators.prepared_rows and
# attributed_records) and trademarks (record_indicators.trademark_frame).
PANEL_COLUMNS = {
    "records.parquet": ("pub_number", "office", "app_number", "kind", "app_date", "grant_date", "lapse_date",
                        "status", "first_applicant_country", "first_applicant_address", "region_code", "ipc",
                        "family_granted_offices", "pct", "pledge_amount", "award"),
    "trademark.parquet": ("office", "madrid", "gi", "app_date", "reg_date", "expiry_date", "lapse_date", "status",
                          "first_holder_country", "first_holder_address", "region_code"),
}


def _run_scan(dataset: str, queue: mp.Queue) -> None:
    """One DuckDB scan of each file's panel columns, summed: every value read and decoded, nothing computed.

    DuckDB answers ``count(c)`` of a column that its Parquet statistics say has no nulls from the
    statistics, without reading the column (9 of the 16 here, among them ``ipc``, ``pub_number``
    and ``app_number``); its statistics optimiser is switched off so that every column is read.
    The figure with the shortcut (what ``limit_s`` measured before) is printed too."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    seconds = shortcut = 0.0
    for name, columns in PANEL_COLUMNS.items():
        path = Path(dataset) / name
        if not path.is_file():
            continue
        counts = ", ".join(f"count({c})" for c in columns)
        query = f"SELECT {counts} FROM read_parquet('{path}')"
        con.execute("SET disabled_optimizers = 'statistics_propagation'")
        start = time.perf_counter()
        con.execute(query).fetchall()
        seconds += time.perf_counter() - start
        con.execute("SET disabled_optimizers = ''")
        start = time.perf_counter()
        con.execute(query).fetchall()
        shortcut += time.perf_counter() - start
    queue.put((seconds, shortcut))


def _in_child(target, *args) -> tuple[float, float]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(*args, queue))
    process.start()
    process.join()
    if process.exitcode != 0:
        raise SystemExit(f"{target.__name__} failed with exit code {process.exitcode}")
    return queue.get()


def ensure_records(records: int, seed: int, sei_path: Path, data_dir: Path) -> Path:
    from ipcity.analytics.sei import load_sei_table
    from ipcity.analytics.synth import write_synth

    out = data_dir / f"synth-{records}-seed{seed}"
    path = out / "records.parquet"
    if not path.is_file():
        start = time.perf_counter()
        write_synth(records, out, seed=seed, sei=load_sei_table(sei_path))
        print(f"synthesised {records} records in {time.perf_counter() - start:.1f} s -> {path}", flush=True)
    return path


def ensure_dataset(records: int, trademarks: int, seed: int, sei_path: Path, data_dir: Path) -> Path:
    """A dataset directory: the synthetic patents and (``trademarks`` > 0) as many trademarks.

    The patent file is shared with the patent-only runs; each number of trademarks has its own
    directory, holding a link to it."""
    from ipcity.analytics.synth_trademarks import write_trademarks

    patents = ensure_records(records, seed, sei_path, data_dir)
    if not trademarks:
        return patents.parent
    out = data_dir / f"synth-{records}-tm{trademarks}-seed{seed}"
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "records.parquet").exists():
        (out / "records.parquet").symlink_to(patents.resolve())
    if not (out / "trademark.parquet").is_file():
        start = time.perf_counter()
        path = write_trademarks(trademarks, out, seed=seed)
        print(f"synthesised {trademarks} trademarks in {time.perf_counter() - start:.1f} s -> {path}", flush=True)
    return out


def _as_pandas_panel(engine_panel, pandas_panel, years: list[int]):
    """The engine's panel (``compute_panel``: a full region × year grid, named columns) and the
    pandas one (region-years with records) on the same footing: the grid, zeros filled."""
    import pandas as pd

    engine_panel = engine_panel.rename(columns={"region": "region_key",
                                                **{c: f"hv_{c[len('high_value_'):]}" for c in engine_panel.columns
                                                   if c.startswith("high_value_") and c != "high_value_per_10k"}})
    columns = [c for c in pandas_panel.columns if c not in ("region_key", "year")]
    if engine_panel["hv_pledge"].isna().all():  # no pledge threshold: the engine reports the criterion as null
        columns.remove("hv_pledge")
    grid = pd.MultiIndex.from_product([sorted(engine_panel["region_key"].unique()), years],
                                      names=["region_key", "year"])
    pandas_panel = pandas_panel.set_index(["region_key", "year"]).reindex(grid)[columns].fillna(0).astype("int64")
    engine_panel = engine_panel.set_index(["region_key", "year"]).reindex(grid)[columns]
    return engine_panel.reset_index(), pandas_panel.reset_index()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--trademarks", type=int, default=None,
                        help="synthetic trademark records beside the patents (default: as many; 0: patents alone)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--sei-rules", type=Path, default=DEFAULT_SEI)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipcity-bench")
    parser.add_argument("--no-pandas", action="store_true",
                        help="skip the pandas baseline and the comparison (it holds every row: ~22 GB at 40M)")
    args = parser.parse_args(argv)

    import pandas as pd

    trademarks = args.records if args.trademarks is None else args.trademarks
    path = ensure_dataset(args.records, trademarks, args.seed, args.sei_rules, args.data_dir)
    engine_out = args.data_dir / f"panel-engine-{args.records}-tm{trademarks}.parquet"
    pandas_out = args.data_dir / f"panel-pandas-{args.records}-tm{trademarks}.parquet"
    engine_s, engine_rss = _in_child(_run_engine, str(path), str(args.sei_rules), args.engine, str(engine_out))
    print(f"engine ({args.engine}): {engine_s:.2f} s, peak {engine_rss:.0f} MB", flush=True)
    if not args.no_pandas:
        pandas_s, pandas_rss = _in_child(_run_pandas, str(path), str(args.sei_rules), str(pandas_out))
        print(f"pandas: {pandas_s:.2f} s, peak {pandas_rss:.0f} MB", flush=True)

    limit_s, shortcut_s = _in_child(_run_scan, str(path))
    print(f"one scan of the panel's columns (duckdb): {limit_s:.2f} s "
          f"(with DuckDB's statistics shortcut, which skips the columns without nulls: {shortcut_s:.2f} s)", flush=True)

    engine_panel = pd.read_parquet(engine_out)
    cells = f"{len(engine_panel)} region-years, {engine_panel['region'].nunique()} cities, " \
            f"high_value total {int(engine_panel['high_value'].sum())}"
    if trademarks:
        cells += f", tm_valid total {int(engine_panel['tm_valid'].sum())}"
    if args.no_pandas:
        print(f"engine panel: {cells} (pandas baseline skipped: --no-pandas)")
        pandas = "pandas_s=skipped ratio_vs_pandas=skipped"
    else:
        engine_cells, pandas_cells = _as_pandas_panel(engine_panel, pd.read_parquet(pandas_out), YEARS)
        pd.testing.assert_frame_equal(engine_cells, pandas_cells, check_dtype=False)
        print(f"panels equal: {cells}")
        pandas = f"pandas_s={pandas_s:.2f} ratio_vs_pandas={pandas_s / engine_s:.2f}"
    print(f"records={args.records} trademarks={trademarks} engine_s={engine_s:.2f} {pandas} limit_s={limit_s:.2f} "
          f"ratio_vs_limit={engine_s / limit_s:.2f} peak_rss_mb={engine_rss:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
