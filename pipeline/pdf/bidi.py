"""One line of glyphs in visual order (left to right) -> its text in logical order, checked by python-bidi.

A PDF places glyphs where they are seen: a right-to-left line holds its Persian reversed and its Latin
words and numbers left to right. Undoing that is the Unicode bidirectional algorithm (UBA) run
backwards. In a right-to-left paragraph without explicit embeddings every character ends at level 1
(right-to-left) or 2 (Latin letters, numbers and what the UBA binds to them), and the visual line
is the logical one reversed with each level-2 run put back. So the logical text follows from the
levels, and the levels of letters and digits are known (R 1, L and numbers 2); only the neutral
characters between them (spaces, punctuation) can go either way. Each way that the UBA allows is
tried, python-bidi's forward algorithm must give back the visual line, and among the readings that
do, the one Persian writers use wins: a number before its unit ("400 mg/kg", where the visual
order also fits "mg/kg 400"), then the fewest level-2 islands (what stands together on paper stays
together), then punctuation that sticks to its word. A line no reading fits is returned unverified
and the caller flags it: never a silent guess.
"""
from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from bidi import get_display

from ..lexicon import load

# Invisible characters of each strong class: they carry a neighbouring line's context into the check.
_MARKS = {"AL": "\u061c", "R": "\u200f", "L": "\u200e"}
_MARK_CHARS = str.maketrans("", "", "".join(_MARKS.values()))
# Beyond this many readings of one line, only the locally preferred ways of each neutral run are tried.
_MAX_READINGS = 512
_CLOSING = ("Pe", "Pf", "Po", "Pd")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


@dataclass(frozen=True)
class LineText:
    """A line's logical text, whether python-bidi's forward algorithm reproduces the visual line from
    it, and the first and last strong class it holds (context for the lines around it)."""

    text: str
    verified: bool
    first_strong: str | None
    last_strong: str | None
    units: tuple[str, ...] = ()  # the glyph texts in logical order
    order: tuple[int, ...] = ()  # the visual position of each of them


def unit_class(unit: str) -> str:
    """R (Arabic or Hebrew letter), L (Latin letter), N (digit) or X (neutral: space, punctuation, mark)."""
    kind = unicodedata.bidirectional(unit[0]) if unit else "WS"
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    if kind in ("EN", "AN"):
        return "N"
    return "X"


def _strong(unit: str) -> str | None:
    kind = unicodedata.bidirectional(unit[0]) if unit else "WS"
    return kind if kind in ("R", "AL", "L") else None


def _run_patterns(m: int, left: str, right: str) -> list[tuple[int, ...]]:
    """Levels a run of m neutrals may take between a left and a right neighbour (R, L or N).

    Between two right-to-left letters a neutral is right-to-left, between two Latin letters Latin
    (UBA N1). Next to a Latin word or a number it may belong to that word's island (level 2) at the
    side it touches, or stand apart (level 1): 2^p 1^q 2^r.
    """
    if left == "R" and right == "R":
        return [(1,) * m]
    if left == "L" and right == "L":
        return [(2,) * m]
    out: set[tuple[int, ...]] = set()
    for p in range(m + 1) if left != "R" else (0,):
        for r in range(m - p + 1) if right != "R" else (0,):
            out.add((2,) * p + (1,) * (m - p - r) + (2,) * r)
    return sorted(out)


def _logical_order(levels: list[int]) -> list[int]:
    """Visual positions in logical order: the line reversed, then each level-2 run put back (UBA L2)."""
    order = list(range(len(levels)))[::-1]
    out: list[int] = []
    for high, group in itertools.groupby(order, key=lambda i: levels[i] == 2):
        group = list(group)
        out.extend(group[::-1] if high else group)
    return out


@cache
def _unit_pattern() -> re.Pattern:
    units = sorted(load("pdf_reading.yaml")["latin_units"], key=len, reverse=True)
    unit = "(?:" + "|".join(re.escape(u) for u in units) + ")"
    number = r"\d+(?:[.,/]\d+)*(?:\s*-\s*\d+(?:[.,/]\d+)*)?"
    return re.compile(number + r"\s*" + unit + r"(?:\s*/\s*" + unit + r")*(?![A-Za-z])", re.I)


