"""Two builds -> what changed: rows, regimens, thresholds, indications added, removed or changed,
field by field. Reads the JSON twins, so it needs neither pandas nor the build that made them."""
from __future__ import annotations

import json
from pathlib import Path

# Table -> the column that identifies a row across builds.
KEYS = {"documents": "doc_id", "source_rows": "row_id", "regimens": "regimen_id", "criteria": "criterion_id",
        "indications": "indication_id", "statements": "statement_id", "corrections": "correction_id"}


def _rows(folder: Path, table: str) -> dict[str, dict] | None:
    path = folder / f"{table}.json"
    if not path.exists():
        return None
    try:
        return {str(row[KEYS[table]]): row for row in json.loads(path.read_text(encoding="utf-8"))}
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        from .errors import UnreadableFileError

        raise UnreadableFileError(f"{path}: cannot be read as the JSON rows of {table} "
                                  f"({type(exc).__name__}: {exc}); rebuild the dataset") from exc


def diff(old: str | Path, new: str | Path) -> dict:
    """{table: {added: [ids], removed: [ids], changed: {id: {field: [old, new]}}}} for every table
    either build has; tables that did not change are left out."""
    old, new = Path(old), Path(new)
    for folder in (old, new):
        if not (folder / "manifest.json").exists():
            raise FileNotFoundError(f"{folder}: not a built dataset (no manifest.json)")
    report: dict = {}
    for table in KEYS:
        before, after = _rows(old, table), _rows(new, table)
        if before is None and after is None:
            continue
        before, after = before or {}, after or {}
        changed = {}
        for key in sorted(before.keys() & after.keys()):
            fields = {f: [before[key].get(f), after[key].get(f)] for f in sorted(before[key].keys() | after[key].keys())
                      if before[key].get(f) != after[key].get(f)}
            if fields:
                changed[key] = fields
        entry = {"added": sorted(after.keys() - before.keys()), "removed": sorted(before.keys() - after.keys()),
                 "changed": changed}
        if any(entry.values()):
            report[table] = entry
    return report


def diff_text(report: dict) -> str:
    """The diff as lines a curator reads in a terminal."""
    if not report:
        return "no changes"
    lines = []
    for table, entry in report.items():
        lines.append(f"{table}: {len(entry['added'])} added, {len(entry['removed'])} removed, "
                     f"{len(entry['changed'])} changed")
        lines += [f"  + {key}" for key in entry["added"]]
        lines += [f"  - {key}" for key in entry["removed"]]
        for key, fields in entry["changed"].items():
            lines.append(f"  ~ {key}")
            lines += [f"      {name}: {json.dumps(a, ensure_ascii=False)} -> {json.dumps(b, ensure_ascii=False)}"
                      for name, (a, b) in fields.items()]
    return "\n".join(lines)
