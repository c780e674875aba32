"""Change records -> the lines a curator reads: a summary first, then the changes grouped by
document and indication, one per line, `kawasaki-disease, regimen 1: infusion 8-12 -> 10-12 h`."""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from .changes import Change


# A value the fields write: "200-400", "< 500", "up to 5", "28, 42".
_VALUE = re.compile(r"^(up to |[<>]=? |between )?\d[\d.]*(-\d[\d.]*)?(, \d[\d.]*)*$")


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _common_unit(old: str, new: str) -> tuple[str, str, str]:
    """'200-400 mg/kg', '300-400 mg/kg' -> ('200-400', '300-400', ' mg/kg'): the unit said once."""
    a, b = old.rsplit(" ", 1), new.rsplit(" ", 1)
    if len(a) == 2 and len(b) == 2 and a[1] == b[1] and _VALUE.match(a[0]) and _VALUE.match(b[0]):
        return a[0], b[0], " " + a[1]
    return old, new, ""


def change_line(change: Change) -> str:
    """One change as a line: `<indication>, <item> <n>: <field> <old> -> <new>`."""
    head = change.indication_id or change.doc_id or change.table
    label = f"{change.item} {change.ordinal}" if change.ordinal is not None else change.item
    if change.field == change.item and (change.old is None) != (change.new is None):
        verb, what = ("added", change.new) if change.old is None else ("removed", change.old)
        if change.item in ("indication", "document"):
            return f"{head}: {change.item} {verb} ({what})"
        return f"{head}, {label}: {verb} ({what})"
    old, new, unit = _common_unit(_shown(change.old), _shown(change.new))
    where = head if change.item in ("document",) else f"{head}, {label}"
    return f"{where}: {change.field} {old} -> {new}{unit}"


def _summary(changes: list[Change]) -> str:
    real = [c for c in changes if not c.derived]
    kinds = Counter(
        f"{c.item} {'added' if c.old is None else 'removed'}" if c.field == c.item and (c.old is None) != (c.new is None)
        else f"{c.item} {c.field}" for c in real)
    indications = {c.indication_id for c in real if c.indication_id}
    line = (f"{len(real)} change{'s' if len(real) != 1 else ''} in {len(indications)} "
            f"indication{'s' if len(indications) != 1 else ''}")
    if kinds:
        line += ": " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    derived = len(changes) - len(real)
    return line + (f"; and {derived} derived change{'s' if derived != 1 else ''} (ids, row numbers, counts, "
                   "flags, links, FHIR)" if derived else "")


def changes_text(changes: list[Change]) -> str:
    if not changes:
        return "no changes"
    lines, group = [_summary(changes)], None
    for change in changes:
        key = (change.derived, change.doc_id, change.indication_id)
        if key != group:
            if change.derived and (group is None or not group[0]):
                lines += ["", "derived (--all):"]
            lines.append("")
            if change.doc_id and (group is None or group[1] != change.doc_id):
                lines.append(f"[{change.doc_id}]")
            group = key
        lines.append(change_line(change))
    return "\n".join(lines)
