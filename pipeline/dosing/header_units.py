"""A unit named once for the amounts after it: a table's or a list's header.

"دوز (mg/kg): CIDP — بارگیری ۲۰۰۰ طی ۲–۵ روز؛ نگهدارنده ۱۰۰۰ هر ۳ هفته", "劑量（克/公斤）：ITP 0.8–1；GBS 0.4/日×5；
Kawasaki 2", "剂量单位：g/kg 原发性免疫缺陷 0.4–0.6 每3–4周；ITP 1.0 ×2天": formularies write the mass per kg once, in
brackets before a colon or after a unit label (the pack's `normalize.unit_label`), and each amount after it as a bare
number. Without the unit the grammar reads none of them (the net flags them `dose_unread`). Here the header's unit is
written after each bare amount of its scope (up to the next header or another column's bracketed unit), and the
grammar reads them as written so.

Every regimen read so is flagged `unit_from_header` (read.py): the unit is inferred from words that are not beside the
amount, and a target, a count or another drug's amount standing where an amount does cannot be told from one by word
lists, so a curator confirms it (it leaves FHIR until then).

Which numbers of a header's scope are bare amounts, and which are no amounts, is header_scope.py's. All or none,
over every header and every run of digits of the statement: when any number is left unexplained, no unit is written in at all
and the net's `dose_unread` still quotes the header (a number left bare would lend its timing to an amount near it).
A header's day ("(mg/kg/d)") is written only after an amount given over a course of days in its own segment, and is
blanked otherwise ("(mg/kg/日)：川崎病 2000 单次" is no daily dose). The amount right after a bracketed header's colon is
read by the dose patterns already ("(g/kg): 2") and is left.
"""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ..compiled import regex
from ..lexicon import load
from .header_labels import normalize_words
from .header_scope import DAY_GROUPS, DIGITS, bare_amounts
from .net import mentions_in, other_drug_named as _other_drug_before
from .pack import SP
from .timing_spellings import unit_patterns
from .vocab import vocab

_NUMBER_NEXT = re.compile(r"\s*\d")
_UNIT_GROUPS = ("bracketed", "labelled", "prose", "opening")  # the header's forms (_headers), each naming its unit
_CLAUSE_START = re.compile(r"[;\u061b\uff1b|\uff5c\u2016\n,\u060c\uff0c\u3002]")


@cache
def _headers(lang: str) -> re.Pattern:
    """A mass per kg in brackets before a colon, or after a unit label and a colon. A day in the header's unit
    ("(mg/kg/d)") is not written after the amounts (the group stops before it): a row's own timing may say otherwise
    ("PID 400 هر ۴ هفته"), and an amount over days with no per day of its own is flagged basis_assumed."""
    v = vocab(lang)
    unit = rf"(?:{v.mass}){SP}(?:{v.per_kg})"
    per_day = rf"(?P<per_day>{SP}(?:{v.per_day}))?"
    labels = normalize_words(lang, "unit_label")
    prose = normalize_words(lang, "header_unit_prose")  # "ستون دوز بر حسب mg/kg است", "剂量单位为 g/kg"
    # the bracket ends with a colon, a cell's bar or a spaced dash ("(گرم/کیلوگرم) — کاوازاکی: ۲", "(mg/kg) | PANDAS")
    # or a row of column names after it, then a bar ("（mg/kg） 适应证 剂量 疗程 | ITP 1000"): words, no digit
    # or the unit alone opening the text, then a colon, a bar or a dash ("میلی‌گرم/کیلوگرم — القایی: ۲۰۰۰ ، ...")
    per_dose = rf"(?:{SP}(?:{v.per_dose}))?"  # "（mg/kg/次）": each dose's, as an amount is by default
    return regex(rf"[(\uff08]{SP}(?P<bracketed>{unit}){per_day}{per_dose}{SP}[)\uff09]{SP}(?:[:\uff1a|\uff5c]|[\u2013\u2014](?=\s)"
                 rf"|(?<=\s)[^\W\d_][^\d|\uff5c:\uff1a;\uff1b\u061b\n()\uff08\uff09]{{0,40}}?[|\uff5c])"
                 rf"|(?:{labels}){SP}[:\uff1a]?{SP}(?P<labelled>{unit}){per_day.replace('per_day', 'per_day2')}(?![\w/])"
                 rf"|(?:{prose}){SP}(?P<prose>{unit}){per_day.replace('per_day', 'per_day3')}(?![\w/])"
                 rf"|^{SP}(?P<opening>{unit}){per_day.replace('per_day', 'per_day4')}{SP}(?:[:\uff1a|\uff5c]|[\u2013\u2014](?=\s)|-{{2,}})",
                 re.I)


