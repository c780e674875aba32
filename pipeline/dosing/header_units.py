"""A unit named once for the amounts after it: a table's or a list's header.

"دوز (mg/kg): CIDP — بارگیری ۲۰۰۰ طی ۲–۵ روز؛ نگهدارنده ۱۰۰۰ هر ۳ هفته", "劑量（克/公斤）：ITP 0.8–1；GBS 0.4/日×5；
Kawasaki 2", "剂量单位：g/kg 原发性免疫缺陷 0.4–0.6 每3–4周；ITP 1.0 ×2天": formularies write the mass per kg once, in
brackets before a colon or after a unit label (the pack's `normalize.unit_label`), and each amount after it as a bare
number. Without the unit the grammar reads none of them (the net flags them `dose_unread`). Here the header's unit is
written after each bare amount of its scope (up to the next header), and the grammar reads them as written so.

A bare amount is a number or a range that stands where an amount does, and nothing else:
- after a label, a separator or the header, not after a word that makes it a time, a count or a threshold (the
  pack's `normalize.header_unit_not_after`: "هر", "طی", "每", "×", "<", "低于"...);
- before the end, a separator, a multiplication sign and a count, a slash and a time ("0.4/日"), or timing words the
  timing reader reads from there ("طی ۲–۵ روز", "每3–4周"), never before a unit or a time unit of its own ("۲ سال").
The amount right after a bracketed header's colon is read by the dose patterns already ("(g/kg): 2") and is left.
"""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ..compiled import regex
from ..lexicon import load
from .pack import SP
from .timing import read_timing
from .timing_spellings import unit_patterns
from .vocab import vocab

_SEPARATOR = r"$|[;\u061b\uff1b|\u2016,\u060c\uff0c\u3002\u3001]|\.(?!\d)"
_TAIL = 40  # characters after a number in which its timing is read
# where a header's amounts end: a table's cell or row mark, or another column's header (a bracketed unit or label
# before a colon: "| مدت (روز): ۵", "输注时间（h）：12")
_SCOPE_END = re.compile(r"[|\u2016]|[(\uff08][^()\uff08\uff09]{0,20}[)\uff09]\s*[:\uff1a]")
_LETTER = re.compile(r"[^\W\d_]")
_COLON = re.compile("[:\uff1a]")  # every header ends with one: most statements have none


@cache
def _headers(lang: str) -> re.Pattern:
    """A mass per kg in brackets before a colon, or after a unit label and a colon."""
    v = vocab(lang)
    unit = rf"(?:{v.mass}){SP}(?:{v.per_kg})(?:{SP}(?:{v.per_day}))?"
    labels = "|".join((load(f"lang/{lang}.yaml").get("normalize") or {}).get("unit_label") or ["(?!)"])
    return regex(rf"[(\uff08]{SP}(?P<bracketed>{unit}){SP}[)\uff09]{SP}[:\uff1a]"
                 rf"|(?:{labels}){SP}[:\uff1a]{SP}(?P<labelled>{unit})(?![\w/])", re.I)


@cache
def _bare(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A number or range not glued to another number or mark; the words before it that make it no amount; what
    may follow an amount at once."""
    v = vocab(lang)
    not_after = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("header_unit_not_after") or ["(?!)"]
    number = regex(rf"(?<![\w.,/\u00d7*~\uff5e\-\u2013\u2014])(?P<n>{v.amount_range})(?![\w./%\u066a]|,\d)"
                   rf"|(?<![\w.,/\u00d7*~\uff5e\-\u2013\u2014])(?P<m>{v.amount_range})(?=/)(?={v.per_day})", re.I)
    before = regex(rf"(?:{'|'.join(not_after)}){SP}$", re.I)
    after = regex(rf"{SP}(?:{_SEPARATOR}|[\u00d7xX*]{SP}\d)", re.I)
    return number, before, after


class Headed(NamedTuple):
    """A text with its headers' units written after their bare amounts."""

    text: str
    units: tuple[tuple[int, int, str], ...] = ()  # (start, end, unit) of each unit written in, in the new text
    headers: tuple[tuple[int, int], ...] = ()  # the span of each header whose unit was written in, in the new text


def header_units(text: str, lang: str) -> Headed:
    """The text with each bare amount after a header followed by the header's unit; the text itself when it has
    no header or no bare amount after one."""
    headers = list(_headers(lang).finditer(text)) if _COLON.search(text) else []
    if not headers:
        return Headed(text)
    out: list[str] = []
    units: list[tuple[int, int, str]] = []
    used: list[tuple[int, int]] = []
    at = 0
    for i, header in enumerate(headers):
        unit = (header.group("bracketed") or header.group("labelled")).strip()
        stop = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        if ender := _SCOPE_END.search(text, header.end(), stop):  # "(g/kg): 2 | مدت (روز): 5": another column
            stop = ender.start()
        ends = _bare_amounts(text, header, stop, lang)
        if ends:
            shift = sum(len(u) + 1 for _, _, u in units)  # the units written in before this header
            used.append((header.start() + shift, header.end() + shift))
        for end in ends:
            out.append(text[at:end])
            start = sum(map(len, out))
            out.append(f" {unit}")
            units.append((start + 1, start + 1 + len(unit), unit))
            at = end
    if not units:
        return Headed(text)
    out.append(text[at:])
    return Headed("".join(out), tuple(units), tuple(used))


def _bare_amounts(text: str, header: re.Match, stop: int, lang: str) -> list[int]:
    """The ends of the bare amounts between a header and `stop`."""
    number, before, after = _bare(lang)
    ends = []
    for m in number.finditer(text, header.end(), stop):
        group = "n" if m.group("n") is not None else "m"
        if header.group("bracketed") and not text[header.end():m.start()].strip():
            continue  # "(g/kg): 2": the dose patterns read it
        if before.search(text, max(header.end(), m.start() - 16), m.start()):
            continue
        if group == "m" or after.match(text, m.end(group)) or _timed(text[m.end(group):m.end(group) + _TAIL], lang):
            ends.append(m.end(group))
    return ends


def _timed(tail: str, lang: str) -> bool:
    """Timing words start right after the number (after spaces), and no time unit stands alone there ("۲ سال")."""
    gap = len(tail) - len(tail.lstrip())
    if any((u := p.match(tail, gap)) and not _LETTER.match(tail, u.end()) for p in unit_patterns(lang).values()):
        return False  # "۲ سال", "5天": a time of its own, not an amount before its timing ("۴۰۰ روزانه" is one)
    timing = read_timing(tail, lang)
    said = timing.course_high is not None or timing.every_unit or timing.daily or timing.single or timing.count_high
    return bool(said) and timing.start is not None and not tail[:timing.start].strip()
