"""Other PDF renditions of the circular, made for the tests from what the text rendition reads.

A small typesetter on reportlab: the letter on page 1, the title and a ruled table whose header is
repeated on every page, the notes after it; any page size, column order and widths, font, Persian
or ASCII digits, and Arabic presentation forms (arabic_reshaper) or plain letters. Each line is
wrapped in logical order and laid out in visual order by python-bidi's forward algorithm, with the
strong context of the lines around it, as a renderer resolves a paragraph and reorders its lines.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADER = {"drug": "نام دارو", "service": "کاربرد خدمت", "prescribers": "افراد صاحب صلاحیت جهت تجویز",
          "setting": "محل ارائه خدمت", "dosing": "تواتر خدمت (تعداد دفعات و فواصل خدمت)",
          "conditions": "شرایط تجویز", "recommendations": "توصیه ها"}
GROUP, SUB = "شرط تجویز", {"indication": "اندیکاسیون", "contraindication": "کنترا اندیکاسیون"}
_MARKS = {"AL": "\u061c", "R": "\u200f", "L": "\u200e"}
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


@dataclass(frozen=True)
class Layout:
    page: tuple[float, float]  # width, height in points
    columns: tuple[tuple[str, float], ...]  # (logical column, width share) from left to right
    size: float = 8.0
    margin: float = 36.0
    ascii_digits: bool = False
    presentation_forms: bool = False


class Maker:
    def __init__(self, path, layout: Layout):
        pdfmetrics.registerFont(TTFont("TestFont", FONT))
        self.layout, self.canvas = layout, canvas.Canvas(str(path), pagesize=layout.page)
        self.width = layout.page[0] - 2 * layout.margin
        total = sum(share for _, share in layout.columns)
        x, self.boxes = layout.margin, {}
        for column, share in layout.columns:
            self.boxes[column] = (x, x + self.width * share / total)
            x = self.boxes[column][1]
        self.leading = layout.size * 1.4
        self.y = layout.page[1] - layout.margin

    def text(self, logical: str) -> str:
        text = logical.translate(_PERSIAN_DIGITS) if self.layout.ascii_digits else logical
        return arabic_reshaper.reshape(text) if self.layout.presentation_forms else text

    def wrap(self, logical: str, width: float) -> list[str]:
        lines: list[str] = []
        for word in self.text(logical).split():
            if pdfmetrics.stringWidth(word, "TestFont", self.layout.size) > width:
                raise ValueError(f"{word!r} is wider than its column: choose wider columns")
            if lines and pdfmetrics.stringWidth(lines[-1] + " " + word, "TestFont", self.layout.size) <= width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return lines

    def draw_lines(self, lines: list[str], x0: float, x1: float, top: float) -> None:
        """Right-aligned lines of one paragraph, each in visual order."""
        for n, line in enumerate(_bracket_marks(lines)):
            before = _last_strong(" ".join(lines[:n]))
            after = _first_strong(lines[n + 1]) if n + 1 < len(lines) else None
            shown = get_display(_MARKS.get(before, "") + line + _MARKS.get(after, ""), base_dir="R")
            shown = shown.translate({ord(m): None for m in _MARKS.values()})
            self.canvas.setFont("TestFont", self.layout.size)
            width = pdfmetrics.stringWidth(shown, "TestFont", self.layout.size)
            self.canvas.drawString(x1 - width, top - (n + 1) * self.leading + 2, shown)

    def paragraph(self, logical: str) -> None:
        lines = self.wrap(logical, self.width)
        if self.y - len(lines) * self.leading < self.layout.margin:
            self.new_page()
        self.draw_lines(lines, self.layout.margin, self.layout.margin + self.width, self.y)
        self.y -= len(lines) * self.leading + self.leading / 2

    def new_page(self) -> None:
        self.canvas.showPage()
        self.y = self.layout.page[1] - self.layout.margin

    def row(self, cells: dict[str, str], merged: tuple[str, ...] = ()) -> float:
        """Draw a ruled row (cells spanning the merged columns as one); give its height."""
        pad = 3.0
        wrapped = {c: self.wrap(t, self.boxes[c][1] - self.boxes[c][0] - 2 * pad) for c, t in cells.items() if t}
        height = max([len(v) for v in wrapped.values()] + [1]) * self.leading + 2 * pad
        for column, (x0, x1) in self.boxes.items():
            if column in merged[1:]:
                continue
            if merged and column == merged[0]:
                x0, x1 = min(self.boxes[c][0] for c in merged), max(self.boxes[c][1] for c in merged)
            self.canvas.rect(x0, self.y - height, x1 - x0, height)
            if column in wrapped:
                self.draw_lines(wrapped[column], x0 + pad, x1 - pad, self.y - pad)
        self.y -= height
        return height

    def header(self) -> None:
        group = tuple(c for c, _ in self.layout.columns if c in SUB)
        self.row({**HEADER, group[0]: GROUP}, merged=group)
        self.row(dict(SUB))

    def fits(self, cells: dict[str, str]) -> bool:
        pad = 3.0
        lines = max(len(self.wrap(t, self.boxes[c][1] - self.boxes[c][0] - 2 * pad)) for c, t in cells.items() if t)
        return self.y - lines * self.leading - 2 * pad >= self.layout.margin


def make_circular_pdf(path, layout: Layout, letter: list[str], title: str, shared: dict[str, str],
                      rows: list[dict[str, str]], notes: list[str]) -> None:
    """The circular typeset: letter on page 1, then title, table (header on every page), notes."""
    maker = Maker(path, layout)
    for line in letter:
        maker.paragraph(line)
    maker.new_page()
    maker.paragraph(title)
    maker.header()
    for n, cells in enumerate(rows):
        cells = {**shared, **cells} if n == 0 else cells
        if not maker.fits(cells):
            maker.new_page()
            maker.header()
        maker.row(cells)
    maker.y -= maker.leading
    maker.paragraph("ملاحظات تجویز دارو:")
    for note in notes:
        maker.paragraph(note)
    maker.canvas.save()


def _bracket_marks(lines: list[str]) -> list[str]:
    """Lines with each bracket whose partner is on another line wrapped in marks of the pair's class:
    the UBA resolves a bracket pair over the whole paragraph (N0), python-bidi sees one line."""
    marks: dict[tuple[int, int], str] = {}
    stack: list[tuple[int, int, str]] = []
    for n, line in enumerate(lines):
        for k, ch in enumerate(line):
            if ch == "(":
                stack.append((n, k, _last_strong(" ".join(lines[:n]) + " " + line[:k]) or "R"))
            elif ch == ")" and stack:
                m, j, before = stack.pop()
                inside = lines[m][j + 1:] + " ".join(lines[m + 1:n]) + (line[:k] if m != n else "")
                kinds = {unicodedata.bidirectional(c) for c in inside}
                if m != n and kinds & {"R", "AL", "EN", "AN", "L"}:
                    cls = "R" if kinds & {"R", "AL", "EN", "AN"} else ("L" if before == "L" else "R")
                    marks[(m, j)] = marks[(n, k)] = cls
    return ["".join(_MARKS[marks[(n, k)]] + ch + _MARKS[marks[(n, k)]] if (n, k) in marks else ch
                    for k, ch in enumerate(line)) for n, line in enumerate(lines)]


def _strongs(text: str) -> list[str]:
    kinds = (unicodedata.bidirectional(ch) for ch in text)
    return [k for k in kinds if k in ("L", "R", "AL")]


def _last_strong(text: str) -> str | None:
    found = _strongs(text)
    return found[-1] if found else None


def _first_strong(text: str) -> str | None:
    found = _strongs(text)
    return found[0] if found else None
