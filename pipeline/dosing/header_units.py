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

A bare amount is a number or a range that stands where an amount does: it opens its segment (parted by a semicolon,
a comma, a line, a cell, " — " or the packs' `normalize.header_unit_alternatives`: "或", "یا") after a label naming
what it is for (header_labels.py), and comes before the end, a separator, a multiplication sign and a count, a slash
and a day ("0.4/日"), or timing words the timing reader reads from there ("طی ۲–۵ روز", "每3–4周").
A number is no amount by what follows it (a time, a count, an age or a weight: "۲ روز", "1次", "第2版", "۱۲ سال";
`header_unit_not_before`), a multiplication sign before it, a word numbering days before it ("روز ۱ و ۲", "第1、2天"),
its own unit (a mention of the net: "حداکثر ۸۰ گرم") or an item's mark ("1、", "۲)", "1. "). All or none, over every
header and every run of digits of the statement: when any number is left unexplained, no unit is written in at all
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
from .header_labels import BOUND_MARK, labelled, normalize_words
from .net import mentions_in, other_drug_named as _other_drug_before
from .pack import SP
from .timing import read_timing
from .timing_spellings import unit_patterns
from .vocab import vocab

_SEPARATOR = r"$|[;\u061b\uff1b|\u2016,\u060c\uff0c\u3002\u3001]|\.(?!\d)|[\u2013\u2014](?=\s)|-{2,}"  # " — ", "----": a cell's end
_TAIL = 40  # characters after a number in which its timing is read
# what parts a header's scope into segments, each a label and its amount ("ITP 1؛ کاوازاکی 2", "成人 2，分5日")
_MARKS = r"[;\u061b\uff1b|\uff5c\u2016\n,\u060c\uff0c\u3002\u2022]|\.(?!\d)|-{2,}"  # the marks that part segments ("----" too)
_COMMAS = {",", "\u060c", "\uff0c"}
_LIST_NUMBER = re.compile(r"[\u3001)\uff09]|\.(?![\d.])")  # "2、川崎病 2", "۲) ITP": an item's number, right before its mark
_HARD_END = re.compile(r"[;\u061b\uff1b|\uff5c\u2016\n\u3002]")  # a segment's end that is no comma
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_NUMBER_NEXT = re.compile(r"\s*\d")
# "IgG4 相关", "COVID-19 ITP", "HIV-1相关": digits of a name, a letter on both sides ("ITP1.0×2" is an amount)
_NAME_DIGITS = re.compile(r"[A-Za-z\-]\d")
_SHORTHAND = re.compile(r"[A-Za-z]\d{1,2}(?![\d.])")
_NAME_AFTER = re.compile(r"\s*[^\W\d_]")
_LETTER = re.compile(r"[^\W\d_]")
_UNIT_GROUPS = ("bracketed", "labelled", "prose", "opening")  # the header's forms (_headers), each naming its unit
_DAY_GROUPS = ("per_day", "per_day2", "per_day3", "per_day4")  # and its day, if any
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


@cache
def _bare(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """A number or range not glued to another number or mark (the first group), and what may follow an amount
    at once."""
    v = vocab(lang)
    # a Chinese character may stand glued before the number ("川崎病2，单次"), a Latin letter or a digit not
    glued = r"(?<![A-Za-z0-9_.,/\u00d7*~\uff5e\-\u2013\u2014])(?<![^\W\d_\u4e00-\u9fff])"
    # a Chinese character may follow too ("每3–4周", "2天": times, taken as numbers and found to be no amounts)
    number = regex(rf"{glued}(?P<n>{v.amount_range})(?![0-9_./%\u066a]|[^\W\d_\u4e00-\u9fff]|,\d{{3}}(?!\d))"
                   rf"|{glued}(?P<m>{v.amount_range})(?=/)(?={v.per_day})", re.I)
    after = regex(rf"{SP}(?:{_SEPARATOR}|[\u00d7xX*]{SP}\d)", re.I)
    return number, after


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
    group = next((g for g in _DAY_GROUPS if header.group(g)), None)
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
        group = next((g for g in _DAY_GROUPS if header.group(g)), None)
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
        ends, explained = _bare_amounts(text, header, stop, lang)
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
    digit = _DIGITS.search(text, start, stop)
    mark = _row_marks(lang).search(text, start, digit.start() if digit else stop)
    return mark is not None


@cache
def _row_marks(lang: str) -> re.Pattern:
    rows = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("table_rows", {}).get("rows") or ["(?!)"]
    return regex("|".join(rows))


def _column_counted(text: str, column: re.Match, stop: int) -> bool:
    """Whether the numbers after another column's header are that column's: a time's ("| مدت (روز): ۵"), or none
    ("(گرم): بزرگسالان ۳۰" holds an amount in grams the header's unit must not hide)."""
    return bool(column.group("time")) or not _DIGITS.search(text, column.end(), stop)


def _bare_amounts(text: str, header: re.Match, stop: int, lang: str) -> tuple[list[tuple[int, bool]], bool]:
    """The ends of the bare amounts between a header and `stop` (each with whether it is given over a course of
    days), and whether every other number there is explained (a count, a time, an age or a weight, inside a
    mention with its own unit, an item's number)."""
    scope = _Scope(text, header, lang)
    for m in _bare(lang)[0].finditer(text, header.end(), stop):
        scope.take(m)
    # every other run of digits is accounted for too ("，0.5 第2、3天": a number the scan above passed over)
    explained = scope.explained and not any(scope.stray(d) for d in _DIGITS.finditer(text, header.end(), stop))
    return [(end, end in scope.daily) for end in scope.ends], explained


class _Scope:
    """The numbers of one header's scope, taken in order: the amounts' ends, the numbers that are no amounts."""

    def __init__(self, text: str, header: re.Match, lang: str):
        self.text, self.header, self.lang = text, header, lang
        self.owned = [(m.start, m.end) for m in mentions_in(text, lang)]
        self.ends: list[int] = []
        self.explained = True
        self.others: list[tuple[int, int]] = []  # numbers that are no amounts ("زیر ۱۲ سال"): a label may hold them
        self.seen: list[tuple[int, int]] = []  # every number taken, amount or not
        self.daily: set[int] = set()  # the ends of amounts given over a course of days: a header's day is theirs

    def stray(self, digits: re.Match) -> bool:
        """A run of digits no number taken holds, not a name's ("IgG4", "COVID-19"), no time, age or weight."""
        at, text = digits.start(), self.text
        if any(s <= at < e for s, e in self.seen + self.owned) or (
                at and _NAME_DIGITS.match(text, at - 1) and _NAME_AFTER.match(text, digits.end())):
            return False
        if (at and _SHORTHAND.match(text, at - 1)) or _LIST_NUMBER.match(text, digits.end()):
            return False  # "d1, d2", "q4w": a day's or a schedule's shorthand; "1. ", "2、": an item's number
        tail = text[digits.end():digits.end() + _TAIL]
        counted = _count_signs(self.lang).search(text, max(at - 4, 0), at)  # "×5"
        return not (counted or _time_of_its_own(tail, self.lang) or _age_or_weight(self.lang).match(tail))

    def take(self, m: re.Match) -> None:
        text, floor = self.text, self.header.end()
        group = "n" if m.group("n") is not None else "m"
        self.seen.append(m.span())
        tail = text[m.end(group):m.end(group) + _TAIL]
        if self.header.group("bracketed") and not text[floor:m.start()].strip() and not _LIST_NUMBER.match(tail):
            return  # "(g/kg): 2": the dose patterns read it (not "(g/kg): 1. ITP ...": an item's number)
        if self._no_amount(m, tail) or _LIST_NUMBER.match(tail):
            self.others.append(m.span())
        elif self._amount(m, group, tail):
            self.ends.append(m.end(group))
            if _daily_course(tail, self.lang):
                self.daily.add(m.end(group))
        else:
            self.explained = False

    def _amount(self, m: re.Match, group: str, tail: str) -> bool:
        """A bare amount: what may follow one, then a label naming what it is for, opening its segment."""
        text, floor = self.text, self.header.end()
        if any(self.header.group(g) for g in _DAY_GROUPS) and _weeks_apart(tail, self.lang):
            return False  # "(mg/kg/روز): ... ۴۰۰ هر ۴ هفته": a day's amount every 4 weeks? not decided here
        bare = (group == "m" or _bare(self.lang)[1].match(text, m.end(group)) or _timed(tail, self.lang)
                or self._time_next(tail))
        segment, opens = _segment_start(text, floor, m.start(), self.lang)
        # after a comma, a number shares its clause with the numbers before it: "سرعت: ۱۰۰، سپس ۲۰۰" is a rate's
        # (not a time in brackets after the amount before it: "ITP ۱ (دو روز)، کاوازاکی ۲")
        shared = not opens and any(s >= _clause_start(text, floor, m.start(), self.lang) and not _bracketed(text, s)
                                   for s, _ in self.others)
        return bool(bare and not shared and self._labelled(segment, m.start()))

    def _labelled(self, segment: int, at: int) -> bool:
        """The words of the segment before the amount at `at` name what it is for (header_labels.labelled); none
        in the scope's first segment or after an alternative ("ITP 0.4/日×5日 或 1/日×2日"); an empty cell's label
        is the cell before it ("| PANDAS | ۱۰۰۰ × ۲ روز |")."""
        text, floor = self.text, self.header.end()
        label = _blanked(text, segment, at, self.others)
        first = not text[floor:segment].strip(" :\uff1a|\uff5c\u2013\u2014-") or bool(
            _alternative_before(self.lang).search(text, floor, segment))
        if not label.strip() and not first and text[segment - 1] in "|\uff5c":
            label = _cell_before(text, floor, segment - 1)
        return labelled(label, self.lang, first)

    def _time_next(self, tail: str) -> bool:
        """A number with a time unit of its own right after the amount: the next cell's, a course's or a wait's
        ("免疫性血小板减少症 1000 1～2天", "PANDAS ۱۰۰۰ ۲ روز": a table's row, its cells parted by spaces)."""
        number = _bare(self.lang)[0].match(tail, len(tail) - len(tail.lstrip()))
        return bool(number and tail[:number.start()].strip() == "" and number.start() > 0
                    and _time_of_its_own(tail[number.end():], self.lang))

    def _day_number(self, m: re.Match) -> bool:
        """A number after a word numbering days ("روز ۱ و ۲", "day 1", "第1"): the day's, no amount."""
        return bool(_day_numbering(self.lang).search(self.text, max(self.header.end(), m.start() - 12), m.start()))

    def _no_amount(self, m: re.Match, tail: str) -> bool:
        """A count after a multiplication sign, inside a mention with its own unit, before a time unit (after a word of
        time or not: "هر ۳ هفته"; "طولانی مدت ۱۰۰۰" is an amount), or an age's or a weight's."""
        counts = _count_signs(self.lang).search(self.text, max(self.header.end(), m.start() - 4), m.start())
        return bool(counts or _own_unit(m, self.owned) or _time_of_its_own(tail, self.lang)
                    or _age_or_weight(self.lang).match(tail) or self._day_number(m))


def _bracketed(text: str, at: int) -> bool:
    """Whether `at` stands inside an open bracket ("(دو روز)")."""
    opened = max(text.rfind("(", 0, at), text.rfind("\uff08", 0, at))
    return opened >= 0 and max(text.rfind(")", opened, at), text.rfind("\uff09", opened, at)) < 0


def _cell_before(text: str, floor: int, bar: int) -> str:
    """The words of the table cell that ends at the bar `bar` (the one before it, or the scope's start)."""
    return text[max(text.rfind("|", floor, bar), text.rfind("\uff5c", floor, bar), floor - 1) + 1:bar]


def _clause_start(text: str, floor: int, at: int, lang: str) -> int:
    """Where the clause holding `at` starts: after the last separator before it that is not a comma."""
    start = floor
    for m in _segments(lang).finditer(text, floor, at):
        if m.group() not in _COMMAS:
            start = m.end()
    return start


def _blanked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] with the numbers at `spans` (no amounts: an age, a weight with its unit) as BOUND_MARKs."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = BOUND_MARK
    return "".join(chars)


def _own_unit(m: re.Match, owned: list[tuple[int, int]]) -> bool:
    return any(s <= m.start() < e for s, e in owned)


def _segment_start(text: str, floor: int, at: int, lang: str) -> tuple[int, bool]:
    """Where the segment holding `at` starts (after the last separator before it, not before the header's end), and
    whether it opens a row of its own: the header's scope or a semicolon, a line or a cell before it, not a comma."""
    last = None
    for last in _segments(lang).finditer(text, floor, at):
        pass
    if last is None:
        return floor, True
    return last.end(), last.group() not in _COMMAS


@cache
def _segments(lang: str) -> re.Pattern:
    """What parts a header's scope into segments, each a label and its amount ("ITP 1؛ کاوازاکی 2", "成人 2，分5日"): the
    marks, and the packs' `normalize.header_unit_alternatives` ("或", "یا", "or": "ITP 0.4/日×5日 或 1/日×2日" offers
    the second amount with no label of its own)."""
    words = normalize_words(lang, "header_unit_alternatives")
    return regex(rf"{_MARKS}|(?<![^\W\d_])(?:{words})(?![^\W\d_])" if lang == "fa" else rf"{_MARKS}|{words}", re.I)


@cache
def _alternative_before(lang: str) -> re.Pattern:
    """The packs' `normalize.header_unit_alternatives` ending the words before a segment ("或", "یا")."""
    return regex(rf"(?:{normalize_words(lang, 'header_unit_alternatives')})\s*$", re.I)


@cache
def _day_numbering(lang: str) -> re.Pattern:
    """A word numbering days, then a number (or a list of them) and the number: the packs'
    `normalize.header_unit_day_words` ("روز ۱ و ۲": both numbers are days)."""
    whole = r"(?<![^\W\d_])" if lang == "fa" else r"(?<![A-Za-z])"  # "PID 400" holds no day "D"
    joiners = normalize_words(lang, "header_unit_day_joiners")
    return regex(rf"{whole}(?:{normalize_words(lang, 'header_unit_day_words')}){SP}"
                 rf"(?:\d+{SP}(?:[,\u060c\uff0c\u3001]|{joiners})?{SP})*$", re.I)


@cache
def _count_signs(lang: str) -> re.Pattern:
    """A multiplication sign right before a number: a count of times ("× ۵", "x5")."""
    return regex(rf"(?:{normalize_words(lang, 'header_unit_count_signs')}){SP}$", re.I)


@cache
def _age_or_weight(lang: str) -> re.Pattern:
    """An age's or a body weight's unit right after a number (the packs' `normalize.header_unit_not_before`)."""
    return regex(rf"{SP}(?:{normalize_words(lang, 'header_unit_not_before')})(?![A-Za-z])", re.I)


def _time_of_its_own(tail: str, lang: str) -> bool:
    """A time unit right after the number, as a whole word: "۲ سال", "5天" (not "۴۰۰ روزانه")."""
    gap = len(tail) - len(tail.lstrip())
    return any((u := p.match(tail, gap)) and not _LETTER.match(tail, u.end()) for p in unit_patterns(lang).values())


def _daily_course(tail: str, lang: str) -> bool:
    """A course of days right after the amount in its own segment (not the next row's: "川崎病 2；GBS 0.4，连用5天"),
    with no interval of weeks or months and no single dose."""
    timing = read_timing(_HARD_END.split(tail, 1)[0], lang)
    return timing.course_high is not None and timing.every_unit in (None, "d") and not timing.single


def _weeks_apart(tail: str, lang: str) -> bool:
    """An interval of weeks or months right after the number, in its own segment."""
    return read_timing(_HARD_END.split(tail, 1)[0], lang).every_unit in ("wk", "mo")


def _timed(tail: str, lang: str) -> bool:
    """Timing words start right after the number (after spaces)."""
    timing = read_timing(tail, lang)
    said = timing.course_high is not None or timing.every_unit or timing.daily or timing.single or timing.count_high
    return bool(said) and timing.start is not None and not tail[:timing.start].strip(" (\uff08")  # "ITP ۱ (۱–۲ روز)"
