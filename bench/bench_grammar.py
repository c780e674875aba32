"""Dose grammar throughput: statements read per second, per language, through read_statement (the
grammar, the safety net, and for Chinese OpenCC), per language on the document's own statements and on
the corpus, and against the old Persian-only grammar (commit 2f41bf6, before the one grammar) measured in
the same run, since the machine is shared and absolute figures drift:

    git worktree add --detach /tmp/old-grammar 2f41bf6
    .venv/bin/python bench/bench_grammar.py [--seconds 3] [--reference /tmp/old-grammar]

With --base CHECKOUT (any checkout of this grammar, e.g. `git worktree add --detach /tmp/base fb59026`, the
grammar before the speed work), the same statements are read by that checkout's code and by this one in
turns, --rounds times, each in its own process, and the best figure of each is compared: the speed-up,
measured under the same load.

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

ROOT = Path(__file__).resolve().parents[1]  # the statements (documents, corpus) always come from here
CODE = Path(os.environ.get("IVIG_BENCH_CODE") or ROOT)  # the grammar's code: this tree, or a --base checkout
sys.path.insert(0, str(CODE))


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


def _child(seconds: float) -> None:
    """Statements/s per language (own + corpus) of the code on the path, as one line for the parent."""
    sets = {"fa": circular_statements() + corpus("fa"), "zh": article_statements() + corpus("zh")}
    print(" ".join(f"{lang}={rate(statements, lang, seconds)[0]:.1f}" for lang, statements in sets.items()))


def base_comparison(base: Path, seconds: float, rounds: int) -> None:
    """This grammar against the grammar of another checkout, in turns, best of `rounds` each."""
    best: dict[tuple[str, str], float] = {}
    for _ in range(rounds):
        for name, code in (("base", base), ("this", ROOT)):
            env = {**os.environ, "PYTHONPATH": str(code), "IVIG_BENCH_CODE": str(code)}
            out = subprocess.run([sys.executable, __file__, "--child", "--seconds", str(seconds)], env=env,
                                 capture_output=True, text=True, timeout=300 + 10 * seconds).stdout
            for item in out.split():
                lang, value = item.split("=")
                best[name, lang] = max(best.get((name, lang), 0.0), float(value))
    for lang in ("fa", "zh"):
        if (("base", lang) in best) and (("this", lang) in best):
            print(f"{lang}: this grammar {best['this', lang]:,.0f} statements/s, base ({base}) {best['base', lang]:,.0f}: "
                  f"{best['this', lang] / best['base', lang]:.2f}x (best of {rounds} turns each, own + corpus)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--reference", type=Path, help="a checkout of 2f41bf6 (the old Persian grammar)")
    parser.add_argument("--base", type=Path, help="a checkout of this grammar to compare with, in turns")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.seconds)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {_load()} at the start: the machine may be shared, so absolute "
          "figures drift with the other jobs; the ratio to the old grammar, measured in the same run, drifts less")
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
    if args.base:
        base_comparison(args.base, args.seconds, args.rounds)
    print(f"load average {_load()} at the end")


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