def _numbers_before_units(text: str) -> int:
    """How many numbers stand before a unit ("1-2gr/kg" counts two, "2gr/kg-1" one)."""
    return sum(len(_NUMBER.findall(match.group(0))) for match in _unit_pattern().finditer(text))


def _attachment_penalty(order: list[int], categories: list[str], neutrals: list[int],
                        bounded: tuple[bool, bool]) -> int:
    """Punctuation detached from its word: a closing or trailing mark (")", ".", "-", "%") after a
    space or an opening bracket, an opening bracket before a space or a closing mark, a space beside
    a space or an end of the line. bounded: whether a letter stands before / after the span."""
    where = {i: k for k, i in enumerate(order)}
    last = len(order) - 1
    outside_before, outside_after = ("Lo" if bounded[0] else "Zs"), ("Lo" if bounded[1] else "Zs")
    penalty = 0
    for i in neutrals:
        k = where[i]
        category = categories[i]
        before = categories[order[k - 1]] if k else outside_before
        after = categories[order[k + 1]] if k < last else outside_after
        if category in _CLOSING and before in ("Zs", "Ps", "Pi"):
            penalty += 1
        elif category in ("Ps", "Pi") and (after == "Zs" or after in _CLOSING):
            penalty += 1
        elif category == "Zs" and (before == "Zs" or after == "Zs"):
            penalty += 1
    return penalty


def _shows_as(units: tuple[str, ...], levels: list[int], order: list[int], before: str | None,
              after: str | None, forced: dict[int, str]) -> bool:
    """Does python-bidi's forward algorithm, given this logical reading and the strong classes around
    it, give back the visual units?"""
    logical = []
    for i in order:
        mark = _MARKS.get(forced.get(i, ""), "")
        logical.append(mark + units[i] + mark)
    text = _MARKS.get(before or "", "") + "".join(logical) + _MARKS.get(after or "", "")
    shown = get_display(text, base_dir="R").translate(_MARK_CHARS)
    # A glyph's text (the lam-alef ligature gives "لا") is in logical order: at level 1 it reads reversed.
    visual = "".join(u[::-1] if level == 1 else u for u, level in zip(units, levels))
    # Compared exactly: a bracket's code is the only thing that tells "(RIF)" read in place from
    # ")RIF(" read reversed, so folding mirrored pairs together confirmed readings python-bidi shows
    # with their brackets turned round (found with "400 (RIF) 400 (RIF) 400").
    return shown == visual


def _neutral_runs(classes: list[str], left: str, right: str) -> list[tuple[int, int, list[tuple[int, ...]]]]:
    """Each run of neutrals in a span (start, end) with the level patterns the UBA allows it between
    what stands on either side (a glyph of the span, or the span's neighbour at its ends)."""
    runs = []
    for neutral, group in itertools.groupby(range(len(classes)), key=lambda i: classes[i] == "X"):
        if neutral:
            group = list(group)
            start, end = group[0], group[-1] + 1
            runs.append((start, end, _run_patterns(end - start, classes[start - 1] if start else left,
                                                   classes[end] if end < len(classes) else right)))
    return runs


def _span_readings(classes: list[str], left: str, right: str) -> list[list[int]]:
    """Every level assignment of a span (L and N glyphs and the neutrals around them) that the UBA
    allows between its neighbours (R letters, or the line's context at its ends)."""
    levels = [2 if c in "LN" else 0 for c in classes]
    choices = _neutral_runs(classes, left, right)
    if math.prod(len(patterns) for *_, patterns in choices) > _MAX_READINGS:
        # keep each run's plainest ways: all apart (level 1), or all with its neighbours
        choices = [(s, e, [p for p in pats if len(set(p)) == 1] or pats[:2]) for s, e, pats in choices]
    out = []
    for combo in itertools.product(*(patterns for *_, patterns in choices)):
        candidate = list(levels)
        for (start, end, _), pattern in zip(choices, combo):
            candidate[start:end] = pattern
        out.append(candidate)
    return out


