"""Dose grammar throughput: statements parsed per second on the circular's own statements.

    .venv/bin/python bench/bench_grammar.py [--seconds 3]

Prints figures; asserts nothing (tests never assert on time).
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def statements() -> list[str]:
    """Every sentence of every dose-bearing cell of the circular, normalized once (as the build does)."""
    from pipeline.circular.cells import split_sentences
    from pipeline.circular.read import grid_to_reading
    from pipeline.circular.text_grid import text_to_grid

    text = (ROOT / "raw_documents" / "qums-ivig-circular-1399.txt").read_text(encoding="utf-8")
    _, reading = grid_to_reading(text_to_grid(text), "circular")
    cells = [row.cell(f) for row in reading.rows for f in ("dosing", "conditions", "recommendations")]
    return [s for cell in cells if cell for s in split_sentences(cell)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    from pipeline.dosing.grammar import statement_to_drafts

    corpus = statements()
    for s in corpus:  # warm the compiled patterns
        statement_to_drafts(s)
    done, regimens, start = 0, 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        for s in corpus:
            regimens += len(statement_to_drafts(s))
        done += len(corpus)
    elapsed = time.perf_counter() - start
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"statements: {len(corpus)} distinct, {done} parsed in {elapsed:.2f} s")
    print(f"grammar: {done / elapsed:,.0f} statements/s ({regimens / elapsed:,.0f} regimens/s); goal 20,000/s")


if __name__ == "__main__":
    main()
