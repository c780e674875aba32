"""Regimens and criteria of rows that state the same indication -> one set, conflicts marked.

Within one document: two circulars (or a circular and an article) that agree are two sources, not
one regimen; how documents relate is for the links between them.

Identical regimens of merged rows become one regimen carrying every row id. Regimens of different
rows for the same indication, population and phase whose values differ are both kept and marked
as a conflict, unless one only adds detail the other leaves out (then they are compatible).
"""
from __future__ import annotations

from dataclasses import replace

from ..criteria import criterion_key
from ..dosing.regimens import regimen_key
from ..records import Criterion, Reason, Regimen

_DETAIL = ("cycle_every_low", "cycle_every_high", "cycle_every_unit", "duration_low", "duration_high",
           "duration_unit", "schedule_days", "max_dose", "max_dose_unit")


def identity(regimen: Regimen) -> tuple:
    """Everything a regimen says, not where it says it: equal identities are one regimen."""
    return regimen_key(regimen) + tuple(getattr(regimen, name) for name in _DETAIL)


def _compatible(a: Regimen, b: Regimen) -> bool:
    """One regimen only adds details the other leaves empty (no value stated by both differs)."""
    return all(x == y or x in (None, ()) or y in (None, ()) for x, y in zip(identity(a), identity(b)))


def merge_regimens(regimens: list[Regimen], row_number: dict[str, int]) -> list[Regimen]:
    """Identical regimens of the same indication merged (all row ids kept); conflicts marked."""
    merged: list[Regimen] = []
    at: dict[tuple, int] = {}
    for regimen in regimens:
        key = (regimen.doc_id, regimen.indication_id, identity(regimen))
        if key in at and regimen.dose_low_mg_per_kg is not None:
            first = merged[at[key]]
            merged[at[key]] = replace(
                first, row_ids=first.row_ids + tuple(r for r in regimen.row_ids if r not in first.row_ids),
                typical_low_mg_per_kg=first.typical_low_mg_per_kg or regimen.typical_low_mg_per_kg,
                typical_high_mg_per_kg=first.typical_high_mg_per_kg or regimen.typical_high_mg_per_kg,
                notes=first.notes + (f"also stated in row {row_number[regimen.row_ids[0]]}: "
                                     f"'{regimen.source_text}'",) + regimen.notes)
            continue
        at[key] = len(merged)
        merged.append(regimen)
    return _mark_conflicts(merged, row_number)


def _mark_conflicts(regimens: list[Regimen], row_number: dict[str, int]) -> list[Regimen]:
    conflicts: dict[str, list[str]] = {}
    reasons: dict[str, list[Reason]] = {}
    groups: dict[tuple, list[Regimen]] = {}  # only regimens of one document, indication, population, phase compete
    for regimen in regimens:
        groups.setdefault((regimen.doc_id, regimen.indication_id, regimen.population, regimen.phase), []).append(regimen)
    pairs = ((a, b) for group in groups.values() for i, a in enumerate(group) for b in group[i + 1:])
    for a, b in pairs:
        if set(a.row_ids) & set(b.row_ids) or _compatible(a, b):
            continue
        for this, other in ((a, b), (b, a)):
            conflicts.setdefault(this.regimen_id, []).append(other.regimen_id)
            reasons.setdefault(this.regimen_id, []).append(Reason(
                "conflict", f"row {row_number[other.row_ids[0]]} gives another regimen for the same indication, "
                f"population and phase: '{other.source_text}'", words=other.source_text))
    return [replace(r, conflicts_with=tuple(conflicts[r.regimen_id]),
                    review_reasons=r.review_reasons + tuple(reasons[r.regimen_id]))
            if r.regimen_id in conflicts else r for r in regimens]


def merge_criteria(criteria: list[Criterion]) -> list[Criterion]:
    """The same threshold stated by two rows of one indication is one criterion with both rows."""
    merged: list[Criterion] = []
    at: dict[tuple, int] = {}
    for criterion in criteria:
        key = (criterion.indication_id, criterion.doc_id, criterion_key(criterion))
        if key in at:
            first = merged[at[key]]
            merged[at[key]] = replace(first, row_ids=first.row_ids + tuple(
                r for r in criterion.row_ids if r not in first.row_ids))
            continue
        at[key] = len(merged)
        merged.append(criterion)
    return merged
