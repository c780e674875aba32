"""The circular's text rendition -> Grid: letter, table pages (header lines and data lines), notes.

The text is an extraction of a PDF: one table row per line, cells separated by tabs, the header
repeated at the top of each page. A page starts wherever a header line stands.
"""
from __future__ import annotations

import re

from ..lexicon import load
from ..normalize.fa import loose_key
from ..records import Grid, GridLine, GridPage
from .layout import header_labels, is_header, subheader_labels

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _title_at(lines: list[str], first_header: int) -> int | None:
    """The line that names the table: the last non-empty line before its first header."""
    return next((i for i in range(first_header - 1, -1, -1) if lines[i].strip()), None)


def _letter_and_title(lines: list[str], first_header: int) -> tuple[tuple[str, ...], str | None]:
    """The letter's lines (before the table's title) and the title."""
    title_at = _title_at(lines, first_header)
    if title_at is None:
        return tuple(lines[:first_header]), None
    return tuple(lines[:title_at]), lines[title_at].strip()


def _subheader(cells: list[tuple[str, ...]], start: int, end: int) -> tuple[str, ...] | None:
    """The line under a header that names the condition group's sub-columns, if the header has a group."""
    if start + 1 >= end or "condition_group" not in header_labels(cells[start]).values():
        return None
    return cells[start + 1] if subheader_labels(cells[start + 1]) else None


def _page(lines: list[str], cells: list[tuple[str, ...]], number: int, start: int, end: int
          ) -> tuple[GridPage, list[GridLine]]:
    """One table page (a header line up to the next): its data lines, and lines without cells."""
    sub = _subheader(cells, start, end)
    rows: list[GridLine] = []
    stray: list[GridLine] = []
    for i in range(start + (2 if sub else 1), end):
        if lines[i].strip():
            line = GridLine(cells[i], number, i + 1, lines[i])
            (rows if "\t" in lines[i] else stray).append(line)
    return GridPage(number, cells[start], sub, tuple(rows)), stray


def text_to_grid(text: str) -> Grid:
    """Split the decoded text into the letter, the table's pages and the notes after it."""
    lines = [line.replace("\f", "") for line in _LINE_BREAK.split(text)]
    cells = [tuple(line.split("\t")) for line in lines]
    headers = [i for i, c in enumerate(cells) if "\t" in lines[i] and is_header(c)]
    if not headers:
        return Grid(tuple(lines), None, (), (), ())
    last_row = max(i for i, line in enumerate(lines) if "\t" in line and line.strip())
    pages: list[GridPage] = []
    stray: list[GridLine] = []
    # The letter is page 1; each header line opens the next page.
    for number, start in enumerate(headers, start=2):
        end = next((h for h in headers if h > start), last_row + 1)
        page, page_stray = _page(lines, cells, number, start, end)
        pages.append(page)
        stray += page_stray
    letter, title = _letter_and_title(lines, headers[0])
    return Grid(letter, title, tuple(pages), tuple(line for line in lines[last_row + 1:] if line.strip()),
                tuple(stray))


def notes_to_paragraphs(lines: tuple[str, ...]) -> list[str]:
    """The notes' lines without their heading: one paragraph per line."""
    headings = [loose_key(h) for h in load("circular_layout.yaml")["notes_headings"]]
    return [line.strip() for line in lines
            if line.strip() and not any(loose_key(line) == h for h in headings)]
