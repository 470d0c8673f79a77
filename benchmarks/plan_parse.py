"""Time plan parsing from .txt, .docx and .pdf: each seed, median of several runs.

    .venv/bin/python benchmarks/plan_parse.py [--runs 5] [--seeds DIR] [--ocr] [--ofd]

The .docx and .pdf are rendered from each seed's text in a temporary directory (Word headings,
numbering and tables; WeasyPrint), the way the variant tests build them. Targets:
a seed parses in ≤ 0.1 s from txt or docx and ≤ 1 s from a text-layer pdf on this machine (issue 11).

``--ofd`` adds a column: each seed rendered as an OFD (GB/T 33190) package by the tests' OFD
builder (same layout ideas as the PDF: A4, justified lines, ruled tables, a running header as a
template page), parsed like the others; target ≤ 1 s, as for the PDF whose reader it shares.

``--ocr`` adds the scans (issue 11): each seed's PDF rasterised at 200 dpi into an image-only
PDF, read by Tesseract and parsed once; one line with the seconds per page (target ≤ 5 s) and
the TOTAL ind_f1/task_f1 against the seeds' gold (target ≥ 0.9).
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

from tests.plans_read.ofd_builder import write_ofd  # noqa: E402
from tests.plans_read.pdf_builder import scanned_pdf  # noqa: E402
from tests.plans_variants.render import to_blocks, write_docx, write_pdf_file  # noqa: E402

from ipcity.plans import parse_file  # noqa: E402
from ipcity.plans.pipeline import read_and_parse  # noqa: E402

TARGETS = {"txt": 0.1, "docx": 0.1, "pdf": 1.0}
OFD_TARGET = 1.0
OCR_SECONDS_PER_PAGE = 5.0
OCR_MIN_F1 = 0.9


def median_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse_file(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def render(seed: Path, out: Path, ofd: bool = False) -> dict[str, Path]:
    blocks = to_blocks(seed.read_text(encoding="utf-8"))
    files = {"txt": seed, "docx": out / f"{seed.stem}.docx", "pdf": out / f"{seed.stem}.pdf"}
    write_docx(blocks, files["docx"])
    write_pdf_file(blocks, files["pdf"], running_header=seed.stem)
    if ofd:
        files["ofd"] = write_ofd(blocks, out / f"{seed.stem}.ofd", running_header=seed.stem)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--ocr", action="store_true", help="also OCR each seed scanned at 200 dpi")
    parser.add_argument("--ofd", action="store_true", help="also each seed rendered as an OFD package")
    args = parser.parse_args(argv)
    targets = {**TARGETS, "ofd": OFD_TARGET} if args.ofd else dict(TARGETS)
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        print(f"no seeds in {args.seeds}", file=sys.stderr)
        return 2
    parse_file(seeds[0])  # warm-up: imports and jieba's dictionary are not parse time
    worst = dict.fromkeys(targets, 0.0)
    print(f"{'seed':<24}" + "".join(f"{fmt + ' s':>9}" for fmt in targets))
    with tempfile.TemporaryDirectory(prefix="ipcity-bench-") as tmp:
        for seed in seeds:
            files = render(seed, Path(tmp), ofd=args.ofd)
            row = {fmt: median_seconds(files[fmt], args.runs) for fmt in targets}
            worst = {fmt: max(worst[fmt], row[fmt]) for fmt in targets}
            print(f"{seed.stem:<24}" + "".join(f"{row[fmt]:>9.3f}" for fmt in targets))
    ok = all(worst[fmt] <= targets[fmt] for fmt in targets)
    summary = ", ".join(f"{fmt} max {worst[fmt]:.3f} s (target ≤ {targets[fmt]} s)" for fmt in targets)
    print(f"plan_parse: median of {args.runs} runs per seed; {summary}: {'OK' if ok else 'OVER TARGET'}")
    if args.ocr:
        ok = ocr_benchmark(seeds, args.seeds / "gold") and ok
    return 0 if ok else 1


def ocr_benchmark(seeds: list[Path], gold_dir: Path) -> bool:
    """Scanned seeds through OCR: seconds per page and the TOTAL ind_f1/task_f1."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("plan_score", REPO.parent / "shared" / "tools" / "plan_score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    pages, seconds, scores = 0, 0.0, []
    with tempfile.TemporaryDirectory(prefix="ipcity-bench-ocr-") as tmp:
        for seed in seeds:
            scan = scanned_pdf(seed.read_text(encoding="utf-8"), Path(tmp), seed.stem)
            started = time.perf_counter()
            plan, result = read_and_parse(scan)
            elapsed = time.perf_counter() - started
            count = len(result.ocr.page_confidences) if result.ocr else 0
            pages, seconds = pages + count, seconds + elapsed
            gold = json.loads((gold_dir / f"{seed.stem}.json").read_text(encoding="utf-8"))
            scores.append(scorer.score(gold, plan))
            print(f"{seed.stem:<24} ocr {count:>3} pages {elapsed:>7.1f} s  ind_f1 {scores[-1]['ind_f1']:.3f}"
                  f"  task_f1 {scores[-1]['task_f1']:.3f}")
    ind = sum(s["ind_f1"] for s in scores) / len(scores)
    task = sum(s["task_f1"] for s in scores) / len(scores)
    per_page = seconds / max(pages, 1)
    ok = per_page <= OCR_SECONDS_PER_PAGE and ind >= OCR_MIN_F1 and task >= OCR_MIN_F1
    print(f"plan_parse ocr: {pages} pages in {seconds:.1f} s, {per_page:.2f} s/page ({pages / seconds:.2f} pages/s; "
          f"target ≤ {OCR_SECONDS_PER_PAGE} s), TOTAL ind_f1 {ind:.3f} task_f1 {task:.3f} "
          f"(target ≥ {OCR_MIN_F1}): {'OK' if ok else 'BELOW TARGET'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
