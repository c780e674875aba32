"""Curator corrections (corrections.yaml) -> typed records, applied on every build, stale ones reported.

A correction names its target by stable id and quotes the words the target was read from when the
curator looked (`expect`). If the target is gone, or its words no longer contain the quote, the
correction is stale: reported, never applied. Applied corrections are recorded in the data
(`curated_by: curator`, `corrections` lists their ids). Every correction is checked against the
schema first (correction_values.py): one that would write a value its column cannot hold is
invalid, listed with why, and never applied.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from . import correction_values as rules
from .errors import PipelineError
from .normalize.fa import normalize_fa
from .records import Reason, Regimen, SourceRow

TARGETS = {"row": "source_rows", "regimen": "regimens", "criterion": "criteria"}
SETTABLE = {
    "source_rows": {"indication_id"},
    "regimens": {f.name for f in fields(Regimen)} - {"doc_id", "row_ids", "regimen_id", "source_text", "span",
                                                     "review_reasons", "conflicts_with"},
    "criteria": {"analyte", "op", "value_low", "value_high", "unit", "kind", "indication_id"},
}


class CorrectionsError(PipelineError):
    """The corrections file cannot be read at all (not YAML, not a list)."""


@dataclass(frozen=True)
class Correction:
    correction_id: str
    table: str  # source_rows, regimens, criteria
    target: str  # the target's stable id
    expect: str | None = None  # words the target's text must still contain
    values: dict[str, Any] = field(default_factory=dict)
    reviewed: bool = False
    merge_into: str | None = None  # row id: the target row states the same indication as this row
    split: dict[str, str] | None = None  # the target row becomes its own indication {id, name_en, name_fa}
    reason: str | None = None
    by: str | None = None
    implausible: tuple[str, ...] = ()  # values outside plausibility the curator accepts (accept_implausible)
    accept_implausible: str | None = None


@dataclass(frozen=True)
class Outcome:
    correction_id: str
    table: str
    target: str
    status: str  # applied, stale, invalid
    message: str
    by: str | None = None
    reason: str | None = None


def load_corrections(path: str | Path | None) -> tuple[list[Correction], list[Outcome]]:
    """The corrections file -> corrections to apply and outcomes for entries that are invalid."""
    if path is None or not Path(path).exists():
        return [], []
    from .safe_yaml import load_text

    try:
        data = load_text(Path(path).read_text(encoding="utf-8")) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorrectionsError(f"{path}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, list):
        raise CorrectionsError(f"{path}: expected a list of corrections")
    known = rules.known_indication_ids(data)
    corrections, invalid = [], []
    shared = _shared_ids(data)
    for n, entry in enumerate(data, start=1):
        correction, problem = _entry(entry, n, known)
        if correction is not None and correction.correction_id in shared:
            # which of two entries with one id a curator meant cannot be told: neither applies, and
            # each is reported under its own entry number, so no outcome overwrites another
            correction, problem = None, Outcome(
                f"{correction.correction_id}@{n}", correction.table, correction.target, "invalid",
                f"id {correction.correction_id!r} is given to entries {', '.join(map(str, shared[correction.correction_id]))}:"
                " give each correction its own id", correction.by, correction.reason)
        if problem:
            invalid.append(problem)
        else:
            corrections.append(correction)
    return corrections, invalid


def _shared_ids(data: list) -> dict[str, list[int]]:
    """Ids written on more than one entry -> the entries' numbers (from 1)."""
    entries: dict[str, list[int]] = {}
    for n, entry in enumerate(data, start=1):
        if isinstance(entry, dict) and entry.get("id") is not None:
            entries.setdefault(str(entry["id"]), []).append(n)
    return {cid: ns for cid, ns in entries.items() if len(ns) > 1}


def _target(entry: dict) -> tuple[str | None, str]:
    """The entry's table and its target's id (None when it names no single target)."""
    kinds = ["row"] if "merge" in entry or "split" in entry else [k for k in TARGETS if k in entry]
    if len(kinds) != 1:
        return None, ""
    merge = entry.get("merge")
    target = entry.get(kinds[0]) or (merge[1] if isinstance(merge, list) and len(merge) == 2 else "") \
        or entry.get("split") or ""
    return TARGETS[kinds[0]], str(target)


