"""Fragments' metas -> the build's global state: indications, corrections, links, adverse effects,
the flags that belong to no document, the manifest and the report's counts.

Folded document by document: only what the global tables need is kept (each row's, regimen's and
threshold's indication, document and review reasons: the indications table keeps their ids
anyway; the articles' records for the links; the documents' notes for the adverse effects), never a
document's tables. reconcile's own _indications makes the indications table from these traces, so
that it is the same function a whole-in-memory reconciliation uses.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

from . import labels, tables
from .adverse_effects import documents_to_effects
from .article.links import CircularSide, statements_to_links
from .corrections import Ledger, Outcome
from .errors import AccountingError
from .reconcile import _indications
from .records import Reason
from .reconcile.indication_index import by_id


@dataclass(frozen=True, slots=True)
class RowTrace:
    row_id: str
    doc_id: str
    indication_id: str
    evidence: str | None
    review_reasons: tuple[Reason, ...]
    indication_text: str

    def cell(self, name: str) -> str:
        return self.indication_text if name == "indication" else ""


@dataclass(frozen=True, slots=True)
class ItemTrace:
    indication_id: str | None
    doc_id: str
    conflicts_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocTrace:
    """What the adverse effects read of a document: its language and notes."""

    doc_id: str
    lang: str
    notes: tuple[str, ...]


@dataclass
class Running:
    """The global state, folded one fragment's meta at a time (circulars first, then articles)."""

    rows: list = field(default_factory=list)
    regimens: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    docs: list = field(default_factory=list)
    metas: list = field(default_factory=list)  # each meta without its traces
    outcomes: dict = field(default_factory=dict)
    pointers: dict = field(default_factory=dict)  # "table.column" -> values the fragments' rows point with

    def add(self, meta: dict) -> None:
        """One fragment's meta folded in; what is kept per row is only what _indications reads: the
        reasons it reads (indication_*), the indication's words only when the lexicon does not name it."""
        traces = meta.pop("traces")
        doc_id = sys.intern(meta["doc_id"])  # one string for every trace of the document
        known = by_id()
        self.rows += [RowTrace(a, doc_id, _id(c), _id(d),
                               tuple(Reason(*x) for x in e if x[0].startswith("indication_")),
                               "" if c in known else f) for a, _, c, d, e, f in traces["rows"]]
        self.regimens += [ItemTrace(_id(a), doc_id, tuple(c)) for a, _, c in traces["regimens"]]
        self.criteria += [ItemTrace(_id(a), doc_id) for a, _ in traces["criteria"]]
        self.docs.append(DocTrace(meta["doc_id"], meta["lang"], tuple(meta.pop("notes"))))
        for o in meta.pop("outcomes"):
            self.outcomes[o["correction_id"]] = Outcome(**o)
        for name, values in meta.pop("pointers").items():
            self.pointers.setdefault(name, set()).update(_id(v) for v in values)
        meta.pop("indications")  # read again from its meta.json when an article's links need it
        self.metas.append(meta)


def _id(indication_id: str | None) -> str | None:
    return sys.intern(indication_id) if indication_id else indication_id


def corrections_outcomes(ledger: Ledger, running: Running) -> list[Outcome]:
    """Each correction's outcome: as the document it targets gave it; stale when no document has its target."""
    ledger.outcomes.update(running.outcomes)
    for c in ledger.corrections:
        if c.correction_id not in ledger.outcomes and c.table in ("source_rows", "regimens", "criteria"):
            ledger.outcomes[c.correction_id] = Outcome(c.correction_id, c.table, c.target, "stale",
                                                       "its target is gone from this build", c.by, c.reason)
    return ledger.report()


def indications(running: Running, ledger: Ledger, mentioned: tuple[str, ...]):
    """The indications table's records, as reconcile makes them, from the traces."""
    found = _indications(running.rows, running.regimens, running.criteria, ledger.split_indications(), mentioned)
    known = {i.indication_id for i in found}
    missing = {x.indication_id for x in (*running.rows, *running.regimens, *running.criteria)} - known - {None}
    if missing:
        raise AccountingError(f"indication ids without an indications row: {sorted(missing)}")
    return found


def links(running: Running, articles: list[dict], circular_sides) -> list:
    """Links of the articles' statements to the circulars' regimens and thresholds. `articles`: each
    article's side (statements, regimens, criteria); circular_sides(indication ids): the circulars'
    regimens and criteria of those indications (read from their fragments)."""
    statements = [s for a in articles for s in a["statements"]]
    if not statements:
        return []
    wanted = {i for s in statements for i in s.indication_candidates}
    side = _circular_side(running, *circular_sides(wanted))
    return statements_to_links(statements, [g for a in articles for g in a["regimens"]],
                               [c for a in articles for c in a["criteria"]], side)


def _circular_side(running: Running, regimens: list, criteria: list) -> CircularSide:
    """CircularSide.of, from the traces of the circulars' rows and the records of the indications compared."""
    row_ids: dict[str, tuple[str, ...]] = {}
    circular_docs = {m["doc_id"] for m in running.metas if m["circular"]}
    rows = [r for r in running.rows if r.doc_id in circular_docs]
    for row in rows:
        row_ids[row.indication_id] = row_ids.get(row.indication_id, ()) + (row.row_id,)
    return CircularSide(tuple(criteria), tuple(regimens), row_ids, {r.row_id: r.doc_id for r in rows})


def global_tables(running: Running, ledger: Ledger, articles: list[dict], circular_sides,
                  left_out: list, duplicates_flags: list) -> dict[str, list[dict]]:
    """The tables that are not one document's: indications, links, adverse effects, corrections, the
    flags of no document (after every document's own), labels. Labelled."""
    statements = [s for a in articles for s in a["statements"]]
    mentioned = tuple(i for s in statements for i in (s.indication_id, *s.indication_candidates) if i)
    found = indications(running, ledger, mentioned)
    outcomes = corrections_outcomes(ledger, running)
    effects, effect_flags = documents_to_effects(sorted(running.docs, key=lambda d: d.doc_id), statements)
    outcome_flags = tables.review_flags(_Outcomes(outcomes))
    flags = tables.distinct_flags(effect_flags + outcome_flags + tables.left_out_flags(left_out) + duplicates_flags)
    effects_first = len(tables.distinct_flags(effect_flags))  # the flags' table puts these before the review flags
    out = {
        "indications": [tables.indication_row(i) for i in found],
        "links": [tables.record_row(x, "links") for x in links(running, articles, circular_sides)],
        "adverse_effects": [tables.record_row(e, "adverse_effects") for e in effects],
        "corrections": [tables.outcome_row(o) for o in outcomes],
        "flags": [tables.flag_row(f) for f in flags],
    }
    return {**{name: labels.label_rows(name, rows) for name, rows in out.items()}, "labels": labels.labels_table(),
            "effect_flags": effects_first}


@dataclass(frozen=True)
class _Outcomes:
    """review_flags' view of a knowledge base that holds only the corrections' outcomes."""

    corrections: tuple
    rows: tuple = ()
    regimens: tuple = ()
    criteria: tuple = ()


__all__ = ["Running", "global_tables"]
