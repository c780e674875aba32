"""Typed, frozen records that pass between the stages.

Stages take records and return records plus the flags they raised; DataFrames appear only at the
edges (export, api). Every record keeps where its words came from (document, page, line).
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace
from dataclasses import field as _field
from functools import cache

# Logical columns of the circular's table, in the table's reading order (right to left on paper).
SHARED_COLUMNS = ("drug", "service", "prescribers", "setting")
ROW_COLUMNS = ("indication", "contraindication", "dosing", "conditions", "recommendations")
ALL_COLUMNS = SHARED_COLUMNS + ROW_COLUMNS


@dataclass(frozen=True)
class Flag:
    """A data problem found by a stage: what (code), where (doc, row, field, span) and why (message).

    severity "review" puts the thing in front of a curator; "info" records a repair the reader made
    by rule (a continuation joined, a repeated sentence collapsed) so it stays visible.
    """

    code: str
    message: str
    severity: str = "review"
    doc_id: str | None = None
    row_id: str | None = None
    field: str | None = None
    span: tuple[int, int] | None = None
    table: str | None = None  # the flagged item's table: documents, source_rows, regimens, criteria, corrections
    target: str | None = None  # the flagged item's id (doc_id, row_id, regimen_id, ...); a file name if unread

    def reason(self) -> "Reason":
        """The flag as a review reason of the record it is about."""
        return Reason(self.code, self.message, self.field, self.span)


@dataclass(frozen=True)
class Reason:
    """Why a record needs a curator, typed: what (code, a slug of data/review_codes.yaml), why
    (message), where (field, span: character offsets in the text read) and the source words quoted.

    Every stage makes these and reads their code, never their text; a table keeps the text
    ("code: message") in review_reasons, the tables' contract, and the codes in review_codes.
    Two reasons that say the same thing are one (equality and hash by code and message), so a
    reason repeated from another place is not kept twice."""

    code: str
    message: str
    field: str | None = _field(default=None, compare=False)
    span: tuple[int, int] | None = _field(default=None, compare=False)
    words: str | None = _field(default=None, compare=False)

    @property
    def text(self) -> str:
        return f"{self.code}: {self.message}"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class SourceFile:
    """One file of raw_documents/, read but not yet understood."""

    name: str
    path: str
    sha256: str
    format: str  # "text", "pdf", "html"
    encoding: str | None  # how the bytes were decoded ("utf-8", "utf-8-sig", "cp1256"); None for PDF
    text: str | None  # decoded text for text formats, line endings untouched
    size: int
    data: bytes | None = None  # the bytes of a binary format (PDF), so a worker needs no shared disk


@dataclass(frozen=True)
class GridLine:
    """One line of a table page as the rendition gives it: cells in their positions, untouched."""

    cells: tuple[str, ...]
    page: int
    line: int | None  # 1-based line in the text file; None for PDF
    raw: str
    doubts: tuple[Reason, ...] = ()  # what the rendition's reader could not confirm
    bbox: tuple[float, ...] | None = None  # PDF only: the table row's box on its page (x0, top, x1, bottom, points)


@dataclass(frozen=True)
class GridPage:
    """A table page: its header lines and its data lines, in the rendition's own positions."""

    number: int
    header: tuple[str, ...]
    subheader: tuple[str, ...] | None
    lines: tuple[GridLine, ...]


@dataclass(frozen=True)
class Letter:
    """The circular's letter: who wrote it, when, to whom, and what it answers."""

    title: str | None = None
    letter_number: str | None = None
    date_jalali: str | None = None
    date_iso: str | None = None
    time: str | None = None
    attachments: str | None = None
    in_reply_to_number: str | None = None
    in_reply_to_date_jalali: str | None = None
    in_reply_to_date_iso: str | None = None
    in_reply_to_sender: str | None = None
    recipients: tuple[str, ...] = ()
    subject: str | None = None  # the "موضوع:" line: what the letter is about
    url: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    department: str | None = None
    issuer_code: str | None = None
    issuer_fa: str | None = None
    issuer_en: str | None = None
    validity_years: int | None = None
    valid_until_jalali: str | None = None
    valid_until_iso: str | None = None
    body: str | None = None


@dataclass(frozen=True)
class Rendition:
    """One file that carries a document (the same circular may come as text and as PDF)."""

    file: str
    format: str
    sha256: str
    encoding: str | None


