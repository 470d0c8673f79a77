"""Benchmark: what an industry means for a city — position (city / province / country per node),
the findings (strengths, gaps, local players, partners) and the co-applicant network — for an
SEI class over N synthetic records (made or reused as benchmarks/navigation.py does).

    python benchmarks/navigation_position.py --records 1000000 [--sei 5] [--city 330100]

Ends with one line: ``records=N sei=… city=… seconds=… peak_rss_mb=…`` (reading the Parquet file to
the three finished results, in a fresh process; synthesis is not timed).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

from navigation import DEFAULT_SEI, _peak_rss_mb, ensure_records


def _run(path: str, sei_path: str, code: str, city: str, queue: mp.Queue) -> None:
    from ipcity.analytics import engine as engines
    from ipcity.analytics.indicators import Parameters
    from ipcity.analytics.navigation.definition import from_sei
    from ipcity.analytics.navigation.implications import implications
    from ipcity.analytics.navigation.network import network
    from ipcity.analytics.navigation.position import position
    from ipcity.analytics.sei import load_sei_table

    sei = load_sei_table(sei_path)
    definition = from_sei(code, sei)
    engine = engines.connect("duckdb")
    start = time.perf_counter()
    records = engine.read_records(path)
    pos = position(engine, records, definition, city=city, params=Parameters(sei=sei))
    found = implications(engine, records, definition, pos, sei=sei)
    net = network(engine, records, definition, city=city, sei=sei)
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_rss_mb(), len(pos.nodes), int(pos.nodes["country_patents"].iloc[0]),
               len(found.gaps.table), net.summary["edges"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sei", default="5")
    parser.add_argument("--city", default="330100")
    parser.add_argument("--sei-rules", type=Path, default=DEFAULT_SEI)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipcity-bench")
    args = parser.parse_args(argv)
    path = ensure_records(args.records, args.seed, args.sei_rules, args.data_dir)
    queue: mp.Queue = mp.get_context("spawn").Queue()
    process = mp.get_context("spawn").Process(target=_run, args=(str(path), str(args.sei_rules), args.sei,
                                                                 args.city, queue))
    process.start()
    process.join()
    if process.exitcode != 0:
        raise SystemExit(f"the analysis failed with exit code {process.exitcode}")
    seconds, rss, nodes, patents, gaps, edges = queue.get(timeout=60)
    print(f"{nodes} nodes, {patents} patents in the industry, {gaps} gaps, {edges} network edges")
    print(f"records={args.records} sei={args.sei} city={args.city} seconds={seconds:.2f} peak_rss_mb={rss:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
