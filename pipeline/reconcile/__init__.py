"""Rows of every circular -> canonical indications, merged duplicates, thresholds in one unit.

rows -> matches (lexicon) -> statuses (kept / merged) -> regimens and criteria tied to indications ->
identical ones merged, conflicts marked -> one CanonicalIndication per indication. The accounting
(rows in = kept + merged + rejected) is checked here; a build whose rows do not add up fails.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from ..corrections import Ledger, Outcome
from ..criteria import row_to_criteria
from ..dosing.regimens import DOSE_FIELDS, evidence_of, row_to_regimens
from ..errors import AccountingError
from ..lexicon import icd10_title
from ..records import CanonicalIndication, Criterion, Reason, Regimen, SourceRow
from .indication_index import by_id
from .match import row_to_match
from .merge import merge_criteria, merge_regimens

_CAUTION = ("not_proven", "not_routine", "limited", "recommended")


@dataclass(frozen=True)
class Reconciled:
    rows: tuple[SourceRow, ...]
    regimens: tuple[Regimen, ...]
    criteria: tuple[Criterion, ...]
    indications: tuple[CanonicalIndication, ...]
    accounting: dict[str, dict[str, int]]
    corrections: tuple[Outcome, ...] = ()


def rows_to_matched(rows: list[SourceRow], ledger: Ledger) -> list[SourceRow]:
    """Each row with its canonical indication (a curator's choice first), evidence and status."""
    chosen = ledger.row_indications(rows)
    matches = {row.row_id: row_to_match(row) for row in rows}
    indication = ledger.resolve_merges(
        {rid: chosen[rid][0] if rid in chosen else m.indication_id for rid, m in matches.items()})
    for rid, value in indication.items():  # a merge refused (a circle): the row keeps its own match
        if isinstance(value, str) and value.startswith("@"):
            indication[rid] = matches[rid].indication_id
            chosen.pop(rid, None)
    out, first = [], {}
    for row in rows:
        match = matches[row.row_id]
        key = (row.doc_id, indication[row.row_id])
        merged_into = first.get(key)
        first.setdefault(key, row.row_id)
        repairs = row.repairs + (() if row.row_id in chosen else match.repairs)
        if merged_into:
            repairs += (f"merged: row states the same indication as {merged_into}",)
        reasons = row.review_reasons + (() if row.row_id in chosen else match.reasons)
        out.append(replace(row, indication_id=indication[row.row_id],
                           matched_by="curator" if row.row_id in chosen else match.how,
                           status="merged" if merged_into else "kept", merged_into=merged_into,
                           evidence=evidence_of([row.cell(f) for f in DOSE_FIELDS]),
                           review_reasons=reasons, repairs=repairs))
    return ledger.confirm_rows(out)


def account(rows_in: list[SourceRow], rows_out: list[SourceRow]) -> dict[str, dict[str, int]]:
    """Per document: rows in = rows kept + merged + rejected, or the build fails."""
    accounting: dict[str, dict[str, int]] = {}
    rows_of = Counter(r.doc_id for r in rows_in)
    statuses = Counter((r.doc_id, r.status) for r in rows_out)
    for doc_id in sorted(rows_of):
        counts = {"rows_in": rows_of[doc_id]}
        for status in ("kept", "merged", "rejected"):
            counts[status] = statuses[(doc_id, status)]
        if counts["rows_in"] != counts["kept"] + counts["merged"] + counts["rejected"]:
            raise AccountingError(f"{doc_id}: {counts['rows_in']} rows in but {counts['kept']} kept + "
                                  f"{counts['merged']} merged + {counts['rejected']} rejected")
        accounting[doc_id] = counts
    return accounting


_ROW_DOUBTS = ("indication_inferred", "indication_ambiguous", "indication_unmatched", "missing_indication")


def row_doubts(row: SourceRow) -> tuple[Reason, ...]:
    """The row's doubts about what its regimens are for (an indication inferred, not written): each
    of its regimens carries them, so it is reviewed and stays out of FHIR until a curator confirms."""
    return tuple(r for r in row.review_reasons if r.code in _ROW_DOUBTS)


def reconcile(rows: list[SourceRow], ledger: Ledger | None = None, extra_regimens: list[Regimen] = (),
              extra_criteria: list[Criterion] = (), mentioned: tuple[str, ...] = (),
              row_readings: dict[str, tuple] | None = None) -> Reconciled:
    """The circulars' rows (and regimens/criteria other documents tied to indications) reconciled,
    with the curator's corrections applied. `mentioned`: indication ids other documents' statements
    speak of, which need their indications row too. `row_readings`: each row's regimens and thresholds
    when the per-document stage has read them already."""
    ledger = ledger or Ledger([])
    matched = rows_to_matched(rows, ledger)
    accounting = account(rows, matched)
    row_number = {r.row_id: r.row_number for r in matched}
    row_readings = row_readings or {}
    read = {row.row_id: row_readings.get(row.row_id) or (row_to_regimens(row), row_to_criteria(row)) for row in matched}
    regimens = [replace(g, indication_id=row.indication_id, review_reasons=g.review_reasons + row_doubts(row))
                for row in matched for g in read[row.row_id][0]]
    criteria = [replace(c, indication_id=row.indication_id) for row in matched for c in read[row.row_id][1]]
    regimens = ledger.apply("regimens", regimens, lambda r: r.regimen_id, lambda r: r.source_text)
    criteria = ledger.apply("criteria", criteria, lambda c: c.criterion_id, lambda c: c.source_text)
    regimens = merge_regimens(regimens, row_number) + list(extra_regimens)
    criteria = merge_criteria(criteria) + list(extra_criteria)
    indications = _indications(matched, regimens, criteria, ledger.split_indications(), mentioned)
    # a statement's regimen whose indication is unknown keeps indication_id null (and its review flag)
    missing = {x.indication_id for x in (*matched, *regimens, *criteria)} - {i.indication_id for i in indications} - {None}
    if missing:
        raise AccountingError(f"indication ids without an indications row: {sorted(missing)}")
    return Reconciled(tuple(matched), tuple(regimens), tuple(criteria), indications, accounting,
                      tuple(ledger.report()))


def _order(rows, regimens, criteria, mentioned) -> list[str]:
    """Indication ids in the order they are first stated (rows, regimens, thresholds, then mentions)."""
    order: dict[str, int] = {}
    for position, indication_id in enumerate([x.indication_id for x in (*rows, *regimens, *criteria)]
                                             + sorted(set(mentioned) & set(by_id()))):
        if indication_id:
            order.setdefault(indication_id, position)
    return sorted(order, key=order.get)


def _review_reasons(its_rows: list[SourceRow], its_regimens: list[Regimen]) -> tuple[Reason, ...]:
    reasons = tuple(dict.fromkeys(x for r in its_rows for x in r.review_reasons if x.code.startswith("indication_")))
    conflicts = sum(1 for g in its_regimens if g.conflicts_with)
    if conflicts:
        reasons += (Reason("conflicting_regimens", f"{conflicts} regimens of different rows disagree"),)
    return reasons


def _names(indication_id: str, its_rows: list[SourceRow], split: dict[str, str]) -> dict:
    """Names, code and aliases: the lexicon's entry, else a curator's split, else the rows' words."""
    entry = by_id().get(indication_id)
    if entry:
        return dict(name_fa=entry.name_fa, name_en=entry.name_en, icd10=entry.icd10,
                    icd10_title=icd10_title(entry.icd10) if entry.icd10 else None,
                    category=entry.category, aliases=entry.aliases, in_lexicon=True)
    cells = tuple(r.cell("indication") for r in its_rows if r.cell("indication"))
    return dict(name_fa=split.get("name_fa") or (cells[0] if cells else None), name_en=split.get("name_en"),
                icd10=None, icd10_title=None, category=None, aliases=cells, in_lexicon=False)


def _indications(rows: list[SourceRow], regimens: list[Regimen], criteria: list[Criterion],
                 curated: dict[str, dict[str, str]], mentioned: tuple[str, ...]) -> tuple[CanonicalIndication, ...]:
    rows_of, regimens_of, criteria_of = defaultdict(list), defaultdict(list), Counter()
    for row in rows:
        rows_of[row.indication_id].append(row)
    for regimen in regimens:
        regimens_of[regimen.indication_id].append(regimen)
    criteria_of.update(c.indication_id for c in criteria)
    out = []
    for indication_id in _order(rows, regimens, criteria, mentioned):
        its_rows, its_regimens = rows_of[indication_id], regimens_of[indication_id]
        reasons = _review_reasons(its_rows, its_regimens)
        evidence = [r.evidence for r in its_rows if r.evidence]
        out.append(CanonicalIndication(
            indication_id=indication_id, **_names(indication_id, its_rows, curated.get(indication_id, {})),
            row_ids=tuple(r.row_id for r in its_rows),
            doc_ids=tuple(dict.fromkeys(x.doc_id for x in (*its_rows, *its_regimens))),
            evidence=min(evidence, key=_CAUTION.index) if evidence else None,
            regimen_count=len(its_regimens), criteria_count=criteria_of[indication_id],
            conflict_count=sum(1 for g in its_regimens if g.conflicts_with), review_reasons=reasons))
    return tuple(out)
