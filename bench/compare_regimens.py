"""Compare two curated regimens.json files value by value (the contract's regimen values), keyed by
the document, rows, field and the words each regimen was read from. Prints every difference.

    python bench/compare_regimens.py OLD/regimens.json NEW/regimens.json
"""
from __future__ import annotations

import json
import sys

VALUES = ("dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_basis", "course_days_low", "course_days_high",
          "every_low", "every_high", "every_unit", "doses_count_low", "doses_count_high", "infusion_hours_low",
          "infusion_hours_high", "max_total_mg_per_kg", "phase", "population", "cycle_every_low",
          "cycle_every_high", "cycle_every_unit")


def _key(r: dict) -> tuple:
    return (r["doc_id"], tuple(r["row_ids"]), r["source_field"], r["source_text"])


def main(old_path: str, new_path: str) -> int:
    old = {_key(r): r for r in json.load(open(old_path, encoding="utf-8"))}
    new = {_key(r): r for r in json.load(open(new_path, encoding="utf-8"))}
    for key in sorted(old.keys() - new.keys()):
        print("only before:", key[1], key[2], repr(key[3][:80]))
    for key in sorted(new.keys() - old.keys()):
        print("only after: ", key[1], key[2], repr(key[3][:80]))
    changed = 0
    for key in sorted(old.keys() & new.keys()):
        diffs = [f"{v}: {old[key].get(v)!r} -> {new[key].get(v)!r}" for v in VALUES if old[key].get(v) != new[key].get(v)]
        if diffs:
            changed += 1
            print("changed:", key[1], key[2], repr(key[3][:60]), "; ".join(diffs))
    print(f"{len(old)} before, {len(new)} after, {len(old.keys() & new.keys())} same words, {changed} with other values")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
