"""The tables that follow from the documents' rows (indications' counts, links, flags, side
effects, references, labels, corrections' outcomes) -> derived changes, shown with --all."""
from __future__ import annotations

import json
from collections import Counter

from .changes import Change

# Table -> the columns that name one of its rows across builds; a table not here is compared as a
# bag of rows (what one build has and the other lacks).
KEYS = {"indications": ("indication_id",), "adverse_effects": ("effect_id",), "references": ("doc_id", "number"),
        "labels": ("table_name", "column_name", "code"), "corrections": ("correction_id",)}
BAGS = ("links", "flags")


def _line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _keyed(table: str, old: list[dict], new: list[dict]) -> list[Change]:
    key = KEYS[table]
    before = {tuple(r.get(k) for k in key): r for r in old}
    after = {tuple(r.get(k) for k in key): r for r in new}
    out = []
    for k in sorted(before.keys() | after.keys(), key=str):
        a, b = before.get(k), after.get(k)
        name = "/".join(map(str, k))
        indication = (b or a).get("indication_id")
        if a is None or b is None:
            out.append(Change(table, indication, name, None, name, None if b else _line(a),
                              _line(b) if b else None, True))
            continue
        for column in sorted(a.keys() | b.keys()):
            if a.get(column) != b.get(column):
                out.append(Change(table, indication, name, None, column, a.get(column), b.get(column), True))
    return out


def _bag(table: str, old: list[dict], new: list[dict]) -> list[Change]:
    before, after = Counter(map(_line, old)), Counter(map(_line, new))
    out = []
    for line in sorted((before - after).elements()):
        out.append(Change(table, json.loads(line).get("indication_id"), "row", None, "row", line, None, True))
    for line in sorted((after - before).elements()):
        out.append(Change(table, json.loads(line).get("indication_id"), "row", None, "row", None, line, True))
    return out


def other_tables(old: dict[str, list[dict]], new: dict[str, list[dict]]) -> list[Change]:
    out = []
    for table in KEYS:
        out += _keyed(table, old.get(table, []), new.get(table, []))
    for table in BAGS:
        out += _bag(table, old.get(table, []), new.get(table, []))
    return out
