"""pdfplumber characters -> text lines in logical order, a paragraph (a cell, a letter line) at a time.

Characters are grouped into lines by their vertical middle (fonts of different sizes on one line
keep their baselines close, not their tops), ordered left to right, and given a space where the
producer left a gap instead of a space glyph. Each glyph's text is folded with NFKC, so Arabic
presentation forms and the lam-alef ligature become plain letters in logical order. The lines of a
paragraph are then put in logical order by pdf.bidi, each with the strong context of the lines
around it and with brackets opened on one line and closed on another resolved as the UBA resolves
a pair (rule N0).
"""
from __future__ import annotations

import itertools
import statistics
import unicodedata
from dataclasses import dataclass

from pdfplumber.utils import cluster_objects

from .bidi import LineText, unit_class, visual_to_logical

# A line is the characters whose vertical middles lie within this share of the font size.
_LINE_TOLERANCE = 0.35
# A gap wider than this share of the font size between two glyphs is a space the producer did not write.
_SPACE_GAP = 0.25
_OPEN, _CLOSE = "([{", ")]}"


@dataclass(frozen=True)
class VisualLine:
    """One line of glyphs as placed on the page: their texts left to right and where they stand."""

    units: tuple[str, ...]
    x0: float
    x1: float
    middle: float
    size: float
    boxes: tuple[tuple[float, float], ...]  # each unit's left and right x

    def first_word_width(self) -> float:
        """Width of what may be the line's first word in reading order: the first word of the line
        read alone, or, since the paragraph's context may read it otherwise, the leftmost word of the
        Latin and number stretch at its right end; the wider of the two."""
        def word(positions) -> list[int]:
            return list(itertools.takewhile(lambda i: self.units[i] != " ", positions))

        candidates = [word(visual_to_logical(list(self.units)).order)]
        right_end = itertools.takewhile(lambda i: unit_class(self.units[i]) != "R", reversed(range(len(self.units))))
        stretch = [i for i in right_end if self.units[i] != " "]
        if stretch:
            candidates.append(word(range(stretch[-1], len(self.units))))
        return max(self._width(w) for w in candidates)

    def _width(self, positions: list[int]) -> float:
        if not positions:
            return 0.0
        return max(self.boxes[i][1] for i in positions) - min(self.boxes[i][0] for i in positions)


@dataclass(frozen=True)
class PdfLine:
    """A line of a paragraph: its logical text and whether python-bidi confirmed the reading."""

    text: str
    verified: bool
    visual: str  # the glyphs' text left to right, for a curator who checks a flagged line
    reading: LineText


def chars_to_lines(chars: list[dict]) -> list[VisualLine]:
    """Characters of one area (a cell, a page's text) -> its lines, top to bottom."""
    chars = [c for c in chars if c.get("text")]
    if not chars:
        return []
    size = statistics.median(c["size"] for c in chars) or 1.0
    rows = cluster_objects(chars, _middle, _LINE_TOLERANCE * size)
    lines = [_visual_line(sorted(row, key=lambda c: c["x0"])) for row in rows]
    return sorted((line for line in lines if line.units), key=lambda line: line.middle)


def _middle(char: dict) -> float:
    return (char["top"] + char["bottom"]) / 2


def _visual_line(chars: list[dict]) -> VisualLine:
    units: list[str] = []
    boxes: list[tuple[float, float]] = []
    previous = None
    for char in chars:
        text = unicodedata.normalize("NFKC", char["text"])
        gap = previous is not None and char["x0"] - previous["x1"] > _SPACE_GAP * max(char["size"], previous["size"])
        if (text.isspace() or gap) and units and units[-1] != " ":
            units.append(" ")
            boxes.append((previous["x1"], char["x0"] if gap else char["x1"]))
        previous = char
        if not text.isspace():
            units.append(text)
            boxes.append((char["x0"], char["x1"]))
    if units and units[-1] == " ":
        units.pop()
        boxes.pop()
    return VisualLine(tuple(units), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                      statistics.median(_middle(c) for c in chars), statistics.median(c["size"] for c in chars),
                      tuple(boxes))