def _problems(entry: dict, table: str, target: str, known: set[str]) -> list[str]:
    """Why the entry cannot apply, whatever its target holds (empty when it can)."""
    values = entry.get("set") or {}
    unknown = set(values) - SETTABLE[table] if isinstance(values, dict) else set()
    problems = (["no target id"] if not target else []) + rules.entry_problems(entry) + (
        [f"cannot set {sorted(unknown)} on {table}"] if unknown else rules.value_problems(table, values, known))
    implausible = rules.implausible(values) if not problems else []
    if implausible and not entry.get("accept_implausible"):
        problems.append("; ".join(implausible) + ": if this is right, say why in `accept_implausible: REASON`")
    return problems


def _entry(entry: Any, n: int, known: set[str]) -> tuple[Correction | None, Outcome | None]:
    cid = str(entry.get("id") or f"#{n}") if isinstance(entry, dict) else f"#{n}"
    if not isinstance(entry, dict):
        return None, Outcome(cid, "", "", "invalid", "an entry must be a mapping")
    table, target = _target(entry)
    if table is None:
        return None, Outcome(cid, "", "", "invalid", "name exactly one target: row, regimen or criterion")
    problems = _problems(entry, table, target, known)
    if problems:
        who = [entry.get(k) if isinstance(entry.get(k), str) else None for k in ("by", "reason")]
        return None, Outcome(cid, table, target, "invalid", "; ".join(problems), *who)
    values, merge = entry.get("set") or {}, entry.get("merge")
    return Correction(cid, table, target, expect=entry.get("expect"),
                      values={k: tuple(v) if isinstance(v, list) else v for k, v in values.items()},
                      reviewed=bool(entry.get("reviewed")), merge_into=str(merge[0]) if merge else None,
                      split=entry.get("indication") if "split" in entry else None, reason=entry.get("reason"),
                      by=entry.get("by"), implausible=tuple(rules.implausible(values)),
                      accept_implausible=entry.get("accept_implausible")), None


def _same_words(expect: str, text: str) -> bool:
    squash = lambda s: re.sub(r"\s+", " ", normalize_fa(s)).strip()
    return squash(expect) in squash(text)


