"""Two builds -> what changed in the guideline, in the words a curator uses.

`diff(old, new)` pairs documents, rows, statements, regimens, thresholds and indications across two
built folders by what they are (document, indication, the row's words, place among the row's
regimens), never by ids or content hashes, and names each change as a field:
`cll-hypogammaglobulinemia, regimen 1: dose 200-400 -> 300-400 mg/kg`. Row numbers, lines, ids,
counts, flags, links and the FHIR resource follow from such changes: derived, returned only with
everything=True (`--all`). Reads the JSON twins, so it needs neither pandas nor the build's code.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
from pathlib import Path

from ..errors import PipelineError
from .changes import Change, Comparison, jsonable
from .render import changes_text

__all__ = ["Change", "DiffError", "changes", "diff", "diff_text", "records"]

TABLES = ("documents", "source_rows", "statements", "regimens", "criteria", "indications", "links", "flags",
          "adverse_effects", "references", "labels", "corrections")


class DiffError(PipelineError):
    """A folder that is not a build, or a build that cannot be read."""


def _read(folder: Path) -> dict[str, list[dict]]:
    if not (folder / "manifest.json").is_file():
        raise DiffError(f"{folder}: not a built dataset (no manifest.json)")
    tables = {}
    for table in TABLES:
        path = folder / f"{table}.json"
        if not path.exists():
            continue
        try:
            tables[table] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DiffError(f"{path}: cannot be read ({exc})") from exc
        if not isinstance(tables[table], list):
            raise DiffError(f"{path}: not a JSON array of rows")
    return tables


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _fhir(old: Path, new: Path) -> list[Change]:
    out = []
    names = {p.relative_to(old) for p in (old / "fhir").glob("*.json")} | {
        p.relative_to(new) for p in (new / "fhir").glob("*.json")}
    for name in sorted(names):
        before, after = _digest(old / name), _digest(new / name)
        if before != after:
            out.append(Change("fhir", None, str(name), None, "sha256", before, after, True))
    return out


_RANK = {"documents": 0, "indications": 1, "source_rows": 2, "statements": 2, "regimens": 3, "criteria": 4}


def _order(change: Change) -> tuple:
    """Curators' changes first, then by document, indication, item and place (ties: as found)."""
    return (change.derived, change.doc_id or "~", change.table != "documents", change.indication_id or "~",
            _RANK.get(change.table, 9), change.ordinal or 0)


@contextlib.contextmanager
def _no_collection():
    """The cycle collector off while two builds' rows are read and indexed: they are millions of
    young dicts without cycles, and its passes over them cost more than the comparison."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def changes(old: str | Path, new: str | Path, everything: bool = False) -> list[Change]:
    """The Change records between two built folders (derived ones only with everything=True)."""
    old, new = Path(old), Path(new)
    with _no_collection():
        found = Comparison(_read(old), _read(new)).run() + _fhir(old, new)
    found = [c for c in found if everything or not c.derived]
    return sorted(found, key=_order)


def diff(old: str | Path, new: str | Path, everything: bool = False) -> list[dict]:
    """What changed between two builds: a list of {table, indication_id, item, ordinal, field, old,
    new}, the curator's changes first; empty when the builds agree (`ivig-kb diff OLD NEW --json`)."""
    return records(changes(old, new, everything))


def records(found: list[Change]) -> list[dict]:
    """Change records as JSON-ready dicts, the form --json prints."""
    return [jsonable(c.record()) for c in found]


def diff_text(found: list[Change] | list[dict]) -> str:
    """The changes as lines a curator reads: a summary, then one line per change by indication."""
    return changes_text([c if isinstance(c, Change) else Change(**c) for c in found])
