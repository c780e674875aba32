"""A circular's rendition -> (Document, CircularReading): the letter, the table's rows, the notes."""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import replace
from functools import cache

from ..errors import DocumentError
from ..lexicon import load
from ..normalize.fa import loose_key, normalize_fa
from ..records import CircularReading, Document, Flag, Grid, Rendition, SourceFile
from .letter import lines_to_letter
from .rows import pages_to_rows
from .text_grid import notes_to_paragraphs, text_to_grid



@cache
def _prescriber_split() -> re.Pattern:
    """"... متخصص زنان و زایمان و فوق تخصص خون" names two prescribers: split on "و" before a title
    (data/circular_layout.yaml)."""
    rules = load("circular_layout.yaml")
    commas = "|".join(map(re.escape, rules["prescriber_separators"]))
    titles = "|".join(sorted(map(re.escape, rules["prescriber_titles"]), key=len, reverse=True))
    return re.compile(rf"\s*(?:{commas})\s*|\s+{re.escape(rules['prescriber_and'])}\s+(?=(?:{titles}))")


def circular_doc_id(letter, grid: Grid) -> str:
    """Stable id from what the circular is (issuer, date, letter number), never from a file path.

    Every rendition of the same letter gets the same id; without a date and number the id falls
    back to a digest of the table's letters.
    """
    if letter.date_jalali and letter.letter_number:
        parts = re.split(r"[/\\-]", letter.letter_number)
        serial = next((p for p in reversed(parts) if any(ch.isdigit() for ch in p)), parts[-1])
        return f"{letter.issuer_code or 'circular'}-{letter.date_jalali.replace('/', '-')}-{loose_key(serial)}"
    table = "".join(loose_key(c) for page in grid.pages for line in page.lines for c in line.cells)
    return "circular-" + hashlib.sha256(table.encode()).hexdigest()[:12]


def grid_to_reading(grid: Grid, name: str) -> tuple[str, CircularReading]:
    """A rendition's grid -> its doc_id and everything read from it."""
    if not grid.pages:
        raise DocumentError(name, "no prescription table found (no header line naming its columns)")
    letter, flags = lines_to_letter(list(grid.letter_lines), grid.title)
    doc_id = circular_doc_id(letter, grid)
    result = pages_to_rows(grid.pages, doc_id)
    notes_raw = tuple(notes_to_paragraphs(grid.notes_lines))
    reading = CircularReading(
        letter=letter, shared=dict(result.shared), rows=result.rows, notes=tuple(normalize_fa(n) for n in notes_raw),
        notes_raw=notes_raw,
        flags=tuple(f if f.doc_id else replace(f, doc_id=doc_id)
                    for f in (*grid.flags, *flags, *result.flags, *_stray_flags(grid, doc_id),
                              *_doses_outside(letter.body, notes_raw, doc_id))),
        lines_in=result.lines_in, lines_joined=result.lines_joined)
    return doc_id, reading


def _stray_flags(grid: Grid, doc_id: str) -> list[Flag]:
    """A line inside the table with no cells (a cell's text wrapped onto a line of its own) is read into
    no row: flagged with its words for review, never dropped silently; a page number is noted (info)."""
    furniture = [re.compile(p, re.I) for p in load("circular_layout.yaml")["page_furniture"]]
    flags = []
    for line in grid.stray:
        words = normalize_fa(line.raw)
        if any(p.match(words) for p in furniture):
            flags.append(Flag("page_furniture", f"line {line.line} (page {line.page}) '{words}' is the page's, "
                              "not the table's", severity="info", doc_id=doc_id, table="documents", target=doc_id))
            continue
        flags.append(Flag("table_line_without_cells", f"line {line.line} (page {line.page}) inside the table has "
                          f"no tab-separated cells and was read into no row: '{line.raw.strip()[:160]}'",
                          doc_id=doc_id, table="documents", target=doc_id))
    return flags


def _doses_outside(body: str | None, notes: tuple[str, ...], doc_id: str) -> list[Flag]:
    """A dose written in the letter or in the notes after the table belongs to no row: flagged with its
    words (the table is what is read into regimens), never passed over silently."""
    from ..statements.dosing_adapter import looks_like_dose

    return [Flag("dose_outside_table", f"the {where} writes a dose that no row of the table holds: "
                 f"'{normalize_fa(text)[:200]}'", doc_id=doc_id, table="documents", target=doc_id)
            for where, text in [("letter", body or ""), *(("notes", n) for n in notes)]
            if looks_like_dose(normalize_fa(text))]


def split_prescribers(text: str) -> list[str]:
    return [p.strip() for p in _prescriber_split().split(text or "") if p.strip()]


def read_circular_text(source: SourceFile) -> tuple[Document, CircularReading]:
    """The circular's text rendition -> its Document and reading."""
    doc_id, reading = grid_to_reading(text_to_grid(source.text or ""), source.name)
    rows = tuple(replace(row, renditions=(source.name,)) for row in reading.rows)
    reading = replace(reading, rows=rows)
    return _document(doc_id, reading, source), reading


def read_circular_pdf(source: SourceFile) -> tuple[Document, CircularReading]:
    """The circular's PDF rendition -> its Document and reading (DocumentError when unreadable)."""
    from .pdf_grid import pdf_to_grid  # pdfplumber is imported only when a PDF is read

    pdf = io.BytesIO(source.data) if source.data is not None else source.path
    doc_id, reading = grid_to_reading(pdf_to_grid(pdf, source.name), source.name)
    rows = tuple(replace(row, renditions=(source.name,), pdf_pages=row.pages) for row in reading.rows)
    reading = replace(reading, rows=rows)
    return _document(doc_id, reading, source), reading


def _document(doc_id: str, reading: CircularReading, source: SourceFile) -> Document:
    rendition = Rendition(source.name, source.format, source.sha256, source.encoding)
    return Document(doc_id=doc_id, lang="fa", kind="circular", format=source.format, sha256=source.sha256,
                    renditions=(rendition,), letter=reading.letter, shared=reading.shared,
                    notes=reading.notes, notes_raw=reading.notes_raw)