class Ledger:
    """The corrections of one build: which apply to what, and what became of each."""

    def __init__(self, corrections: list[Correction], invalid: list[Outcome] = ()):
        self.corrections = corrections
        self.outcomes: dict[str, Outcome] = {o.correction_id: o for o in invalid}

    def of_targets(self, targets: set[str]) -> "Ledger":
        """The corrections that name one of these ids (one document's): a ledger of their own, so that
        each document is corrected on its own; a correction no document's ledger takes is stale."""
        return Ledger([c for c in self.corrections if c.target in targets])

    def _for(self, table: str) -> list[Correction]:
        return [c for c in self.corrections if c.table == table]

    def _check(self, c: Correction, targets: dict[str, str]) -> bool:
        """Is the correction's target present and its words unchanged? Records a stale outcome if not."""
        if c.target not in targets:
            self.outcomes[c.correction_id] = Outcome(c.correction_id, c.table, c.target, "stale",
                                                     "its target is gone from this build", c.by, c.reason)
            return False
        if c.expect and not _same_words(c.expect, targets[c.target]):
            self.outcomes[c.correction_id] = Outcome(
                c.correction_id, c.table, c.target, "stale",
                f"the target's words changed: '{c.expect}' is no longer in '{targets[c.target][:120]}'", c.by, c.reason)
            return False
        return True

    def _applied(self, c: Correction, what: str) -> None:
        self.outcomes[c.correction_id] = Outcome(c.correction_id, c.table, c.target, "applied", what, c.by, c.reason)

    def row_indications(self, rows: list[SourceRow]) -> dict[str, tuple[str, Correction]]:
        """Row id -> (indication id, correction) for rows whose indication a curator sets, merges or splits."""
        texts = {r.row_id: r.text for r in rows}
        chosen: dict[str, tuple[str, Correction]] = {}
        for c in self._for("source_rows"):
            if not self._check(c, texts):
                continue
            if c.merge_into and c.merge_into not in texts:
                self.outcomes[c.correction_id] = Outcome(c.correction_id, c.table, c.target, "stale",
                                                         f"the row to merge into ({c.merge_into}) is gone", c.by)
                continue
            if c.split:
                chosen[c.target] = (c.split["id"], c)
            elif "indication_id" in c.values:
                chosen[c.target] = (c.values["indication_id"], c)
            elif c.merge_into:
                chosen[c.target] = ("@" + c.merge_into, c)  # resolved once the other row's indication is known
        return chosen

    def resolve_merges(self, indication: dict[str, str]) -> dict[str, str]:
        """Row id -> indication id with every "@row" (merged by a curator into that row's indication)
        followed to the end of its chain, whatever the order of the rows. A chain that comes back to
        itself names no indication: its merges are invalid and its rows keep what they were matched to,
        given in `matched`."""
        resolved = dict(indication)
        for rid in indication:
            seen, value = [rid], indication[rid]
            while isinstance(value, str) and value.startswith("@") and value[1:] not in seen:
                seen.append(value[1:])
                value = indication.get(value[1:], "@")
            if isinstance(value, str) and value.startswith("@"):
                self._refuse_cycle(seen)
            else:
                resolved[rid] = value
        return resolved

    def _refuse_cycle(self, rows: list[str]) -> None:
        for c in self._for("source_rows"):
            if c.merge_into and c.target in rows:
                self.outcomes[c.correction_id] = Outcome(
                    c.correction_id, c.table, c.target, "invalid",
                    f"merges run in a circle ({' -> '.join(rows + [rows[0]])}): no row names the indication",
                    c.by, c.reason)

    def split_indications(self) -> dict[str, dict[str, str]]:
        return {c.split["id"]: c.split for c in self._for("source_rows") if c.split
                and self.outcomes.get(c.correction_id, Outcome("", "", "", "applied", "")).status != "stale"}

    def confirm_rows(self, rows: list[SourceRow]) -> list[SourceRow]:
        """Rows with their review marks applied (and the outcome of row corrections recorded)."""
        out = []
        for row in rows:
            mine = [c for c in self._for("source_rows") if c.target == row.row_id
                    and self.outcomes.get(c.correction_id, Outcome("", "", "", "", "")).status not in ("stale", "invalid")]
            for c in mine:
                row = replace(row, curated_by="curator", corrections=row.corrections + (c.correction_id,))
                if c.reviewed:
                    row = replace(row, reviewed_reasons=row.reviewed_reasons + tuple(
                        f"{r.text} [reviewed by {c.by or 'curator'}: {c.reason or 'confirmed'}]" for r in row.review_reasons),
                        review_reasons=())
                self._applied(c, "row corrected" + (", marked reviewed" if c.reviewed else ""))
            out.append(row)
        return out

    def apply(self, table: str, items: list, id_of, text_of) -> list:
        """Set values and review marks on regimens or criteria; stale corrections are left out."""
        targets = {id_of(x): text_of(x) for x in items}
        mine = [c for c in self._for(table) if self._check(c, targets)]
        out = []
        for item in items:
            for c in (c for c in mine if c.target == id_of(item)):
                item = self._corrected(c, item)
            out.append(item)
        return out

    def _corrected(self, c: Correction, item):
        """The item with one correction applied; unchanged (and the correction invalid) when the result
        would not hold together (a range's low end above its high end)."""
        changed = replace(item, **c.values, curated_by="curator", corrections=item.corrections + (c.correction_id,))
        problems = rules.range_problems(changed)
        if problems:
            self.outcomes[c.correction_id] = Outcome(c.correction_id, c.table, c.target, "invalid",
                                                     "; ".join(problems), c.by, c.reason)
            return item
        if c.reviewed:
            changed = replace(changed, reviewed_reasons=changed.reviewed_reasons + tuple(
                f"{r.text} [reviewed by {c.by or 'curator'}: {c.reason or 'confirmed'}]" for r in changed.review_reasons),
                review_reasons=())
        if c.implausible:  # stays in front of a curator, reviewed or not
            changed = replace(changed, review_reasons=changed.review_reasons + tuple(
                Reason("implausible_correction", f"{why}; accepted by {c.by or 'curator'}: {c.accept_implausible}")
                for why in c.implausible))
        self._applied(c, ("set " + ", ".join(sorted(c.values)) if c.values else "")
                      + (" marked reviewed" if c.reviewed else "") + (" (implausible, accepted)" if c.implausible else ""))
        return changed

    def report(self) -> list[Outcome]:
        return [self.outcomes[c] for c in sorted(self.outcomes)]
