"""Dose grammar throughput: statements read per second, per language, through read_statement (the
grammar, the safety net, and for Chinese OpenCC), on each document's own statements plus the corpus.

    .venv/bin/python bench/bench_grammar.py [--seconds 3]

Prints figures; asserts nothing (tests never assert on time).
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def circular_statements() -> list[str]:
    """Every sentence of every dose-bearing cell of the circular (as the build reads them)."""
    from pipeline.circular.cells import split_sentences
    from pipeline.circular.read import grid_to_reading
    from pipeline.circular.text_grid import text_to_grid

    text = (ROOT / "raw_documents" / "qums-ivig-circular-1399.txt").read_text(encoding="utf-8")
    _, reading = grid_to_reading(text_to_grid(text), "circular")
    cells = [row.cell(f) for row in reading.rows for f in ("dosing", "conditions", "recommendations")]
    return [s for cell in cells if cell for s in split_sentences(cell)]


def article_statements() -> list[str]:
    """Every sentence of the Chinese article."""
    from pipeline.article.read import read_article
    from pipeline.ingest import bytes_to_source, read_file

    article = read_article(bytes_to_source(*read_file(ROOT / "raw_documents" / "ivig-bmt-article-zh.txt")))
    return [s.raw_text or s.text for s in article.statements]


def corpus(lang: str) -> list[str]:
    lines = yaml.safe_load((ROOT / "tests" / "corpus" / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    return [line["text"] for line in lines]


def _forget() -> None:
    from pipeline.dosing.doses import _find_doses
    from pipeline.dosing.net import _mentions
    from pipeline.normalize.fa import normalize_fa

    _find_doses.cache_clear()
    _mentions.cache_clear()
    normalize_fa.cache_clear()


def rate(statements: list[str], lang: str, seconds: float) -> tuple[float, float]:
    """(statements/s, regimens/s) of read_statement over the statements, repeated for `seconds`."""
    from pipeline import read_statement

    for s in statements:  # warm the compiled patterns and the caches of the packs
        read_statement(s, lang)
    done, regimens, start = 0, 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for s in statements:
            _forget()  # each statement read afresh: the per-text caches only share work within one reading
            regimens += len(read_statement(s, lang).regimens)
        done += len(statements)
    elapsed = time.perf_counter() - start
    return done / elapsed, regimens / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    sets = {"fa": circular_statements() + corpus("fa"), "zh": article_statements() + corpus("zh")}
    for lang, statements in sets.items():
        per_s, regimens = rate(statements, lang, args.seconds)
        print(f"{lang}: {len(statements)} statements (own document + corpus): {per_s:,.0f} statements/s "
              f"({regimens:,.0f} regimens/s); goal 20,000/s")


if __name__ == "__main__":
    main()