def visual_to_logical(units: list[str], before: str | None = None, after: str | None = None,
                      forced: dict[int, str] | None = None, lead: str = "") -> LineText:
    """A right-to-left line's glyph texts in visual order -> its logical text.

    before/after: the strong class (AL, R or L) that precedes the line in its paragraph and follows it
    (None at the paragraph's edges); forced: visual positions of brackets whose partner stands on
    another line, with the class the UBA's bracket rule (N0) gives the pair; lead: the end of the
    paragraph's previous line (a number there may be the one before this line's first unit).
    """
    return _read(tuple(units), before, after, tuple(sorted((forced or {}).items())), lead[-24:])


@lru_cache(maxsize=4096)
def _read(units: tuple[str, ...], before: str | None, after: str | None,
          forced: tuple[tuple[int, str], ...], lead: str) -> LineText:
    classes = [unit_class(u) for u in units]
    levels = [1] * len(units)
    verified = True
    # R letters are level 1 whatever stands around them, and the UBA resolves what lies between two
    # of them from that stretch alone (with their classes as context): each stretch without R
    # letters is read on its own, so the readings to try add up instead of multiplying.
    for is_r, group in itertools.groupby(range(len(units)), key=lambda i: classes[i] == "R"):
        group = list(group)
        start, end = group[0], group[-1] + 1
        if is_r or all(classes[i] == "X" for i in group):
            continue
        right = _strong(units[end]) if end < len(units) else before
        left = _strong(units[start - 1]) if start else after
        span_levels, ok = _read_span(units[start:end], left, right,
                                     {i - start: c for i, c in forced if start <= i < end},
                                     lead if end == len(units) else "")
        levels[start:end] = span_levels
        verified = verified and ok
    order = _logical_order(levels)
    if verified and any(c != "R" for c in classes):
        # the stretches were checked one by one; the whole line is checked once more as it stands
        verified = _shows_as(units, levels, order, before, after, dict(forced))
    return _line(units, order, verified)


def _read_span(units: tuple[str, ...], left: str | None, right: str | None, forced: dict[int, str],
               lead: str) -> tuple[list[int], bool]:
    """The preferred level assignment of a span that python-bidi confirms (or the preferred one,
    unconfirmed). lead: what stands before the span in reading order, when it opens its line."""
    scored = _scored_readings(units, left, right, lead)
    for _, order, levels in scored:
        if _shows_as(units, levels, order, right, left, forced):
            return levels, True
    return scored[0][2], False


def _scored_readings(units: tuple[str, ...], left: str | None, right: str | None, lead: str) -> list[tuple]:
    """The span's readings, most likely first: (score, order, levels), the score preferring numbers
    before their units, fewer left-to-right islands, and neutrals attached to what they belong to."""
    classes = [unit_class(u) for u in units]
    categories = [unicodedata.category(u[0]) for u in units]
    neutrals = [i for i, c in enumerate(classes) if c == "X"]
    units_first = _numbers_before_units_counter(classes, lead)
    edge = {"L": "L"}
    scored = []
    for levels in _span_readings(classes, edge.get(left or "", "R"), edge.get(right or "", "R")):
        order = _logical_order(levels)
        penalty = _attachment_penalty(order, categories, neutrals, (right is not None, left is not None))
        scored.append(((-units_first(units, order), _islands(levels), penalty, levels), order, levels))
    scored.sort(key=lambda s: s[0])
    return scored


def _numbers_before_units_counter(classes: list[str], lead: str):
    """A function counting, in a reading's order, the numbers that stand before their units beyond
    those of the lead (0 for a span with no unit and no number to place)."""
    if not ("L" in classes and ("N" in classes or _NUMBER.search(lead))):
        return lambda units, order: 0
    lead = lead + " " if lead else ""
    counted_before = _numbers_before_units(lead)
    return lambda units, order: _numbers_before_units(lead + "".join(units[i] for i in order)) - counted_before


def _islands(levels: list[int]) -> int:
    """How many left-to-right stretches (level 2) a reading has."""
    return sum(1 for high, _ in itertools.groupby(levels, key=lambda v: v == 2) if high)


def _line(units: tuple[str, ...], order: list[int], verified: bool) -> LineText:
    text = "".join(units[i] for i in order)
    strong = [s for s in (_strong(ch) for ch in text) if s]
    return LineText(text, verified, strong[0] if strong else None, strong[-1] if strong else None,
                    tuple(units[i] for i in order), tuple(order))