def lines_to_paragraphs(lines: list[VisualLine], left: float) -> list[list[VisualLine]]:
    """Lines of a right-to-left block -> its paragraphs. A line ends its paragraph when the next
    line's first word would have fitted in the room it leaves before the block's left edge."""
    paragraphs: list[list[VisualLine]] = []
    for line in lines:
        if paragraphs:
            last = paragraphs[-1][-1]
            room = last.x0 - left - last.size
            if room <= line.first_word_width():
                paragraphs[-1].append(line)
                continue
        paragraphs.append([line])
    return paragraphs


def join_lines(texts: list[str]) -> str:
    """A paragraph's logical lines -> one text: a space at each break, none after a line-final hyphen
    ("Lennox-" + "Gastaut") or opening bracket, none before a line-opening closing bracket."""
    out = ""
    for text in texts:
        if not text:
            continue
        glue = "" if not out or out[-1] in "-" + _OPEN or text[0] in _CLOSE else " "
        out += glue + text
    return out


def _guess_first_strong(units: tuple[str, ...]) -> str | None:
    """Before a line is read, its logical start is the strong glyph nearest its right edge."""
    for unit in reversed(units):
        cls = unit_class(unit)
        if cls in ("R", "L"):
            return "AL" if cls == "R" else "L"
    return None


def paragraph_to_lines(paragraph: list[VisualLine], leading: tuple[PdfLine, ...] = ()) -> list[PdfLine]:
    """The visual lines of one paragraph -> its logical lines (two passes: the second knows the
    context of every neighbour and the brackets that span lines). leading: the lines that went
    before it when it goes on from another page's cell."""
    lines = [list(line.units) for line in paragraph]
    carried = [line.reading for line in leading]
    before = next((r.last_strong for r in reversed(carried) if r.last_strong), None)
    guesses = [_guess_first_strong(u) for u in lines[1:]] + [None]
    lead = leading[-1].text if leading else ""
    first = _read(lines, guesses, [{} for _ in lines], before, lead)
    after = [first[i + 1].first_strong if i + 1 < len(first) else None for i in range(len(first))]
    forced = _spanning_brackets(carried + first)[len(carried):]
    second = _read(lines, after, forced, before, lead)
    return [PdfLine(r.text, r.verified, "".join(u), r) for r, u in zip(second, lines)]


def leaves_bracket_open(lines: list[PdfLine]) -> bool:
    """Does the paragraph open a bracket it does not close (so that the next page's cell goes on)?"""
    text = "".join(line.text for line in lines)
    return sum(text.count(b) for b in _OPEN) > sum(text.count(b) for b in _CLOSE)


def _read(lines: list[list[str]], after: list[str | None], forced: list[dict[int, str]],
          before: str | None, lead: str) -> list[LineText]:
    out: list[LineText] = []
    for i, units in enumerate(lines):
        line = visual_to_logical(units, before, after[i], forced[i], lead)
        out.append(line)
        before, lead = line.last_strong or before, line.text
    return out


def _spanning_brackets(lines: list[LineText]) -> list[dict[int, str]]:
    """Brackets whose partner is on another line -> {visual position: class of the pair} per line."""
    forced: list[dict[int, str]] = [{} for _ in lines]
    stack: list[tuple[int, int, list[str], str | None]] = []  # line, logical position, inside, before
    last: str | None = None
    for n, line in enumerate(lines):
        for k, ch in enumerate(line.units):
            if ch in _OPEN:
                stack.append((n, k, [], last))
            elif ch in _CLOSE and stack:
                m, j, inside, before = stack.pop()
                if m != n:
                    cls = _pair_class(inside, before)
                    if cls:
                        forced[m][lines[m].order[j]] = cls
                        forced[n][line.order[k]] = cls
            kind = _kind(ch)
            if kind:
                for entry in stack:
                    entry[2].append(kind)
                last = kind
    return forced


def _kind(unit: str) -> str | None:
    cls = unit_class(unit)
    return {"R": "R", "N": "R", "L": "L"}.get(cls)


def _pair_class(inside: list[str], before: str | None) -> str | None:
    """UBA N0 in a right-to-left paragraph: R inside makes the pair R; only L inside makes it L when
    L also stands before the opening bracket; nothing strong inside leaves it to the neighbours."""
    if "R" in inside:
        return "R"
    if "L" in inside:
        return "L" if before == "L" else "R"
    return None
