"""Benchmark: the full landscape of one industry (an SEI class) over N synthetic records.

    python benchmarks/navigation.py --records 1000000 [--sei 5] [--region CODE] [--engine duckdb] [--threads N]
                                    [--compare] [--scopes CITY [--rounds N]]

Makes (or reuses, in ``--data-dir``, shared with benchmarks/indicator_panel.py) N synthetic records,
then computes in a fresh process :func:`ipcity.analytics.navigation.landscape.landscape` for the
definition made from the SEI class (every key the CLI prints: node matching over every IPC symbol,
region attribution, applicant normalisation, concentration, life cycle, leading inventors and
citations from the optional columns). Synthesis is not timed. ``--compare`` first times the same
landscape with the optional columns left out (as over a dataset imported before they existed),
in its own fresh process, so that their cost is measured in the same run. ``--scopes CITY`` times,
alternating in fresh processes for ``--rounds`` rounds, the platform's landscapes: ``city`` (the
city's alone, as before the comparison), ``three-passes`` (city, province and country, one
``landscape`` call each) and ``one-pass`` (the three from ``landscapes``, one pass over the
dataset). Ends with one line per run:

    records=N sei=5 patents=… seconds=… peak_rss_mb=…

``seconds`` covers reading the Parquet file to the finished dictionary; ``peak_rss_mb`` is the
process's peak resident memory (VmHWM). Targets: 1M records ≤ 30 s, 10M ≤ 120 s, ≤ 2 GB.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEI = REPO.parent / "shared" / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _run(path: str, sei_path: str, code: str, region: str | None, engine_name: str, threads: int | None,
         queue: mp.Queue, optional: bool = True) -> None:
    from ipcity.analytics import engine as engines
    from ipcity.analytics.navigation.definition import from_sei
    from ipcity.analytics.navigation.landscape import landscape
    from ipcity.analytics.sei import load_sei_table

    sei = load_sei_table(sei_path)
    engine = engines.connect(engine_name, threads=threads)
    start = time.perf_counter()
    records = engine.read_records(path)
    if not optional:
        from ipcity.analytics.schema import OPTIONAL_COLUMNS

        records = records.drop(*[c for c in OPTIONAL_COLUMNS if c in records.columns])
    result = landscape(engine, records, from_sei(code, sei), region, sei_table=sei)
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_rss_mb(), result["patents"], len(result["top_applicants"]),
               (result["life_cycle"]["fit"] or {}).get("K")))


def _run_scopes(path: str, sei_path: str, code: str, city: str, mode: str, queue: mp.Queue) -> None:
    from ipcity import divisions
    from ipcity.analytics import engine as engines
    from ipcity.analytics.navigation.definition import from_sei
    from ipcity.analytics.navigation.landscape import landscape, landscapes
    from ipcity.analytics.sei import load_sei_table

    sei = load_sei_table(sei_path)
    definition = from_sei(code, sei)
    scopes = [city, divisions.province_of(city), divisions.COUNTRY]
    engine = engines.connect("duckdb")
    start = time.perf_counter()
    records = engine.read_records(path)
    if mode == "city":
        results = [landscape(engine, records, definition, city, sei_table=sei)]
    elif mode == "three-passes":
        results = [landscape(engine, records, definition, scope, sei_table=sei) for scope in scopes]
    else:
        results = landscapes(engine, records, definition, scopes, sei_table=sei)
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_rss_mb(), [r["patents"] for r in results]))


def _scopes(args: argparse.Namespace, path: Path) -> None:
    for round_ in range(1, args.rounds + 1):
        for mode in ("city", "three-passes", "one-pass"):
            queue: mp.Queue = mp.get_context("spawn").Queue()
            process = mp.get_context("spawn").Process(
                target=_run_scopes, args=(str(path), str(args.sei_rules), args.sei, args.scopes, mode, queue))
            process.start()
            process.join()
            if process.exitcode != 0:
                raise SystemExit(f"{mode} failed with exit code {process.exitcode}")
            seconds, rss, patents = queue.get(timeout=60)
            print(f"records={args.records} sei={args.sei} city={args.scopes} round={round_} mode={mode} "
                  f"patents={'/'.join(map(str, patents))} seconds={seconds:.2f} peak_rss_mb={rss:.0f}", flush=True)


def ensure_records(records: int, seed: int, sei_path: Path, data_dir: Path) -> Path:
    from ipcity.analytics.sei import load_sei_table
    from ipcity.analytics.synth import write_synth

    # "-optional": synthesised with the optional columns (inventors, citations); an older file of
    # the same size, which benchmarks/indicator_panel.py may be reading, is left as it is.
    out = data_dir / f"synth-{records}-seed{seed}-optional"
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
    parser.add_argument("--sei", default="5", help="SEI class of the industry (default 5, 新能源汽车)")
    parser.add_argument("--region", default=None)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--sei-rules", type=Path, default=DEFAULT_SEI)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipcity-bench")
    parser.add_argument("--compare", action="store_true",
                        help="also time the landscape without the optional columns first (same run)")
    parser.add_argument("--scopes", metavar="CITY", default=None,
                        help="time the city's landscape alone against the city, province and country ones")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    path = ensure_records(args.records, args.seed, args.sei_rules, args.data_dir)
    if args.scopes:
        _scopes(args, path)
        return 0
    for optional in ((False, True) if args.compare else (True,)):
        queue: mp.Queue = mp.get_context("spawn").Queue()
        process = mp.get_context("spawn").Process(
            target=_run, args=(str(path), str(args.sei_rules), args.sei, args.region, args.engine, args.threads,
                               queue, optional))
        process.start()
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"the landscape failed with exit code {process.exitcode}")
        seconds, rss, patents, leaders, k = queue.get(timeout=60)
        label = "" if optional else " (without the optional columns)"
        print(f"landscape of SEI {args.sei}{label}: {patents} patents, {leaders} leading applicants, fitted K {k}")
        print(f"records={args.records} sei={args.sei} optional={'yes' if optional else 'no'} patents={patents} "
              f"seconds={seconds:.2f} peak_rss_mb={rss:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