@dataclass(frozen=True)
class Document:
    doc_id: str
    lang: str  # "fa" or "zh"
    kind: str  # "circular" or "article"
    format: str
    sha256: str
    renditions: tuple[Rendition, ...]
    letter: Letter = field(default_factory=Letter)
    shared: dict[str, str] = field(default_factory=dict)  # drug, service, prescribers, setting
    notes: tuple[str, ...] = ()
    notes_raw: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceRow:
    """One logical row of the circular's table, cells in their logical columns, normalized."""

    doc_id: str
    row_id: str
    row_number: int
    page: int
    pages: tuple[int, ...]
    lines: tuple[int, ...]
    cells: dict[str, str]  # logical column -> normalized text ("" when empty)
    raw_cells: dict[str, str]  # logical column -> the source's text, as read
    raw_text: str
    indication_id: str | None
    status: str = "kept"  # kept, merged, rejected
    review_reasons: tuple[Reason, ...] = ()
    repairs: tuple[str, ...] = ()
    evidence: str | None = None  # recommended, limited, not_routine, not_proven (from the row's wording)
    merged_into: str | None = None  # the row that already states this row's indication
    matched_by: str | None = None  # alias, pointer, inferred, ambiguous, unmatched, curator
    curated_by: str = "pipeline"  # "curator" once a correction of corrections.yaml applies
    corrections: tuple[str, ...] = ()  # ids of the corrections applied
    reviewed_reasons: tuple[str, ...] = ()  # review reasons a curator has looked at and accepted
    renditions: tuple[str, ...] = ()  # files the row was read from
    pdf_pages: tuple[int, ...] = ()  # pages of the PDF rendition the row stands on
    pdf_boxes: tuple[tuple[int, tuple[float, ...]], ...] = ()  # (page, box) of each part of the row in the PDF

    @property
    def text(self) -> str:
        return " | ".join(self.cells[c] for c in ROW_COLUMNS if self.cells.get(c))

    def cell(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class CircularReading:
    """What one rendition of a circular yields: its letter, rows, notes and the flags raised."""

    letter: Letter
    shared: dict[str, str]
    rows: tuple[SourceRow, ...]
    notes: tuple[str, ...]
    notes_raw: tuple[str, ...]
    flags: tuple[Flag, ...]
    lines_in: int  # data lines read from the table
    lines_joined: int  # data lines that continued the row before them (page breaks)


@dataclass(frozen=True)
class Grid:
    """A rendition of a circular cut into its parts, before any column is understood."""

    letter_lines: tuple[str, ...]  # the letter, in logical order, raw
    title: str | None  # the line that names the table ("فرم راهنمای تجویز داروی IVIg")
    pages: tuple[GridPage, ...]
    notes_lines: tuple[str, ...]  # the general considerations after the table, raw
    stray: tuple[GridLine, ...]  # lines inside the table that are neither header nor row
    flags: tuple[Flag, ...] = ()  # what the rendition's reader found outside the table's rows


@dataclass(frozen=True)
class Regimen:
    """One dose regimen read from one statement: numbers in canonical mg/kg, timing, and its words.

    Null where the words say nothing. review_reasons is non-empty whenever a curator should look:
    an implausible value, a number that cannot be read as written, an ambiguous basis.
    """

    doc_id: str
    row_ids: tuple[str, ...]  # source rows of the circular, or statement ids of an article
    source_field: str  # dosing, conditions, recommendations (circular) or statement (article)
    source_text: str  # the words the regimen was read from
    span: tuple[int, int] | None = None  # where those words stand in the field's normalized text
    dose_low_mg_per_kg: float | None = None
    dose_high_mg_per_kg: float | None = None
    dose_as_written: str | None = None  # e.g. "1-2 گرم برای هر کیلوگرم"
    # A dose that is not per kg of body weight (a fixed amount, a volume of solution per kg) keeps its
    # amount as written in its UCUM unit here, the mg/kg columns left null: never converted by guess.
    dose_low: float | None = None
    dose_high: float | None = None
    dose_unit: str | None = None  # UCUM: g, mg, mL/kg
    frequency: float | None = None  # times per interval ("twice a week": 2, every 1 wk), FHIR Timing.repeat.frequency
    repeat_after_low: float | None = None  # one repeat allowed after a wait ("may be repeated after 12-24 h")
    repeat_after_high: float | None = None
    repeat_after_unit: str | None = None
    condition: str | None = None  # when the regimen applies, in the source's words ("after the first year")
    dose_basis: str | None = None  # per_dose or total
    course_days_low: float | None = None
    course_days_high: float | None = None
    every_low: float | None = None
    every_high: float | None = None
    every_unit: str | None = None  # h, d, wk, mo (FHIR Timing units)
    doses_count_low: float | None = None
    doses_count_high: float | None = None
    infusion_hours_low: float | None = None
    infusion_hours_high: float | None = None
    max_total_mg_per_kg: float | None = None
    phase: str | None = None  # initial, maintenance, acute, chronic, repeat
    population: str | None = None  # children, adults, neonates, pregnancy
    evidence: str | None = None  # recommended, limited, not_routine, not_proven
    review_reasons: tuple[Reason, ...] = ()
    indication_id: str | None = None
    regimen_id: str = ""
    # What the contract's columns cannot hold, kept rather than dropped:
    typical_low_mg_per_kg: float | None = None  # "(عموما 400-500 mg/kg)" beside a wider range
    typical_high_mg_per_kg: float | None = None
    max_total_low_mg_per_kg: float | None = None  # "تا دوز تجمعی 1-2 گرم": a cap given as a range
    max_dose: float | None = None  # a ceiling of each administration in its own unit ("(حداکثر 100 گرم)", "最大剂量60 g")
    max_dose_unit: str | None = None  # its UCUM unit: g, mg
    cycle_every_low: float | None = None  # a multi-day course repeated ("هر ماه", "هر 4 هفته")
    cycle_every_high: float | None = None
    cycle_every_unit: str | None = None
    duration_low: float | None = None  # how long the treatment goes on ("تا 3-6 ماه")
    duration_high: float | None = None
    duration_unit: str | None = None
    schedule_days: tuple[int, ...] = ()  # "در روز 28 و 42": the days doses are given
    notes: tuple[str, ...] = ()  # readings worth knowing that are not doubts ("preferably 5 days")
    conflicts_with: tuple[str, ...] = ()  # regimens of other rows, same indication/population/phase, other values
    curated_by: str = "pipeline"
    corrections: tuple[str, ...] = ()
    reviewed_reasons: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


@dataclass(frozen=True)
class Criterion:
    """A threshold or target in canonical units (IgG mg/dL, platelets per microlitre, PRA %, ...)."""

    doc_id: str
    row_ids: tuple[str, ...]
    analyte: str  # igg, platelets, pra, age, days_since_transplant, ...
    op: str  # <, <=, >, >=, between
    value_low: float | None
    value_high: float | None
    unit: str  # mg/dL, /uL, %, a, d
    kind: str  # eligibility or target
    source_text: str
    source_field: str
    span: tuple[int, int] | None = None
    indication_id: str | None = None
    review_reasons: tuple[Reason, ...] = ()
    value_as_written: str | None = None
    criterion_id: str = ""
    curated_by: str = "pipeline"
    corrections: tuple[str, ...] = ()
    reviewed_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class CanonicalIndication:
    """One indication of the knowledge base, with every row, regimen and threshold stated for it."""

    indication_id: str
    name_fa: str | None
    name_en: str | None
    icd10: str | None
    icd10_title: str | None
    category: str | None
    aliases: tuple[str, ...]
    row_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    evidence: str | None
    regimen_count: int
    criteria_count: int
    conflict_count: int
    in_lexicon: bool
    review_reasons: tuple[Reason, ...] = ()

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


@cache
def _plain(cls: type) -> frozenset[str] | None:
    """The field names of a dataclass whose __init__ only stores its fields (every field in __init__, no
    __post_init__, no slots): a copy with some fields changed is then exactly what replace() builds."""
    names = [f.name for f in fields(cls)]
    if hasattr(cls, "__post_init__") or hasattr(cls, "__slots__") or any(not f.init for f in fields(cls)):
        return None
    return frozenset(names)


def evolve(record, **changes):
    """dataclasses.replace(record, **changes) for these frozen records, ten times cheaper: replace() runs
    __init__ again over every field (a Regimen has fifty), this copies the record's fields and sets the
    changed ones. Same result (equal, same repr and hash); any other dataclass goes through replace()."""
    names = _plain(type(record))
    if names is None or not names.issuperset(changes):
        return replace(record, **changes)
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


@cache
def _defaults(cls: type) -> dict | None:
    """Field name -> default (MISSING when required) in field order, for a plain dataclass whose
    defaults are plain values (a default_factory must run per record: then None)."""
    if _plain(cls) is None or any(f.default_factory is not MISSING for f in fields(cls)):
        return None
    return {f.name: f.default for f in fields(cls)}


@cache
def _required(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING)


def make(cls: type, **values):
    """cls(**values) for these frozen records without the frozen __init__'s field-by-field setattr (a
    Regimen has fifty fields): the same record, its fields stored in the same order. Anything else
    (an unknown or a missing field, another kind of class) goes through cls(**values) and its error."""
    return make_from(cls, values)


def make_from(cls: type, values: dict):
    """make(cls, **values) from a dict the caller built (a dict display, not fifty keywords unpacked into
    the call and gathered again). The names are checked on the record itself, at no cost per field: the
    defaults fill every field in field order, so an unknown name is one key more, and a required field
    left out still holds MISSING; either goes through cls(**values) and its error."""
    defaults = _defaults(cls)
    if defaults is None:
        return cls(**values)
    record = object.__new__(cls)
    stored = record.__dict__
    stored.update(defaults)  # every field in field order (a required one's MISSING is overwritten next)
    stored.update(values)  # keys already there keep their place: the order stays the fields' order
    if len(stored) != len(defaults):
        return cls(**values)
    for name in _required(cls):
        if stored[name] is MISSING:
            return cls(**values)
    return record
