"""The dose corpus scored the way issue 12's "How acceptance counts" says, per language.

    PYTHONPATH=$PWD .venv/bin/python bench/score_corpus.py [--lang fa|zh] [--misses N]

Figures, per language (tests/corpus/dosing_{fa,zh}.yaml, read through pipeline.read_statement):
- recall: expected regimens found by amount (mg/kg, or dose_low/dose_high/dose_unit), each by a distinct
  regimen of the reading;
- precision: unflagged regimens (no review reasons) whose amount matches an expected one;
- silent misses: lines with an expected regimen whose reading has no regimen and no flag at all;
- basis and timing agreement on the found ones (dose_basis; course, interval and frequency), where the
  line states them;
- must-flag and no-dose lines passing, and whole lines passing (every rule of tests/corpus/README.md).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_corpus import (AMOUNT_FIELDS, TIMING_FIELDS, corpus_lines, is_flagged,  # noqa: E402
                               item_matches, line_failures, max_assign, reading_codes)


def _agree(items, regimens, matched, names) -> tuple[int, int]:
    """(agreeing, compared) over found items that state any of the named fields."""
    agree = compared = 0
    for i, j in matched.items():
        stated = {k: v for k, v in items[i].items() if k in names}
        if stated:
            compared += 1
            agree += item_matches(stated, regimens[j])
    return agree, compared


def _count_line(c: Counter, line: dict, reading) -> bool:
    """Adds one line's figures to c; True when an expected regimen was not found by amount."""
    regimens = list(reading.regimens)
    items = line.get("regimens") or []
    flagged_only = all(is_flagged(r) for r in regimens)
    c["lines"] += 1
    c["lines_passing"] += not line_failures(line, reading)
    for kind, passing in (("must_flag", flagged_only and bool(reading_codes(reading))), ("no_dose", flagged_only)):
        c[kind] += bool(line.get(kind))
        c[f"{kind}_passing"] += bool(line.get(kind)) and passing
    amounts = [{k: v for k, v in it.items() if k in AMOUNT_FIELDS} for it in items]
    matched = max_assign(amounts, regimens)
    c["expected"] += len(items)
    c["found"] += len(matched)
    c["silent_misses"] += bool(items) and not regimens and not reading_codes(reading)
    unflagged = [r for r in regimens if not is_flagged(r)]
    c["unflagged"] += len(unflagged)
    c["unflagged_matching"] += sum(any(item_matches(a, r) for a in amounts) for r in unflagged)
    _count_agreement(c, items, regimens, matched)
    return len(matched) < len(items)


def _count_agreement(c: Counter, items: list[dict], regimens: list, matched: dict[int, int]) -> None:
    for key, names in (("basis", ("dose_basis",)), ("timing", TIMING_FIELDS)):
        agree, compared = _agree(items, regimens, matched, names)
        c[f"{key}_agree"] += agree
        c[f"{key}_compared"] += compared


def score(lang: str) -> tuple[Counter, list[str]]:
    """The figures of one language's corpus, and the statements with an expected regimen not found."""
    from pipeline import read_statement

    c: Counter = Counter()
    misses = [line["text"] for line in corpus_lines(lang)
              if _count_line(c, line, read_statement(line["text"], lang=line["lang"]))]
    return c, misses


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("fa", "zh"), action="append")
    parser.add_argument("--misses", type=int, default=0, help="print up to N statements with a regimen not found")
    args = parser.parse_args()
    for lang in args.lang or ("fa", "zh"):
        c, misses = score(lang)
        print(f"[{lang}] lines {c['lines']}, passing {_ratio(c['lines_passing'], c['lines'])}")
        print(f"  recall (expected regimens found by amount): {_ratio(c['found'], c['expected'])}")
        print(f"  precision (unflagged regimens matching an expected one): "
              f"{_ratio(c['unflagged_matching'], c['unflagged'])}")
        print(f"  silent misses (expected dose, no regimen and no flag): {c['silent_misses']}")
        print(f"  basis agreement on found: {_ratio(c['basis_agree'], c['basis_compared'])}; "
              f"timing agreement on found: {_ratio(c['timing_agree'], c['timing_compared'])}")
        print(f"  must-flag passing: {_ratio(c['must_flag_passing'], c['must_flag'])}; "
              f"no-dose passing: {_ratio(c['no_dose_passing'], c['no_dose'])}")
        for text in misses[:args.misses]:
            print(f"    not found: {text}")


if __name__ == "__main__":
    main()