@cache
def _maybe_header(lang: str) -> re.Pattern:
    """What every header holds: a colon, a bar, a spaced dash or a word naming a unit in prose (most statements hold
    none)."""
    return regex(rf"[:\uff1a|\uff5c]|[\u2013\u2014](?=\s)|{normalize_words(lang, 'header_unit_prose')}", re.I)


@cache
def _scope_end(lang: str) -> re.Pattern:
    """Another column's header: a bracket holding a unit (of time, mass or volume, a percentage) before a colon ("مدت
    (روز): ۵", "输注时间（h）：12"); a bracket of words ("ITP (بزرگسالان): ۱", "儿童（<20 kg）：1") is a label, not a column."""
    v = vocab(lang)
    times = "|".join([p.pattern for p in unit_patterns(lang).values()] + ["h", "hr"])
    return regex(rf"[(\uff08]{SP}(?:(?P<time>{times})|{v.mass}|%|m[lL]){SP}[)\uff09]{SP}[:\uff1a]", re.I)


class Headed(NamedTuple):
    """A text with its headers' units written after their bare amounts."""

    text: str
    units: tuple[tuple[int, int, str], ...] = ()  # (start, end, unit) of each unit written in, in the new text
    headers: tuple[tuple[int, int], ...] = ()  # the span of each header whose unit was written in, in the new text


def header_units(text: str, lang: str) -> Headed:
    """The text with each bare amount after a header followed by the header's unit; the text itself when it has
    no header or no bare amount after one, or when any number of the statement is left unexplained."""
    headers = list(_headers(lang).finditer(text)) if _maybe_header(lang).search(text) else []
    scopes = _scopes(text, headers, lang) if headers else None
    if scopes:
        return _written_in(text, scopes)
    # no unit written in: a header's day is still blanked, or it would be read as the interval of the amount before
    # it ("IVIG 2 g/kg 单次输注 | 阿司匹林（mg/kg/d）| ...": no daily IVIg)
    return Headed(_blank(text, [span for h in headers if (span := _day_span(text, h))]))


def _day_span(text: str, header: re.Match) -> tuple[int, int] | None:
    """Where a header's day stands ("(mg/kg/d)"), unless an amount follows its colon (the dose patterns read it)."""
    group = next((g for g in DAY_GROUPS if header.group(g)), None)
    if group is None or _NUMBER_NEXT.match(text, header.end()):
        return None
    return header.start(group), header.end(group)


