"""Time plan parsing from .txt, .docx and .pdf: each seed, median of several runs.

    .venv/bin/python benchmarks/plan_parse.py [--runs 5] [--seeds DIR]

The .docx and .pdf are rendered from each seed's text in a temporary directory (Word headings,
numbering and tables; WeasyPrint), the way the variant tests build them. Targets (issue 3):
a seed parses in ≤ 0.3 s from txt or docx and ≤ 2 s from pdf on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the renderers live with the tests

from tests.plans_variants.render import to_blocks, write_docx, write_pdf_file  # noqa: E402

from ipcity.plans import parse_file  # noqa: E402

TARGETS = {"txt": 0.3, "docx": 0.3, "pdf": 2.0}


def median_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse_file(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def render(seed: Path, out: Path) -> dict[str, Path]:
    blocks = to_blocks(seed.read_text(encoding="utf-8"))
    files = {"txt": seed, "docx": out / f"{seed.stem}.docx", "pdf": out / f"{seed.stem}.pdf"}
    write_docx(blocks, files["docx"])
    write_pdf_file(blocks, files["pdf"], running_header=seed.stem)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args(argv)
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        print(f"no seeds in {args.seeds}", file=sys.stderr)
        return 2
    parse_file(seeds[0])  # warm-up: imports and jieba's dictionary are not parse time
    worst = dict.fromkeys(TARGETS, 0.0)
    print(f"{'seed':<24}{'txt s':>9}{'docx s':>9}{'pdf s':>9}")
    with tempfile.TemporaryDirectory(prefix="ipcity-bench-") as tmp:
        for seed in seeds:
            files = render(seed, Path(tmp))
            row = {fmt: median_seconds(files[fmt], args.runs) for fmt in TARGETS}
            worst = {fmt: max(worst[fmt], row[fmt]) for fmt in TARGETS}
            print(f"{seed.stem:<24}" + "".join(f"{row[fmt]:>9.3f}" for fmt in TARGETS))
    ok = all(worst[fmt] <= TARGETS[fmt] for fmt in TARGETS)
    summary = ", ".join(f"{fmt} max {worst[fmt]:.3f} s (target ≤ {TARGETS[fmt]} s)" for fmt in TARGETS)
    print(f"plan_parse: median of {args.runs} runs per seed; {summary}: {'OK' if ok else 'OVER TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
