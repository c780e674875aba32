"""A pair of items (one build's row, regimen or threshold, and the other's) -> their changes as the
fields a curator reads: `dose 200-400 mg/kg`, `interval 3-4 wk`, `threshold < 500 mg/dL`.

The fields, and the columns that only follow from others, are data (data/diff_fields.yaml)."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from ..lexicon import load


@cache
def spec() -> dict:
    return load("diff_fields.yaml")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _range(low: Any, high: Any) -> str | None:
    if low is None and high is None:
        return None
    if low is None:
        return f"up to {_number(high)}"
    if high is None or high == low:
        return _number(low)
    return f"{_number(low)}-{_number(high)}"


def _with_unit(text: str | None, unit: str | None) -> str | None:
    return text if text is None or not unit else f"{text} {unit}"


def field_value(item: dict, field: dict) -> str | None:
    """One field of an item as a curator reads it (None when the item does not state it)."""
    if "value" in field:
        value = item.get(field["value"])
        if value in (None, [], ""):
            return None
        return ", ".join(map(_number, value)) if isinstance(value, list) else _number(value)
    if "list" in field:
        values = item.get(field["list"]) or []
        return _with_unit(", ".join(map(_number, values)), field.get("unit")) if values else None
    unit = item.get(field["unit_column"]) if "unit_column" in field else field.get("unit")
    text = _range(item.get(field["low"]), item.get(field["high"]))
    if "op" in field and text is not None:
        text = f"{item.get(field['op'])} {text}"
    return _with_unit(text, unit)


def _columns(field: dict) -> list[str]:
    return [c for k, c in field.items() if k not in ("unit", "named_by")]


def derived_columns(table: str) -> set[str]:
    return set(spec()["derived"].get(table, []))


def field_changes(table: str, old: dict, new: dict) -> list[tuple[str, Any, Any, bool]]:
    """(field, old, new, derived) for every difference between two versions of an item: the
    named fields first, then any other column under its own name (derived when listed so)."""
    if old == new:  # most items of a revision: nothing to name
        return []
    out, covered = [], set(spec()["texts"].get(table, []))
    for name, field in spec()["fields"].get(table, {}).items():
        covered.update(_columns(field))
        before, after = field_value(old, field), field_value(new, field)
        if before != after:  # a threshold is named by what it measures: "igg < 500 -> < 400 mg/dL"
            out.append((new.get(field["named_by"]) or name if "named_by" in field else name, before, after, False))
    derived = derived_columns(table)
    for column in sorted((old.keys() | new.keys()) - covered):
        if old.get(column) != new.get(column):
            out.append((column, old.get(column), new.get(column), column in derived or column.endswith("_label")))
    return out


def summary(table: str, item: dict) -> str:
    """An item in one line of its fields: `dose 400 mg/kg, interval 3-4 wk`."""
    parts = []
    for name, field in spec()["fields"].get(table, {}).items():
        value = field_value(item, field)
        if value is not None and name != "indication":
            parts.append(f"{name} {value}")
    return ", ".join(parts) or (item.get("source_text") or "")


def _snippet(text: str, start: int, end: int, context: int = 24) -> str:
    """text[start:end] with some words around it, ellipses where it was cut."""
    left, right = max(0, start - context), min(len(text), end + context)
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


@cache
def _sentence_end() -> re.Pattern:
    """Where a sentence ends: a full stop before a space or the end (not a decimal point), or one of
    the marks diff_fields.yaml lists (the scripts' semicolons and full stops), or a line break."""
    return re.compile(r"\.(?=\s|$)|[" + re.escape(spec()["sentence_ends"]) + r"\n]")


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each span widened to the sentence it stands in: the grammar reads a sentence at a time, so a
    time or an interval it gave a regimen may stand outside the words it marked."""
    ends = [m.end() for m in _sentence_end().finditer(text)]
    out = []
    for start, stop in spans:
        left = max((e for e in ends if e <= start), default=0)
        right = min((e for e in ends if e >= stop), default=len(text))
        out.append((left, right))
    return out


def unexplained_text_change(old: str | None, new: str | None, old_spans: list[tuple[int, int]],
                            new_spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    """The part of a cell's edit that no changed regimen or threshold accounts for, as an old and a
    new snippet; None when every edited character stands in the sentence of a changed item."""
    old, new = old or "", new or ""
    if old == new:
        return None
    old_spans, new_spans = _sentences(old, old_spans), _sentences(new, new_spans)
    loose = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        inside = (any(s <= i1 and i2 <= e for s, e in old_spans)
                  or any(s <= j1 and j2 <= e for s, e in new_spans))
        if not inside:
            loose.append((i1, i2, j1, j2))
    if not loose:
        return None
    i1, j1 = loose[0][0], loose[0][2]
    i2, j2 = loose[-1][1], loose[-1][3]
    return _snippet(old, i1, i2), _snippet(new, j1, j2)
