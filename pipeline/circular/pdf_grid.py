"""The circular's PDF rendition -> Grid: letter, title, table pages (header lines and data lines), notes.

The same Grid as text_grid.py gives, so that the same rules (layout from header words, shifted
cells, continuations, repeats) apply to both renditions. Cells come from the table's ruling lines
(pdfplumber's table finder), never from column positions measured on one file; each cell's text is
read in logical order by pipeline.pdf. A table row whose words name the columns is a header (on
every page, in either orientation); the row after it that names indication and contraindication
is the sub-header. Text before the first table is the letter, its last line the table's title;
text after the last table is the notes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..pdf.document import opened
from ..pdf.lines import (PdfLine, chars_to_lines, join_lines, leaves_bracket_open, lines_to_paragraphs,
                         paragraph_to_lines)
from ..records import Flag, Grid, GridLine, GridPage, Reason
from .layout import is_header, subheader_labels


@dataclass
class _Text:
    """What was read from one area of a page: its paragraphs and the doubts about its lines."""

    paragraphs: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the same text line by line, as printed
    doubts: list[str] = field(default_factory=list)
    last: list[PdfLine] = field(default_factory=list)  # the last paragraph's lines


def pdf_to_grid(path, name: str) -> Grid:
    """Open the PDF (a path or a binary stream; a DocumentError says why it cannot be read) and cut
    it into the Grid's parts."""
    with opened(path, name) as pdf:
        return pages_to_grid(pdf.pages)


def pages_to_grid(pages) -> Grid:
    """pdfplumber pages -> Grid."""
    before: list[str] = []  # text lines before the first table: the letter, then the title
    after: list[str] = []  # text after the last table: the notes
    grid_pages: list[GridPage] = []
    stray: list[GridLine] = []
    flags: list[Flag] = []
    header: tuple[tuple[str, ...], tuple[str, ...] | None] | None = None
    tails: dict[int, list[PdfLine]] = {}  # each column's last paragraph on the previous table page
    for page in pages:
        tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
        for area, table in _areas(page, tables):
            if table is None:
                text = _read_area(_inside(page.chars, area), page.page_number)
                flags.extend(Flag("pdf_bidi_unverified", d) for d in text.doubts)
                if not grid_pages:
                    # the letter is read line by line, as the text rendition gives it: a long line
                    # (an address) after a short one would fool the paragraph rule
                    before.extend(text.lines)
                else:
                    after.extend(text.paragraphs)
                continue
            stray.extend(GridLine((p,), page.page_number, None, p) for p in after)
            after = []
            grid_page, header, tails, layout_flags = _table_page(page, table, header, tails)
            flags.extend(layout_flags)
            if grid_page:
                grid_pages.append(grid_page)
    lines = [line for line in before if line.strip()]
    title = lines[-1] if grid_pages and lines else None
    letter = tuple(lines[:-1] if title else lines)
    return Grid(letter, title, tuple(grid_pages), tuple(after), tuple(stray), tuple(flags))


def _areas(page, tables):
    """The page cut top to bottom into text areas (bbox, None) and tables (bbox, table)."""
    left, top, right, bottom = page.bbox
    for table in tables:
        if table.bbox[1] > top:
            yield (left, top, right, table.bbox[1]), None
        yield table.bbox, table
        top = table.bbox[3]
    if top < bottom:
        yield (left, top, right, bottom), None


def _read_area(chars: list[dict], page_number: int, left: float | None = None,
               leading: list[PdfLine] | None = None) -> _Text:
    """Characters of an area -> its paragraphs in logical order (the letter's lines, a cell).
    leading: the lines a cell goes on from, when a bracket opened on the previous page is still open."""
    out = _Text()
    lines = chars_to_lines(chars)
    if not lines:
        return out
    edge = left if left is not None else min(line.x0 for line in lines)
    for n, paragraph in enumerate(lines_to_paragraphs(lines, edge)):
        read = paragraph_to_lines(paragraph, tuple(leading or ()) if n == 0 else ())
        out.last = read
        out.paragraphs.append(join_lines([line.text for line in read]))
        out.lines.extend(line.text for line in read)
        out.doubts.extend(
            f"page {page_number}: no reading of the line {line.visual!r} gives it back through the "
            f"bidirectional algorithm; read as {line.text!r}" for line in read if not line.verified)
    return out


def _inside(chars: list[dict], bbox) -> list[dict]:
    """The characters whose middle lies in the box."""
    x0, top, x1, bottom = bbox
    return [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]


def _table_page(page, table, header, tails):
    """One table -> its GridPage (header lines and data lines), the header in force, each column's
    last paragraph (for the next page), flags."""
    chars = _inside(page.chars, table.bbox)
    rows = [_read_row(chars, row.cells, page.page_number, {}) for row in table.rows]
    header, k, flags = _header_of(rows, header, page.page_number)
    if header is None:
        return None, header, {}, flags
    open_tails = {pos: tail for pos, tail in tails.items() if leaves_bracket_open(tail)}
    if k < len(rows) and open_tails:
        # the page's first row goes on from the previous page's last one where a bracket is still open
        rows[k] = _read_row(chars, table.rows[k].cells, page.page_number, open_tails)
    lines = tuple(GridLine(cells, page.page_number, None, "\t".join(cells), doubts, _box(table.rows[n].bbox))
                  for n, (cells, doubts, _) in enumerate(rows[k:], start=k) if any(c.strip() for c in cells))
    last = rows[-1][2] if len(rows) > k else {}
    return GridPage(page.page_number, header[0], header[1], lines), header, last, flags


def _header_of(rows, header, page_number: int) -> tuple[tuple | None, int, list[Flag]]:
    """The header a table's rows are read under (its own first row or two, else the previous page's),
    how many of its rows that header takes, and what to say of it; (None, 0, flag) when there is none."""
    if rows and is_header(rows[0][0]):
        sub = rows[1][0] if len(rows) > 1 and subheader_labels(rows[1][0]) else None
        return (rows[0][0], sub), (2 if sub else 1), []
    if header is None:
        return None, 0, [Flag("pdf_table_without_header", f"page {page_number}: a table before any header row; "
                                                          "its rows are not read")]
    return header, 0, [Flag("pdf_header_inherited", f"page {page_number}: the table repeats no header; the "
                                                    "previous page's header is used", severity="info")]


def _box(bbox) -> tuple[float, ...]:
    """A row's box on its page, in points to the hundredth (so that the provenance reads the same on
    every machine); the review page cuts the row's image from it."""
    return tuple(round(float(v), 2) for v in bbox)


def _read_row(chars, boxes, page_number: int, leading: dict[int, list[PdfLine]]):
    """A table row's cell boxes -> (cell texts, doubts, each cell's last paragraph)."""
    cells, doubts, last = [], [], {}
    present = [b for b in boxes if b is not None]
    if present:  # the row's band first: each cell then looks at the row's characters, not the table's
        chars = _inside(chars, (min(b[0] for b in present), min(b[1] for b in present),
                                max(b[2] for b in present), max(b[3] for b in present)))
    for pos, bbox in enumerate(boxes):
        if bbox is None:
            cells.append("")
            continue
        text = _read_area(_inside(chars, bbox), page_number, left=bbox[0], leading=leading.get(pos))
        cells.append(" ".join(text.paragraphs))
        doubts.extend(Reason("pdf_bidi_unverified", d) for d in text.doubts)
        if text.last:
            last[pos] = text.last
    return tuple(cells), tuple(doubts), last
