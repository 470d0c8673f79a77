"""Benchmark: the full city × year indicator panel, engine against the pandas baseline.

    python benchmarks/indicator_panel.py --records 1000000 [--engine duckdb] [--seed 0]

Makes (or reuses) N synthetic records with IPC symbols drawn partly from the SEI concordance,
then computes every indicator for every prefecture-level city and the 10 years 2016–2025, SEI
matching over every IPC symbol, once with the engine and once with the pandas baseline, each
in a fresh process so that each peak memory is its own. Checks both panels are equal and ends
with one line:

    records=N engine_s=… pandas_s=… ratio_vs_pandas=… limit_s=… ratio_vs_limit=… peak_rss_mb=…

``limit_s`` is the time of one DuckDB scan (2 threads, fresh process) of the columns the panel
reads, every value decoded: no computation over the records can be faster than reading them
once, so ``ratio_vs_limit`` says how far the panel is from that floor (target ≤ 4).

``engine_s`` and ``pandas_s`` cover reading the Parquet file to the finished panel;
``peak_rss_mb`` is the engine process's peak resident memory (the pandas one is printed above).
Synthesis is not timed. Targets: 10M records ≤ 60 s, ≤ 6 GB, ≥ 3× faster than pandas.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
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


def _run_engine(path: str, sei_path: str, engine_name: str, out: str, queue: mp.Queue) -> None:
    from ipcity.analytics import engine as eng
    from ipcity.analytics import indicators as ind
    from ipcity.analytics.sei import load_sei_table

    params = ind.Parameters(sei=load_sei_table(sei_path))
    engine = eng.connect(engine_name)
    start = time.perf_counter()
    rows = ind.prepared_rows(engine, engine.read_records(path), params, level="city")
    frame = ind.indicator_frame(engine, rows, params, YEARS)
    seconds = time.perf_counter() - start
    frame.to_parquet(out)
    queue.put((seconds, _peak_rss_mb()))


def _run_pandas(path: str, sei_path: str, out: str, queue: mp.Queue) -> None:
    from tests.analytics_compute import baseline_pandas

    from ipcity.analytics.sei import load_sei_table

    sei = load_sei_table(sei_path)
    start = time.perf_counter()
    frame = baseline_pandas.panel(path, sei, YEARS, level="city")
    seconds = time.perf_counter() - start
    frame.to_parquet(out)
    queue.put((seconds, _peak_rss_mb()))


# The record columns the panel reads (indicators.prepared_rows and attributed_records).
PANEL_COLUMNS = ("pub_number", "office", "app_number", "kind", "app_date", "grant_date", "lapse_date", "status",
                 "first_applicant_country", "first_applicant_address", "region_code", "ipc",
                 "family_granted_offices", "pct", "pledge_amount", "award")


def _run_scan(path: str, queue: mp.Queue) -> None:
    """One DuckDB scan of the panel's columns: every value read and decoded, nothing computed."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    counts = ", ".join(f"count({c})" for c in PANEL_COLUMNS)
    start = time.perf_counter()
    con.execute(f"SELECT {counts} FROM read_parquet('{path}')").fetchall()
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_rss_mb()))


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--sei-rules", type=Path, default=DEFAULT_SEI)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipcity-bench")
    args = parser.parse_args(argv)

    import pandas as pd

    path = ensure_records(args.records, args.seed, args.sei_rules, args.data_dir)
    engine_out = args.data_dir / f"panel-engine-{args.records}.parquet"
    pandas_out = args.data_dir / f"panel-pandas-{args.records}.parquet"
    engine_s, engine_rss = _in_child(_run_engine, str(path), str(args.sei_rules), args.engine, str(engine_out))
    print(f"engine ({args.engine}): {engine_s:.2f} s, peak {engine_rss:.0f} MB", flush=True)
    pandas_s, pandas_rss = _in_child(_run_pandas, str(path), str(args.sei_rules), str(pandas_out))
    print(f"pandas: {pandas_s:.2f} s, peak {pandas_rss:.0f} MB", flush=True)

    limit_s, _ = _in_child(_run_scan, str(path))
    print(f"one scan of the panel's columns (duckdb): {limit_s:.2f} s", flush=True)

    engine_panel = pd.read_parquet(engine_out)
    pandas_panel = pd.read_parquet(pandas_out)[list(engine_panel.columns)]
    pd.testing.assert_frame_equal(engine_panel, pandas_panel, check_dtype=False)
    cells = len(engine_panel)
    print(f"panels equal: {cells} region-years, {engine_panel['region_key'].nunique()} cities, "
          f"high_value total {int(engine_panel['high_value'].sum())}")
    print(f"records={args.records} engine_s={engine_s:.2f} pandas_s={pandas_s:.2f} "
          f"ratio_vs_pandas={pandas_s / engine_s:.2f} limit_s={limit_s:.2f} ratio_vs_limit={engine_s / limit_s:.2f} "
          f"peak_rss_mb={engine_rss:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