def _written_in(text: str, scopes: list[tuple[re.Match, list[tuple[int, bool]]]]) -> Headed:
    """The text with each header's unit written after its bare amounts (its day too after an amount over days), the
    header's day blanked, and where the units and the headers stand in the new text."""
    out: list[str] = []
    units: list[tuple[int, int, str]] = []
    used: list[tuple[int, int]] = []
    days: list[tuple[int, int]] = []  # each header's day, in the new text, to blank ("(mg/kg/日)：")
    at = 0
    for header, ends in scopes:
        unit = next(header.group(g) for g in _UNIT_GROUPS if header.group(g)).strip()
        group = next((g for g in DAY_GROUPS if header.group(g)), None)
        shift = sum(len(u) + 1 for _, _, u in units)  # the units written in before this header
        used.append((header.start() + shift, header.end() + shift))
        if day := _day_span(text, header):  # not "(mg/kg/d)：400": the dose patterns read it so
            days.append((day[0] + shift, day[1] + shift))
        for end, daily in ends:
            written = unit + header.group(group).strip() if daily and group else unit  # "GBS 400 ×5天": 400 mg/kg/d
            out.append(text[at:end])
            start = sum(map(len, out))
            out.append(f" {written}")
            units.append((start + 1, start + 1 + len(written), written))
            at = end
    out.append(text[at:])
    return Headed(_blank("".join(out), days), tuple(units), tuple(used))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span as spaces: a header's day, which the grammar would read as the interval of the first
    amount after it ("(mg/kg/日)：川崎病 2000 单次" is no daily dose); each amount over days has it written after it."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _scopes(text: str, headers: list[re.Match], lang: str) -> list[tuple[re.Match, list[int]]] | None:
    """Each header with the ends of its bare amounts; None unless every number of the statement is accounted for
    and one amount at least is bare. All or none, over every header: a number left bare would lend its timing to an
    amount near it ("کاوازاکی ۲ تک‌دوز؛ X ۰٫۴ روزانه × ۵ روز"), and the header keeps its dose_unread."""
    scopes = []
    for i, header in enumerate(headers):
        stop = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        if ender := _scope_end(lang).search(text, header.end(), stop):  # "(g/kg): 2 | مدت (روز): 5": another column
            if not _column_counted(text, ender, stop):
                return None
            stop = ender.start()
        if _row_mark_first(text, header.end(), stop, lang):  # "(g/kg) | 次数 ‖ 2 | 1": a column among several
            return None
        if _other_drug_before(_CLAUSE_START.split(text[max(0, header.start() - 30):header.start()])[-1], lang):
            continue  # "甲泼尼龙（mg/kg）：30": another drug's header, its numbers that drug's (the net flags them)
        if _not_for_ivig(text, header, stop, lang):
            return None
        ends, explained = bare_amounts(text, header, stop, lang)
        if not explained:
            return None
        scopes.append((header, ends))
    return scopes if any(ends for _, ends in scopes) else None


def _not_for_ivig(text: str, header: re.Match, stop: int, lang: str) -> bool:
    """A header whose scope the unit cannot be trusted over: an amount with its own per-kg unit stands in its scope
    ("GBS | 400 × 5天 = 2 g/kg", "400 每4周（0.4 g/kg）": a total or a restatement the grammar reads with the amount's own
    words, not beside a header's; the header's amount would part from it). A table whose cells are its columns' by
    position ("IVIG（g/kg）| 适应证 | 剂量 | 天数 | ITP | 1 | 2") is left by the scan: a cell's label is the cell before
    it, and a number ("1") is no label, so the day's "2" is left unexplained."""
    return any(m.kind == "dose" and header.end() <= m.start < stop for m in mentions_in(text, lang))


def _row_mark_first(text: str, start: int, stop: int, lang: str) -> bool:
    """A row mark (the pack's `normalize.table_rows.rows`: "‖", "||") before the first digit of a header's scope: the
    header is one cell of a row of column names ("剂量（g/kg） | 次数 | 输注时间（h） ‖ 2 | 1 | 12"), each value of the
    rows after it is its column's by position, and the unit is only the first column's (table_rows.py pairs the
    tables it can)."""
    digit = DIGITS.search(text, start, stop)
    mark = _row_marks(lang).search(text, start, digit.start() if digit else stop)
    return mark is not None


@cache
def _row_marks(lang: str) -> re.Pattern:
    rows = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("table_rows", {}).get("rows") or ["(?!)"]
    return regex("|".join(rows))


def _column_counted(text: str, column: re.Match, stop: int) -> bool:
    """Whether the numbers after another column's header are that column's: a time's ("| مدت (روز): ۵"), or none
    ("(گرم): بزرگسالان ۳۰" holds an amount in grams the header's unit must not hide)."""
    return bool(column.group("time")) or not DIGITS.search(text, column.end(), stop)
