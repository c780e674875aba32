"""The words after a dose -> its timing: course length, interval, number of doses, infusion time.

Persian states timing after the amount ("400 mg/kg روزانه تا 5 روز", "هر 3-4 هفته", "در مدت 8 تا
12 ساعت", "تا 3 دوز"). Each reading keeps the words it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicon import load
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
    frequency: float | None = None  # "هفته‌ای دو بار": times per interval
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
def _units() -> dict[str, re.Pattern]:
    """FHIR time unit -> the pattern of its words (data/lang/fa.yaml, timing.time_units)."""
    return {code: re.compile("(?:" + "|".join(words) + r")(?![a-zA-Z])", re.I)
            for code, words in load("lang/fa.yaml")["timing"]["time_units"].items()}


@cache
def _patterns() -> dict[str, re.Pattern]:
    """Every timing reading of the pack, its spellings compiled into one pattern per reading."""
    v, data = vocab(), load("lang/fa.yaml")["timing"]
    units = {code: p.pattern for code, p in _units().items()}
    fill = {"{R}": rf"(?P<r>{v.range})", "{U}": "(?P<u>" + "|".join(units.values()) + ")", "{D}": units["d"],
            "{H}": units["h"], "{MO}": units["mo"], "{SP}": SP}

    def compiled(patterns: list[str]) -> re.Pattern:
        alternatives = []
        for i, pattern in enumerate(patterns):
            for key, value in fill.items():
                pattern = pattern.replace(key, value)
            # the same group name may stand in several spellings: number them apart
            alternatives.append(re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{i}>", pattern))
        return re.compile("|".join(f"(?:{a})" for a in alternatives), re.I)

    return {name: compiled(patterns) for name, patterns in data.items()
            if name not in ("time_units", "times_words")}


def _group(m: re.Match, name: str) -> str | None:
    """A named group of a reading, whichever of its spellings matched."""
    return next((value for key, value in m.groupdict().items()
                 if value is not None and key.rsplit("_", 1)[0] == name), None)


def _scan(name: str, text: str):
    """The matches of one timing reading."""
    return _patterns()[name].finditer(text)


def _unit_code(word: str) -> str:
    return next(code for code, pattern in _units().items() if pattern.fullmatch(word.strip()))


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
        t.schedule_days = tuple(int(d) for d in re.findall(r"\d+", _group(m, "days")))
        take(m)
    for m in _scan("infusion", text):
        if free(m):
            t.infusion_low, t.infusion_high, _ = _range(_group(m, "r"))
            take(m)
    for m in _scan("repeat_after", text):
        if free(m) and t.every_unit is None:
            t.every_low, t.every_high, _ = _range(_group(m, "r"))
            t.every_unit = _unit_code(_group(m, "u"))
            take(m)
    for m in _scan("duration", text):
        if free(m):
            t.duration_low, t.duration_high, _ = _range(_group(m, "r"))
            t.duration_unit = "mo"
            take(m)
    for name in ("course_total", "course", "course_consecutive", "course_up_to"):
        for m in _scan(name, text):
            if not free(m):
                continue
            low, high, preferred = _range(_group(m, "r"))
            if high is None:
                t.problems.append(f"unreadable_number: no day count can be read in '{m.group(0)}'")
            elif t.course_high is None:
                t.course_low = None if name == "course_up_to" else low
                t.course_high = high
                t.course_is_total = name == "course_total"
            t.courses.append(m.group(0))
            if after := _patterns()["consecutive_after"].match(text, m.end()):
                t.consecutive = True
                t.end = max(t.end, after.end())
            if preferred:
                t.preferred.append(f"preferably {high:g} days ('{m.group(0)}')")
            take(m)
    for m in _scan("count", text):
        if free(m):
            if _group(m, "single"):
                t.count_low = t.count_high = 1.0
            else:
                low, high, _ = _range(_group(m, "r"))
                t.count_low, t.count_high = (None if _group(m, "k") == "تا" else low), high
            take(m)
    _read_interval(text, t, free, take)
    return t


def _read_interval(text: str, t: Timing, free, take) -> None:
    """The interval (and frequency) of a dose: the first one written wins; others are doubts."""
    for m in _scan("daily", text):
        if free(m):
            t.daily = True
            take(m)
    intervals = _frequencies(text, t, free, take) + _every(text, t, free, take)
    for name, unit in (("monthly", "mo"), ("weekly", "wk")):
        for m in _scan(name, text):
            if free(m):
                intervals.append((m.start(), 1.0, 1.0, unit, m.group(0)))
                take(m)
    if intervals:
        intervals.sort()
        _, t.every_low, t.every_high, t.every_unit, _ = intervals[0]
        others = {(lo, hi, u) for _, lo, hi, u, _ in intervals[1:]} - {(t.every_low, t.every_high, t.every_unit)}
        if others:
            t.problems.append("several_intervals: " + "; ".join(f"'{w}'" for *_, w in intervals))


def _frequencies(text: str, t: Timing, free, take) -> list[tuple]:
    """"هفته‌ای دو بار", "twice weekly": N times in one unit (the unit is the interval, N the frequency)."""
    found = []
    words = load("lang/fa.yaml")["timing"]["times_words"]
    for name in ("times_per", "times_per_fixed"):
        for m in _scan(name, text):
            if not free(m):
                continue
            n = _group(m, "n")
            low, high, _ = _range(n) if n not in words else (float(words[n]), float(words[n]), False)
            unit = _unit_code(_group(m, "u")) if _group(m, "u") else _fixed_unit(_group(m, "fu"))
            t.frequency = high if low == high else None
            if low != high:
                t.problems.append(f"frequency_range: '{m.group(0)}' gives a range of times per interval")
            found.append((m.start(), 1.0, 1.0, unit, m.group(0)))
            take(m)
    return found


def _fixed_unit(word: str) -> str:
    """weekly/week -> wk, daily/day -> d, monthly/month -> mo."""
    return {"w": "wk", "d": "d", "m": "mo"}[word.lower()[0]]


def _every(text: str, t: Timing, free, take) -> list[tuple]:
    """"هر 3-4 هفته", "دو هفته یک بار", "یک روز در میان", "هر هفته": every N units."""
    found = []
    for name in ("every_n_once", "every", "every_other", "every_one"):
        for m in _scan(name, text):
            if not free(m):
                continue
            unit = _unit_code(_group(m, "u"))
            if name == "every_other":
                low = high = 2.0
            elif name == "every_one":
                low = high = 1.0
            else:
                low, high, _ = _range(_group(m, "r"))
                if high is None:
                    t.problems.append(f"interval_unquantified: '{m.group(0)}' gives no number")
            found.append((m.start(), low, high, unit, m.group(0)))
            take(m)
    return found
