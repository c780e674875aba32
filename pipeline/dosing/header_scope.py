"""The numbers of one header's scope (header_units.py): which are bare amounts, which are no amounts.

A bare amount is a number or a range that stands where an amount does: it opens its segment (parted by a semicolon,
a comma, a line, a cell, " — ", a run of hyphens or the packs' `normalize.header_unit_alternatives`: "或", "یا")
after a label naming what it is for (header_labels.py; in a cell table the cell before it), and comes before the
end, a separator, a multiplication sign and a count, a slash and a day ("0.4/日"), timing words the timing reader
reads from there ("طی ۲–۵ روز", "每3–4周") or a number with its own time unit (the next cell: "1000 1～2天"). A
number is no amount by what follows it (a time, a count, an age or a weight: "۲ روز", "1次", "第2版", "۱۲ سال";
`header_unit_not_before`), a multiplication sign before it, a word numbering days before it ("روز ۱ و ۲", "第1、2天"),
its own unit (a mention of the net: "حداکثر ۸۰ گرم") or an item's mark ("1、", "۲)", "1. "). Any other number
leaves the scope unexplained (header_units.py then writes no unit in at all).
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from .header_labels import BOUND_MARK, labelled, normalize_words
from .net import mentions_in
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
# "IgG4 相关", "COVID-19 ITP", "HIV-1相关": digits of a name, a letter on both sides ("ITP1.0×2" is an amount)
_NAME_DIGITS = re.compile(r"[A-Za-z\-]\d")
_SHORTHAND = re.compile(r"[A-Za-z]\d{1,2}(?![\d.])")
_NAME_AFTER = re.compile(r"\s*[^\W\d_]")
_LETTER = re.compile(r"[^\W\d_]")
DAY_GROUPS = ("per_day", "per_day2", "per_day3", "per_day4")  # the groups of a header's day (header_units._headers)
DIGITS = re.compile(r"\d+(?:\.\d+)?")


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


def bare_amounts(text: str, header: re.Match, stop: int, lang: str) -> tuple[list[tuple[int, bool]], bool]:
    """The ends of the bare amounts between a header and `stop` (each with whether it is given over a course of
    days), and whether every other number there is explained (a count, a time, an age or a weight, inside a
    mention with its own unit, an item's number)."""
    scope = _Scope(text, header, lang)
    for m in _bare(lang)[0].finditer(text, header.end(), stop):
        scope.take(m)
    # every other run of digits is accounted for too ("，0.5 第2、3天": a number the scan above passed over)
    explained = scope.explained and not any(scope.stray(d) for d in DIGITS.finditer(text, header.end(), stop))
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
        if any(self.header.group(g) for g in DAY_GROUPS) and _weeks_apart(tail, self.lang):
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
