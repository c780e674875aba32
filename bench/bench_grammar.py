"""Dose grammar throughput: statements read per second, per language, through read_statement (the
grammar, the safety net, and for Chinese OpenCC), per language on the document's own statements and on
the corpus, and against the old Persian-only grammar (commit 2f41bf6, before the one grammar) measured in
the same run, since the machine is shared and absolute figures drift:

    git worktree add --detach /tmp/old-grammar 2f41bf6
    .venv/bin/python bench/bench_grammar.py [--seconds 3] [--reference /tmp/old-grammar]

Prints figures; asserts nothing (tests never assert on time).
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
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


def reference_rate(checkout: Path, seconds: float) -> float | None:
    """Statements/s of the old grammar on the circular's statements, run from an old checkout in its own
    process (its bench prints "grammar: N statements/s"); None when it cannot be run."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    try:
        out = subprocess.run([sys.executable, str(checkout / "bench" / "bench_grammar.py"), "--seconds", str(seconds)],
                             cwd=checkout, env=env, capture_output=True, text=True, timeout=120 + 4 * seconds)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"grammar: ([\d,]+) statements/s", out.stdout)
    return float(found.group(1).replace(",", "")) if found else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--reference", type=Path, help="a checkout of 2f41bf6 (the old Persian grammar)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    reference = reference_rate(args.reference, args.seconds) if args.reference else None
    if reference:
        print(f"old grammar (2f41bf6, Persian, circular only, no normalization or net): {reference:,.0f} statements/s")
    sets = {"fa": (circular_statements(), corpus("fa")), "zh": (article_statements(), corpus("zh"))}
    for lang, (own, lines) in sets.items():
        figures = []
        for name, statements in (("own document", own), ("corpus", lines), ("both", own + lines)):
            per_s, regimens = rate(statements, lang, args.seconds)
            figures.append(per_s)
            print(f"{lang}: {name}: {len(statements)} statements, {per_s:,.0f} statements/s ({regimens:,.0f} regimens/s)")
        # the old grammar read the circular's statements only: the like-for-like ratio is fa's own document
        ratio = (f"{figures[0 if lang == 'fa' else -1] / reference:.2f}x the old grammar's figure"
                 + (" on the same statements" if lang == "fa" else "") if reference else "no reference run")
        print(f"{lang}: {figures[-1]:,.0f} statements/s (own + corpus); {ratio}; goal 20,000/s")


if __name__ == "__main__":
    main()
