"""The article's criteria and regimens + the circular's for the same indications -> Links.

The circular's side comes in as records (CircularSide), whoever read them: the Persian grammar and
reconciliation (CircularSide.of). One link is written per
thing compared: each criterion against the circular's criteria of the same analyte and kind, each
regimen against the circular's regimens, for the statement's indication and for every other
candidate its aliases matched (the IgG threshold of a BMT article concerns both hypogammaglobulinaemia
rows). Values are compared in canonical units:
- agrees: the same limit in the same direction (< and <= with the same number agree, noted), or a
  regimen whose dose and interval overlap one of the circular's;
- differs: the circular states the same thing with other values;
- adds: the circular says nothing of it for that indication.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import load
from ..records import Criterion, Regimen
from .records import Link, Statement


@dataclass(frozen=True)
class CircularSide:
    """What the circulars state, by indication: their criteria, regimens and the rows they come from."""

    criteria: tuple[Criterion, ...] = ()
    regimens: tuple[Regimen, ...] = ()
    row_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)  # indication_id -> its rows
    row_docs: dict[str, str] = field(default_factory=dict)  # row id -> its circular's doc_id

    @classmethod
    def of(cls, kb) -> CircularSide:
        """The circulars' side of a reconciled knowledge base (its rows, regimens and criteria)."""
        circular_docs = {row.doc_id for row in kb.rows}
        row_ids: dict[str, tuple[str, ...]] = {}
        for row in kb.rows:
            row_ids[row.indication_id] = row_ids.get(row.indication_id, ()) + (row.row_id,)
        return cls(tuple(c for c in kb.criteria if c.doc_id in circular_docs),
                   tuple(g for g in kb.regimens if g.doc_id in circular_docs), row_ids,
                   {row.row_id: row.doc_id for row in kb.rows})

    def circulars_of(self, indication_id: str) -> list[str]:
        """The circulars that state an indication, in doc_id order."""
        return sorted({self.row_docs.get(r, "") for r in self.row_ids.get(indication_id, ())})


def _fmt_criterion(c: Criterion) -> str:
    single = c.value_high is None or c.value_low == c.value_high
    value = f"{c.value_low:g}" if single else f"{c.value_low:g}-{c.value_high:g}"
    return f"{c.analyte} {c.op} {value} {c.unit}"


def _fmt_regimen(r: Regimen) -> str:
    dose = f"{r.dose_low_mg_per_kg:g}" if r.dose_low_mg_per_kg == r.dose_high_mg_per_kg else \
        f"{r.dose_low_mg_per_kg:g}-{r.dose_high_mg_per_kg:g}"
    out = f"{dose} mg/kg"
    if r.every_unit:
        every = f"{r.every_low:g}" if r.every_low == r.every_high else f"{r.every_low:g}-{r.every_high:g}"
        out += f" every {every} {r.every_unit}"
    if r.course_days_low is not None:
        course = f"{r.course_days_low:g}" if r.course_days_low == r.course_days_high else \
            f"{r.course_days_low:g}-{r.course_days_high:g}"
        out += f" for {course} d"
    return out


def _direction(op: str) -> str:
    return {"<": "below", "<=": "below", ">": "above", ">=": "above"}.get(op, op)


def compare_criterion(mine: Criterion, theirs: list[Criterion]) -> tuple[str, str, str | None]:
    """(relation, note, the circular's value) of one article criterion against the circular's."""
    same = [c for c in theirs if c.analyte == mine.analyte and c.unit == mine.unit]
    comparable = [c for c in same if c.kind == mine.kind]
    if not comparable:
        return _criterion_added(mine, same)
    values = "; ".join(_fmt_criterion(c) for c in comparable)
    note = _same_limit(mine, comparable)
    if note:
        return "agrees", note, values
    return "differs", f"{_fmt_criterion(mine)}; the circular: {values}", values


def _criterion_added(mine: Criterion, same: list[Criterion]) -> tuple[str, str, str | None]:
    """No threshold of the same kind in the circular: the article adds one (the other kinds named)."""
    note = f"the circular states no {mine.analyte} {mine.kind} threshold for this indication"
    if same:
        note += "; it states " + ", ".join(f"{c.kind} {_fmt_criterion(c)}" for c in same)
    return "adds", note, "; ".join(_fmt_criterion(c) for c in same) or None


