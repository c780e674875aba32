"""The PDF stage's time beside pdfplumber's own extract_tables on the same file (best of a few runs).

    python bench/bench_pdf.py [PDF]        (make bench runs every bench_*.py)

The PDF stage is pdf_to_grid: open, find the tables from their ruling lines, read every cell and the
letter in logical order. pdfplumber's extract_tables does the first two and returns cells in visual
order; the goal is that the stage adds less than half again to it.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.circular.pdf_grid import pdf_to_grid  # noqa: E402
from pipeline.normalize.fa import normalize_fa  # noqa: E402
from pipeline.pdf import bidi  # noqa: E402

RUNS = 3


def extract_tables(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def pdf_stage(path: Path) -> None:
    bidi._read.cache_clear()  # every run reads every line afresh
    pdf_to_grid(str(path), path.name)


def best(fn, path: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "raw_documents" / "qums-ivig-circular-1399.pdf"
    normalize_fa("گرم")  # load hazm once: an import, not the stage's work
    baseline, stage = best(extract_tables, path), best(pdf_stage, path)
    print(f"{path.name}: best of {RUNS} runs")
    print(f"  pdfplumber extract_tables  {baseline:7.3f} s")
    print(f"  PDF stage (pdf_to_grid)    {stage:7.3f} s   {stage / baseline:4.2f}x (goal: under 1.50x)")


if __name__ == "__main__":
    main()
