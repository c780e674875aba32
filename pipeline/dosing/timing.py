"""The words after a dose -> its timing: course length, interval, number of doses, infusion time.

Persian states timing after the amount ("400 mg/kg روزانه تا 5 روز", "هر 3-4 هفته", "در مدت 8 تا
12 ساعت", "تا 3 دوز"). Each reading keeps the words it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .vocab import SP, read_number, vocab


@dataclass
class Timing:
    course_low: float | None = None
    course_high: float | None = None
    course_is_total: bool = False  # "طی 2-5 روز", "در 2 روز": the amount is spread over the days
    courses: list[str] = field(default_factory=list)  # every course phrase seen (more than one is doubtful)
    every_low: float | None = None
    every_high: float | None = None
    every_unit: str | None = None
    daily: bool = False  # "روزانه", "در روز", "یک بار در روز"
    consecutive: bool = False  # "برای 3 تا 5 روز متوالی": a dose on each of the days
    count_low: float | None = None
    count_high: float | None = None
    infusion_low: float | None = None
    infusion_high: float | None = None
    duration_low: float | None = None
    duration_high: float | None = None
    duration_unit: str | None = None
    schedule_days: tuple[int, ...] = ()
    preferred: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    end: int = 0  # where the last timing words end (relative to the text read)


def _range(text: str) -> tuple[float | None, float | None, bool]:
    """(low, high, preferred) of a written range in either order; (None, None) when unreadable."""
    v = vocab()
    values = [read_number(m.group(0)) for m in re.finditer(v.number, text)]
    if not values or None in values:
        return None, None, False
    return min(values), max(values), bool(re.search(v.preferably, text))


@cache
def _patterns() -> dict[str, re.Pattern]:
    v = vocab()
    r, u = rf"(?P<r>{v.range})", rf"(?P<u>{v.time_unit})"
    day = v.time_units["d"]
    return {
        "schedule": re.compile(rf"در روز(?:‌?های)?{SP}(?P<days>\d+(?:{SP}(?:و|،|,){SP}\d+)+|\d+)"),
        "every": re.compile(rf"هر{SP}{r}{SP}{u}"),
        "every_one": re.compile(rf"هر{SP}{u}"),
        "monthly": re.compile(r"ماهانه|(?:یک بار )?در ماه(?![ \u200c]*\d)"),
        "weekly": re.compile(r"هفتگی|(?:یک بار )?در هفته(?![ \u200c]*\d)"),
        "daily": re.compile(r"روزانه|(?:یک بار )?در روز(?![ \u200c]*\d)"),
        "course_total": re.compile(rf"(?:در طی|طی|در){SP}{r}{SP}{day}"),
        "course": re.compile(rf"(?:به مدت|برای){SP}{r}{SP}{day}"),
        "course_consecutive": re.compile(rf"{r}{SP}{day}{SP}(?:متوالی|پیاپی)"),
        "course_up_to": re.compile(rf"تا{SP}{r}{SP}{day}"),
        "count": re.compile(rf"(?P<k>تا|برای){SP}{r}{SP}دوز|(?P<single>تک دوز)"),
        "infusion": re.compile(rf"در مدت{SP}{r}{SP}{v.time_units['h']}"),
        # "بعد از 12-24 ساعت همین دوز قابل تکرار است", not "بعد از 36 ساعت تا 2 هفته ... تکرار"
        "repeat_after": re.compile(rf"بعد از{SP}{r}{SP}{u}(?!{SP}(?:تا|-){SP}\d)(?=.{{0,40}}تکرار)"),
        "duration": re.compile(rf"تا{SP}{r}{SP}(?P<u>{v.time_units['mo']})"),
    }


_CONSECUTIVE = re.compile(rf"{SP}(?:متوالی|پیاپی)")
# A word each pattern cannot match without: a substring test is far cheaper than a regex scan.
_NEEDS = {"schedule": "در روز", "every": "هر", "every_one": "هر", "monthly": "ماه", "weekly": "هفت",
          "daily": "روز", "course_total": "روز", "course": "روز", "course_consecutive": "روز",
          "course_up_to": "روز", "count": "دوز", "infusion": "در مدت", "repeat_after": "تکرار", "duration": "ماه"}


def _scan(name: str, text: str):
    """The matches of one timing pattern (none at all when its key word is absent)."""
    return _patterns()[name].finditer(text) if _NEEDS[name] in text else ()


def _unit_code(word: str) -> str:
    return next(code for code, w in vocab().time_units.items() if word.startswith(w))


def read_timing(text: str) -> Timing:
    """Timing phrases in the words that follow a dose (already cut at the next dose or phase)."""
    t = Timing()
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:  # a phrase already read is not read twice
        return not any(m.start() < e and s < m.end() for s, e in taken)

    def take(m: re.Match) -> None:
        taken.append((m.start(), m.end()))
        t.end = max(t.end, m.end())

    for m in _scan("schedule", text):
        t.schedule_days = tuple(int(d) for d in re.findall(r"\d+", m.group("days")))
        take(m)
    for m in _scan("infusion", text):
        if free(m):
            t.infusion_low, t.infusion_high, _ = _range(m.group("r"))
            take(m)
    for m in _scan("repeat_after", text):
        if free(m) and t.every_unit is None:
            t.every_low, t.every_high, _ = _range(m.group("r"))
            t.every_unit = _unit_code(m.group("u"))
            take(m)
    for m in _scan("duration", text):
        if free(m):
            t.duration_low, t.duration_high, _ = _range(m.group("r"))
            t.duration_unit = "mo"
            take(m)
    for name in ("course_total", "course", "course_consecutive", "course_up_to"):
        for m in _scan(name, text):
            if not free(m):
                continue
            low, high, preferred = _range(m.group("r"))
            if high is None:
                t.problems.append(f"unreadable_number: no day count can be read in '{m.group(0)}'")
            elif t.course_high is None:
                t.course_low = None if name == "course_up_to" else low
                t.course_high = high
                t.course_is_total = name == "course_total"
            t.courses.append(m.group(0))
            if after := _CONSECUTIVE.match(text, m.end()):
                t.consecutive = True
                t.end = max(t.end, after.end())
            if preferred:
                t.preferred.append(f"preferably {high:g} days ('{m.group(0)}')")
            take(m)
    for m in _scan("count", text):
        if free(m):
            if m.group("single"):
                t.count_low = t.count_high = 1.0
            else:
                low, high, _ = _range(m.group("r"))
                t.count_low, t.count_high = (None if m.group("k") == "تا" else low), high
            take(m)
    _read_interval(text, t, free, take)
    return t


def _read_interval(text: str, t: Timing, free, take) -> None:
    for m in _scan("daily", text):
        if free(m):
            t.daily = True
            take(m)
    intervals: list[tuple[float | None, float | None, str, str]] = []
    for m in _scan("every", text):
        if free(m):
            low, high, _ = _range(m.group("r"))
            if high is None:
                t.problems.append(f"interval_unquantified: '{m.group(0)}' gives no number")
            intervals.append((low, high, _unit_code(m.group("u")), m.group(0)))
            take(m)
    for m in _scan("every_one", text):
        if free(m):
            intervals.append((1.0, 1.0, _unit_code(m.group("u")), m.group(0)))
            take(m)
    for name, unit in (("monthly", "mo"), ("weekly", "wk")):
        for m in _scan(name, text):
            if free(m):
                intervals.append((1.0, 1.0, unit, m.group(0)))
                take(m)
    if intervals:
        t.every_low, t.every_high, t.every_unit, _ = intervals[0]
        others = {(lo, hi, u) for lo, hi, u, _ in intervals[1:]} - {(t.every_low, t.every_high, t.every_unit)}
        if others:
            t.problems.append("several_intervals: " + "; ".join(f"'{w}'" for *_, w in intervals))