def _same_limit(mine: Criterion, comparable: list[Criterion]) -> str | None:
    """The note of the first circular threshold with the same direction and values, None when none."""
    for c in comparable:
        if _direction(c.op) == _direction(mine.op) and (c.value_low, c.value_high) == (mine.value_low, mine.value_high):
            note = f"{_fmt_criterion(mine)} and the circular's {_fmt_criterion(c)}: the same limit"
            if c.op != mine.op:
                note += " (whether the limit itself is included is written differently)"
            return note
    return None


def _overlap(a_low, a_high, b_low, b_high) -> bool:
    return None not in (a_low, a_high, b_low, b_high) and a_low <= b_high and b_low <= a_high


def compare_regimen(mine: Regimen, theirs: list[Regimen]) -> tuple[str, str, str | None]:
    """(relation, note, the circular's value) of one article regimen against the circular's."""
    if not theirs:
        return "adds", "the circular gives no dose for this indication", None
    days = load("units_zh.yaml")["days_per_unit"]

    def every_days(r: Regimen) -> tuple[float | None, float | None]:
        if not r.every_unit:
            return None, None
        return r.every_low * days[r.every_unit], r.every_high * days[r.every_unit]

    values = "; ".join(_fmt_regimen(r) for r in theirs)
    for r in theirs:
        if _agree(mine, r, every_days):
            return "agrees", f"{_fmt_regimen(mine)} within the circular's {_fmt_regimen(r)}", values
    return "differs", f"{_fmt_regimen(mine)}; the circular: {values}", values


def _agree(mine: Regimen, r: Regimen, every_days) -> bool:
    """The dose overlaps; the interval overlaps, or neither side states one ("2000 mg/kg for 2-5 d" twice
    agrees); the course overlaps where both sides state one (a course one side leaves out is not compared)."""
    course_mine, course_theirs = (mine.course_days_low, mine.course_days_high), (r.course_days_low, r.course_days_high)
    no_interval = every_days(mine)[0] is None and every_days(r)[0] is None
    return (_overlap(mine.dose_low_mg_per_kg, mine.dose_high_mg_per_kg, r.dose_low_mg_per_kg, r.dose_high_mg_per_kg)
            and (no_interval or _overlap(*every_days(mine), *every_days(r)))
            and (None in (*course_mine, *course_theirs) or _overlap(*course_mine, *course_theirs)))


def _link(record: Criterion | Regimen, statement: Statement, indication_id: str, doc_id: str,
          circular: CircularSide, strong: bool) -> Link:
    """One record of a statement compared with what one circular states for one indication."""
    def same(x) -> bool:  # a side built without row_docs ("") is one circular
        return not doc_id or x.doc_id == doc_id

    rows = tuple(r for r in circular.row_ids[indication_id] if circular.row_docs.get(r, "") == doc_id)
    if isinstance(record, Criterion):
        theirs = [c for c in circular.criteria if c.indication_id == indication_id and same(c)]
        relation, note, value = compare_criterion(record, theirs)
        aspect, mine, regimen_id = record.analyte, _fmt_criterion(record), None
    else:
        theirs = [r for r in circular.regimens if r.indication_id == indication_id and same(r)]
        relation, note, value = compare_regimen(record, theirs)
        aspect, mine, regimen_id = "regimen", _fmt_regimen(record), record.regimen_id
    return Link(statement.statement_id, indication_id, relation, note, aspect, mine, value,
                tuple(dict.fromkeys(r for t in theirs for r in t.row_ids)) or rows,
                regimen_id, strong and indication_id == statement.indication_id, doc_id or None)


def statements_to_links(statements: list[Statement], regimens: list[Regimen], criteria: list[Criterion],
                        circular: CircularSide) -> list[Link]:
    """Links of every statement's criterion and regimen (any document's, any language) to each
    indication its statement may speak of, once per circular that states that indication."""
    by_statement = {s.statement_id: s for s in statements}
    links = []
    for record in [*criteria, *regimens]:
        statement = by_statement[record.row_ids[0]]
        strong = not any(r.code.startswith("indication_") for r in statement.review_reasons)
        for indication_id in statement.indication_candidates:
            # a circular's side not read for it: nothing to compare with
            for doc_id in circular.circulars_of(indication_id):
                links.append(_link(record, statement, indication_id, doc_id, circular, strong))
    return links
