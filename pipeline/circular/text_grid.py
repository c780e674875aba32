"""The circular's text rendition -> Grid: letter, table pages (header lines and data lines), notes.

The text is an extraction of a PDF: one table row per line, cells separated by tabs, the header
repeated at the top of each page. A page starts wherever a header line stands.
"""
from __future__ import annotations

import re

from ..lexicon import load
from ..normalize.fa import loose_key
from ..records import Grid, GridLine, GridPage
from .layout import is_header, subheader_labels

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_to_grid(text: str) -> Grid:
    """Split the decoded text into the letter, the table's pages and the notes after it."""
    lines = [line.replace("\f", "") for line in _LINE_BREAK.split(text)]
    cells = [tuple(line.split("\t")) for line in lines]
    headers = [i for i, c in enumerate(cells) if "\t" in lines[i] and is_header(c)]
    if not headers:
        return Grid(tuple(lines), None, (), (), ())
    first = headers[0]
    last_row = max(i for i, line in enumerate(lines) if "\t" in line and line.strip())
    title_at = next((i for i in range(first - 1, -1, -1) if lines[i].strip()), None)
    letter = tuple(lines[:title_at if title_at is not None else first])
    title = lines[title_at].strip() if title_at is not None else None

    pages: list[GridPage] = []
    stray: list[GridLine] = []
    # The letter is page 1; each header line opens the next page.
    for number, start in enumerate(headers, start=2):
        end = next((h for h in headers if h > start), last_row + 1)
        sub = cells[start + 1] if start + 1 < end and subheader_labels(cells[start + 1]) else None
        body_from = start + (2 if sub else 1)
        rows: list[GridLine] = []
        for i in range(body_from, end):
            if not lines[i].strip():
                continue
            line = GridLine(cells[i], number, i + 1, lines[i])
            (rows if "\t" in lines[i] else stray).append(line)
        pages.append(GridPage(number, cells[start], sub, tuple(rows)))
    notes = tuple(line for line in lines[last_row + 1:] if line.strip())
    return Grid(letter, title, tuple(pages), notes, tuple(stray))


def notes_to_paragraphs(lines: tuple[str, ...]) -> list[str]:
    """The notes' lines without their heading: one paragraph per line."""
    headings = [loose_key(h) for h in load("circular_layout.yaml")["notes_headings"]]
    return [line.strip() for line in lines
            if line.strip() and not any(loose_key(line) == h for h in headings)]
