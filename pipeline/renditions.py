"""Readings of the same circular from several files (text, PDF) -> one Document and one set of rows.

The doc_id comes from the letter (issuer, date, number), so two files that carry the same letter are
one document. Its rows are read from every rendition: rows are paired by their indication, in
order; where the renditions agree a row is one row with all its provenances; where they disagree
the first rendition's reading is kept (text before PDF, so the value is deterministic) and the row is
flagged with every reading, for a curator to settle. Nothing is dropped: a row only one rendition
has is kept and flagged.
"""
from __future__ import annotations

from dataclasses import fields, replace
from difflib import SequenceMatcher

from .normalize.fa import loose_key
from .records import ROW_COLUMNS, CircularReading, Document, Flag, Reason, SourceRow

# Which rendition's reading is kept when they disagree: the text before the PDF.
RENDITION_PRIORITY = {"text": 0, "html": 1, "pdf": 2}


def merge_renditions(readings: list[tuple[Document, CircularReading]]) -> tuple[Document, CircularReading]:
    """The readings of one doc_id (one per file) -> the document and its reading."""
    readings = sorted(readings, key=lambda dr: (RENDITION_PRIORITY.get(dr[0].format, 9), dr[0].renditions[0].file))
    document, reading = readings[0]
    for other_doc, other in readings[1:]:
        document, reading = _fold(document, reading, other_doc, other)
    return document, reading


def _fold(doc: Document, reading: CircularReading, other_doc: Document,
          other: CircularReading) -> tuple[Document, CircularReading]:
    kept, added = _name(doc), _name(other_doc)
    flags = list(reading.flags)
    flags.extend(_letter_flags(doc, reading, other, kept, added))
    rows, paired, extra_in, extra_joined = _merge_rows(reading.rows, other.rows, kept, added, flags)
    # the other rendition's own flags, but not those about rows folded into this one (_pair re-raises them)
    flags.extend(f for f in other.flags if f.row_id is None or f.row_id not in paired)
    formats = "+".join(sorted(set(doc.format.split("+")) | {other_doc.format}))
    document = replace(doc, format=formats, renditions=doc.renditions + other_doc.renditions)
    merged = replace(reading, rows=tuple(rows), flags=tuple(flags), lines_in=reading.lines_in + extra_in,
                     lines_joined=reading.lines_joined + extra_joined)
    return document, merged


def _name(doc: Document) -> str:
    return f"{doc.format} ({', '.join(r.file for r in doc.renditions)})"


def _key(row: SourceRow) -> str:
    return loose_key(row.cell("indication")) or loose_key(row.text)[:80]


def _merge_rows(rows: tuple[SourceRow, ...], others: tuple[SourceRow, ...], kept: str, added: str,
                flags: list[Flag]) -> tuple[list[SourceRow], set[str], int, int]:
    """Pair the rows by indication, in order; fold each pair; keep unpaired rows, flagged, where they
    stand. Gives the rows, the other rendition's paired row ids, and the table lines it adds."""
    out: list[SourceRow] = []
    paired: set[str] = set()
    taken = {row.row_id for row in rows}
    extra_in = extra_joined = 0
    matcher = SequenceMatcher(None, [_key(r) for r in rows], [_key(r) for r in others], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(_pair(a, b, kept, added, flags) for a, b in zip(rows[i1:i2], others[j1:j2]))
            paired.update(b.row_id for b in others[j1:j2])
            continue
        for row in rows[i1:i2]:
            out.append(_only_in(row, kept, added, flags))
        for row in others[j1:j2]:
            joined = sum(1 for r in row.repairs if r.startswith("continued:"))
            extra_in, extra_joined = extra_in + 1 + joined, extra_joined + joined
            if row.row_id in taken:  # an indication both have, but not at this place in the table
                row = replace(row, row_id=f"{row.row_id}-{row.renditions[0]}" if row.renditions else row.row_id + "-2")
            taken.add(row.row_id)
            out.append(_only_in(row, added, kept, flags))
    return [replace(row, row_number=n) for n, row in enumerate(out, start=1)], paired, extra_in, extra_joined


def _pair(row: SourceRow, other: SourceRow, kept: str, added: str, flags: list[Flag]) -> SourceRow:
    reasons = list(row.review_reasons)
    for column in ROW_COLUMNS:
        if row.cell(column) != other.cell(column):
            message = f"{column}: {kept} reads {row.cell(column)!r}; {added} reads {other.cell(column)!r}"
            reasons.append(Reason("renditions_differ", message, column))
            flags.append(Flag("renditions_differ", message, doc_id=row.doc_id, row_id=row.row_id, field=column))
    for reason in other.review_reasons:
        if reason not in reasons:
            reasons.append(reason)
            flags.append(Flag(reason.code, f"{added}: {reason.message}", doc_id=row.doc_id, row_id=row.row_id))
    return replace(row, review_reasons=tuple(reasons), renditions=row.renditions + other.renditions,
                   pdf_pages=row.pdf_pages + other.pdf_pages, pdf_boxes=row.pdf_boxes + other.pdf_boxes)


def _only_in(row: SourceRow, present: str, absent: str, flags: list[Flag]) -> SourceRow:
    message = f"the row is read from {present} only; {absent} has no row with its indication"
    flags.append(Flag("rendition_row_missing", message, doc_id=row.doc_id, row_id=row.row_id))
    return replace(row, review_reasons=row.review_reasons + (Reason("rendition_row_missing", message),))


def _letter_flags(doc: Document, reading: CircularReading, other: CircularReading, kept: str,
                  added: str) -> list[Flag]:
    """The letter, the shared cells and the notes must read the same in every rendition."""
    flags = []
    for item in fields(reading.letter):
        a, b = getattr(reading.letter, item.name), getattr(other.letter, item.name)
        if a != b:
            flags.append(Flag("renditions_differ", f"letter {item.name}: {kept} reads {a!r}; {added} reads {b!r}",
                              doc_id=doc.doc_id, field=f"letter.{item.name}"))
    if reading.shared != other.shared:
        flags.append(Flag("renditions_differ", f"shared cells: {kept} reads {reading.shared!r}; {added} reads "
                                               f"{other.shared!r}", doc_id=doc.doc_id, field="shared"))
    if reading.notes != other.notes:
        flags.append(Flag("renditions_differ", f"notes: {kept} and {added} read them differently",
                          doc_id=doc.doc_id, field="notes"))
    return flags
