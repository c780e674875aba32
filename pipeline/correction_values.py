"""A curator's correction -> checked against the schema before it may apply.

The rules are generated from schema.py (each settable field's column: type, required, finite, codes
of data/labels.yaml, amounts of drug above zero) and data/plausible.yaml (what a value may be
without a second thought). A correction that breaks a rule is `invalid`, with why, and never
applies; a value outside plausibility applies only with `accept_implausible: REASON`, and stays
flagged for review even when the correction marks its target reviewed.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from .check import value_problem
from .labels import labelled_columns
from .schema import TABLES, Column

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
TEXT_KEYS = ("expect", "reason", "by", "id", "accept_implausible")


@cache
def _bounds() -> dict[str, tuple[float, float]]:
    from .lexicon import load

    return {column: (float(low), float(high)) for column, (low, high) in load("plausible.yaml").items()}


def _column(table: str, name: str) -> Column | None:
    return next((c for c in TABLES[table] if c.name == name), None)


def value_problems(table: str, values: Any, known_indications: set[str]) -> list[str]:
    """Why the values a correction sets cannot stand in their columns (empty when they can)."""
    if not isinstance(values, dict):
        return [f"`set` must be a mapping of column: value, not {type(values).__name__}"]
    codes = {column: set(labels) for (t, column), (_, labels) in labelled_columns().items() if t == table}
    problems = []
    for name, value in values.items():
        column = _column(table, name)
        why = "is not a column" if column is None else _why(column, value, codes.get(name), known_indications)
        if why:
            problems.append(f"{name} {why}" + (f" of {table}" if column is None else ""))
    return problems


def _why(column: Column, value: Any, codes: set[str] | None, known_indications: set[str]) -> str | None:
    """Why one value cannot stand in its column (None when it can)."""
    if value != value:  # NaN is how a table says "empty"; from a curator it is a number that is not one
        return "is NaN, not a finite number"
    if value is None and column.name == "indication_id":
        return "cannot be emptied by a correction (set another indication, or split the row off)"
    why = value_problem(column, value)
    if why or value is None:
        return why
    if codes is not None and value not in codes:
        return f"is {value!r}, not one of {sorted(codes)}"
    if column.name == "indication_id" and value not in known_indications:
        return f"is {value!r}, an indication neither data/indications.yaml nor a `split` of this file defines"
    if column.type == "list<int>" and any(v < 0 for v in value):
        return "holds a negative day"
    return None


def implausible(values: dict) -> list[str]:
    """Values outside data/plausible.yaml's bounds, in words."""
    out = []
    for name, value in values.items():
        if name not in _bounds() or value is None:
            continue
        low, high = _bounds()[name]
        for v in value if isinstance(value, (list, tuple)) else (value,):
            if not low <= v <= high:
                out.append(f"{name} {v:g} is outside {low:g}-{high:g} (data/plausible.yaml)")
    return out


def range_problems(item: Any) -> list[str]:
    """A corrected item whose lowest end now lies above its highest (x_low > x_high)."""
    problems = []
    for name in getattr(item, "__dataclass_fields__", {}):
        if name.endswith("_low") or "_low_" in name:
            other = name.replace("_low", "_high", 1)
            low, high = getattr(item, name), getattr(item, other, None)
            if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
                problems.append(f"{name} {low:g} is above {other} {high:g}")
    return problems


def entry_problems(entry: dict) -> list[str]:
    """The parts of an entry other than `set`: texts are texts, `reviewed` is true or false, a split
    names a well-formed new indication, a merge names two rows."""
    problems = [f"{key} must be text, not {type(entry[key]).__name__}" for key in TEXT_KEYS
                if entry.get(key) is not None and not isinstance(entry[key], str)]
    if "accept_implausible" in entry and not str(entry.get("accept_implausible") or "").strip():
        problems.append("accept_implausible must say why the value is right")
    if "reviewed" in entry and not isinstance(entry["reviewed"], bool):
        problems.append(f"reviewed must be true or false, not {entry['reviewed']!r}")
    if "merge" in entry and not _two_ids(entry["merge"]):
        problems.append("merge must be [<row kept>, <row merged>], two different row ids")
    if "split" in entry:
        problems += _split_problems(entry)
    for kind in ("row", "regimen", "criterion"):
        if entry.get(kind) is not None and not isinstance(entry[kind], str):
            problems.append(f"{kind} must be an id (text), not {type(entry[kind]).__name__}")
    return problems


def _two_ids(merge: Any) -> bool:
    return (isinstance(merge, list) and len(merge) == 2 and all(isinstance(x, str) and x for x in merge)
            and merge[0] != merge[1])


def _split_problems(entry: dict) -> list[str]:
    indication = entry.get("indication")
    if not isinstance(entry["split"], str) or not entry["split"]:
        return ["split must name a row id"]
    if not isinstance(indication, dict):
        return [f"a split needs `indication: {{id: ..., name_en: ..., name_fa: ...}}`, not {indication!r:.60}"]
    problems = []
    if not isinstance(indication.get("id"), str) or not _ID.match(indication["id"]):
        problems.append(f"the split's indication id {indication.get('id')!r} must be lower-case letters, digits "
                        "and dashes")
    unknown = set(indication) - {"id", "name_en", "name_fa"}
    if unknown:
        problems.append(f"the split's indication has unknown keys {sorted(unknown)}")
    problems += [f"the split's indication {key} must be text" for key in ("name_en", "name_fa")
                 if indication.get(key) is not None and not isinstance(indication[key], str)]
    return problems


def split_ids(data: list) -> set[str]:
    """Indication ids the file's own well-formed splits create."""
    return {e["indication"]["id"] for e in data if isinstance(e, dict) and isinstance(e.get("indication"), dict)
            and isinstance(e["indication"].get("id"), str) and "split" in e}


def known_indication_ids(data: list) -> set[str]:
    from .reconcile.indication_index import by_id

    return set(by_id()) | split_ids(data)
