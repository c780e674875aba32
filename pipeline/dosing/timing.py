"""The words around a dose -> its timing: course length, interval, frequency, number of doses, infusion.

Each reading of the language pack (data/lang/<lang>.yaml, `timing`) is a list of spellings: "400 mg/kg
روزانه تا 5 روز", "هر 3-4 هفته", "هفته‌ای دو بار", "每 3-4 周一次", "连用 5 天". A phrase read once is not
read again; every reading keeps the words it came from.
"""
from __future__ import annotations

import re
from functools import cache

from ..live_names import LiveNames
from ..records import Reason
from .records import Timing
from .timing_reader import TimingReader as _Reader
from .timing_spellings import group, group_end, number, numbered, read_range, spec, spelling_patterns, unit_code

__all__ = ["Timing", "read_timing"]

_COURSES = ("course_total", "course_consecutive", "course", "course_up_to")


_DIGIT = re.compile(r"\d")
_MAX_ANSWERS = 4096  # kept answers of _Live, one per combination of spellings found (as LiveNames keeps)
_Answer = tuple[tuple, dict[str, tuple[re.Pattern, ...]]]  # the steps to run, the live readings' spellings


class _Live:
    """A text -> the reading steps to run, and the live readings' spellings whose words stand in it
    (LiveNames over the spellings: one search of the text; each combination found is sorted out once).
    A spelling that needs a number (timing_spellings.numbered) is dropped where no digit stands and the pack's
    number finds nothing: a dose word with no number ("دوز" alone) leaves the range readings unrun."""

    __slots__ = ("lang", "names", "number", "answers")

    def __init__(self, lang: str):
        self.lang = lang
        self.names = LiveNames(spelling_patterns(lang))
        self.number = number(lang)
        # found -> (steps, spellings) with every found spelling, and without those needing a number (None
        # when none does: the number need not be looked for)
        self.answers: dict[frozenset, tuple[_Answer, _Answer | None]] = {}

    def __call__(self, text: str) -> _Answer:
        found = self.names(text)
        answer = self.answers.get(found)
        if answer is None:
            answer = self._sorted_out(found), None
            if not numbered(self.lang).isdisjoint(found):
                answer = answer[0], self._sorted_out(found - numbered(self.lang))
            if len(self.answers) < _MAX_ANSWERS:
                self.answers[found] = answer
        every, unnumbered = answer
        # exact: each match of a numbered spelling holds a match of the number, which a search of the whole
        # text (the same pattern and flags) then finds. Where a digit stands (most texts with such spellings
        # live) a number most likely does too: all are kept, not searched for (a digit costs a C scan)
        if unnumbered is None or _DIGIT.search(text) or self.number.search(text):
            return every
        return unnumbered

    def _sorted_out(self, found: frozenset) -> _Answer:
        spelled = spelling_patterns(self.lang)
        spellings: dict[str, tuple[re.Pattern, ...]] = {}
        for name, i in sorted(found):
            spellings[name] = spellings.get(name, ()) + (spelled[name, i],)
        # a step none of whose readings is live would read nothing
        return tuple(step for step, names in _STEPS if not names.isdisjoint(spellings)), spellings


@cache
def _live(lang: str) -> _Live:
    return _Live(lang)


def read_timing(text: str, lang: str = "fa") -> Timing:
    """Timing phrases in the words around a dose (already cut at the next dose or phase)."""
    if len(text.strip()) < 2:  # nothing around the amount (most amounts end their statement)
        return Timing()
    steps, spellings = _live(lang)(text)
    if not steps:  # no reading's words stand in the text: nothing to read (most windows)
        return Timing()
    reader = _Reader(text, lang, spellings)
    for step in steps:
        step(reader)
    return reader.t


def _schedule(r: _Reader) -> None:
    ordinals = spec(r.lang).get("ordinals") or {}
    for m in r.scan("schedule"):
        # digits, maybe signed on either side ("-7", "7-": a day before the event), or ordinal words ("دوم و سوم")
        words = re.findall(r"[-\u2212]?\d+[-\u2212]?|[^\W\d_]+", group(m, "days"))
        numbers = [w for w in words if any(c.isdigit() for c in w)]
        if len({w[0].isdigit() and w[-1].isdigit() for w in numbers}) > 1:  # "1 و 15-": a minus or a dash?
            r.t.problems.append(Reason("timing_unread", f"'{m.group(0).strip()}': days with and without a minus sign"))
            r.take(m)
            continue
        days = tuple(_day(w) if w in numbers else ordinals[w] for w in words if w in numbers or w in ordinals)
        r.t.schedule_days = days
        if len(days) > 1 and days == tuple(range(days[0], days[0] + len(days))):
            # "第1、2天", "در روزهای دوم و سوم": consecutive days, a course of as many days, one dose on each
            r.t.course_low = r.t.course_high = float(len(days))
            r.t.consecutive = True
        r.take(m)


def _day(word: str) -> int:
    """A day's number as written, a sign before or after it making it negative ("-7", "7-")."""
    digits = word.strip("-\u2212")
    return -int(digits) if digits != word else int(digits)


def _day_span(r: _Reader) -> None:
    """"第1~5天", "d1~5", "روزهای 1 تا 5", "از روز اول تا پنجم": the first and the last day of giving, a
    course of consecutive days, a dose on each of them (given daily, whether the amount is each day's or
    the course's: the basis rule decides that, so the span does not say "daily")."""
    ordinals = spec(r.lang).get("ordinals") or {}
    for m in r.scan("day_span"):
        first, last = (int(ordinals.get(d, 0) or d) for d in (group(m, "a"), group(m, "b")))
        if last > first and r.t.course_high is None:
            r.t.course_low = r.t.course_high = float(last - first + 1)
            r.t.consecutive = r.t.day_span = True
        r.take(m)


def _infusion(r: _Reader) -> None:
    for m in r.scan("infusion_at_least"):  # "در مدت حداقل 3 ساعت": the shortest infusion only
        r.t.infusion_low, _, _ = r.range(m)
        r.take(m)
    for m in r.scan("infusion"):
        r.t.infusion_low, r.t.infusion_high, _ = r.range(m)
        r.take(m)
    for m in r.scan("infusion_minutes"):  # "输注时间90分钟", "در مدت 90 دقیقه": hours, as the column says
        low, high, _ = r.range(m)
        if high is not None:
            r.t.infusion_low, r.t.infusion_high = low / 60, high / 60
        r.take(m)


def _repeat_after(r: _Reader) -> None:
    """"بعد از 12-24 ساعت همین دوز قابل تکرار است": one repeat, after a wait (not an interval)."""
    for m in r.scan("repeat_after"):
        r.t.repeat_after_low, r.t.repeat_after_high, _ = r.range(m)
        r.t.repeat_after_unit = unit_code(group(m, "u"), r.lang)
        r.take(m)
        # "24小时后重复1次", "پس از 24 ساعت یک بار تکرار شود": with no word of possibility (nor of a period) a
        # written number of repeats (from the wait on) is given, and the regimen counts them; "4周后重复" with
        # no number may be once or more: left to the regimen's one or two doses
        if r.t.repeat_after_unit and not _any(r, "repeat_may") and not _any(r, "repeat_periodic"):
            counts = [c for p in r.spellings.get("count_repeat", ()) for c in p.finditer(r.text, m.start())]
            if counts:
                r.t.repeat_times = r.range(min(counts, key=lambda c: c.start()))[1]


def _any(r: _Reader, name: str) -> bool:
    """Whether a spelling of the reading stands anywhere in the text (read or not)."""
    return any(p.search(r.text) for p in r.spellings.get(name, ()))


def _duration(r: _Reader) -> None:
    for m in r.scan("duration"):
        r.t.duration_low, r.t.duration_high, _ = r.range(m)
        r.t.duration_unit = "mo"
        r.take(m)


def _courses(r: _Reader) -> None:
    for name in r.live(_COURSES):
        _course(r, name)


def _course(r: _Reader, name: str) -> None:
    t = r.t
    for m in r.scan(name):
        low, high, preferred = r.range(m)
        unit = group(m, "u")
        if unit and high is not None:  # a course written in weeks or months ("持续4周", "前 3 个月内")
            code = unit_code(unit, r.lang)
            t.course_unit = code
            days = float(spec(r.lang)["days_per_unit"][code])
            low, high = (low * days if low is not None else None), high * days
            if code == "mo":
                t.problems.append(Reason("course_in_months", f"'{m.group(0)}' read at {days:g} days a month"))
        if high is None:
            t.problems.append(Reason("unreadable_number", f"no day count can be read in '{m.group(0)}'"))
        elif t.course_high is None:
            t.course_low = None if name == "course_up_to" else low
            t.course_high = high
            t.course_is_total = name == "course_total"
            t.bare_course = group(m, "bare") is not None
        t.courses.append(m.group(0))
        t.daily = t.daily or group(m, "daily") is not None  # "1 g/kg | روزانه | 2 روز": the daily cell read with it
        t.consecutive = t.consecutive or name == "course_consecutive"
        _consecutive_after(r, m, name, low != high)
        _course_doubts(r, m, high, preferred)
        # "0.4g/kg|每日2次|5天": a cell of times a day between the amount and the days is left to the frequency
        r.take(m, group_end(m, "cell"))


def _consecutive_after(r: _Reader, m: re.Match, name: str, a_range: bool) -> None:
    """"طی 2 تا 5 روز متوالی" spreads the amount over the days (a total); "در 2 روز پشت سر هم" may mean each
    day or in all: left to the basis rule, which flags it; "تقسیم در 3 روز متوالی": a divide word before the
    days (group divided) says in total, whatever follows them."""
    if after := r.after("consecutive_after", m.end()):
        t, divided = r.t, group(m, "divided") is not None
        t.consecutive = name != "course_total" or a_range or divided
        t.course_is_total = t.course_is_total and (a_range or divided)
        t.end = max(t.end, after.end())


def _course_doubts(r: _Reader, m: re.Match, high: float | None, preferred: bool) -> None:
    """A preferred length is noted; another length right after the course ("连续3天至2周", "连用3天或5天":
    units that differ, or an alternative) is a second course, flagged, never left unread."""
    if preferred:
        r.t.preferred.append(f"preferably {high:g} days ('{m.group(0)}')")
    if after := r.after("course_more", m.end()):
        r.t.problems.append(Reason("several_courses", f"'{m.group(0)}' then '{after.group(0).strip()}'"))
        r.take(after)


def _count(r: _Reader) -> None:
    up_to = spec(r.lang).get("count_up_to", ())  # a few words: a set of them cost more to build than to test
    seen: list[tuple] = []
    for m in r.scan("count"):
        single = bool(group(m, "single"))
        low, high, _ = (1.0, 1.0, False) if single else r.range(m)
        count = (None if group(m, "k") in up_to else low), high
        if not seen or (r.t.single and not single and group(m, "k") is not None):
            # ("每日一次，共3次": a once left by the interval, then the doses counted in total: the total's)
            r.t.count_low, r.t.count_high = count
            r.t.single, r.t.times = single, not single and group(m, "times") is not None
            r.t.count_in = group(m, "k") in spec(r.lang).get("count_in", ())
        elif count not in seen:  # "×5，一次输注": two numbers of doses that disagree; neither is picked
            _counts_doubted(r, m, seen)
        seen.append(count)
        if not single and group(m, "divided") is not None:
            r.t.count_divided, r.divided_at = True, m.start()
        r.take(m)


def _counts_doubted(r: _Reader, m: re.Match, seen: list[tuple]) -> None:
    if r.t.count_high is not None:
        r.t.problems.append(Reason("several_counts", f"'{m.group(0)}' after another number of doses"))
    r.t.count_low = r.t.count_high = None
    r.t.single = r.t.times = False


def _interval(r: _Reader) -> None:
    """The interval (and frequency) of a dose: the first one written wins; others are doubts."""
    t = r.t
    for m in r.scan("daily"):
        t.daily = True
        # "2 g/kg，分2次，每日1次": one part a day, so the parts are the doses ("每日…，分2次" is not)
        t.count_divided = t.count_divided and (r.divided_at is None or m.start() < r.divided_at)
        r.take(m)
    _parts_a_day(r)
    for m in r.scan("interval_ambiguous"):  # "biweekly": every two weeks or twice a week? never guessed
        t.problems.append(Reason("interval_ambiguous", f"'{m.group(0)}' may mean every two units or twice in one"))
        r.take(m)
    intervals = _frequencies(r) + _every(r)
    for name in r.live(("monthly", "weekly")):
        for m in r.scan(name):
            intervals.append((m.start(), 1.0, 1.0, _PERIODIC[name], m.group(0)))
            r.take(m)
    if intervals:
        intervals.sort()
        _, t.every_low, t.every_high, t.every_unit, _ = intervals[0]
        others = {(lo, hi, u) for _, lo, hi, u, _ in intervals[1:]} - {(t.every_low, t.every_high, t.every_unit)}
        if others:
            t.problems.append(Reason("several_intervals", "; ".join(f"'{w}'" for *_, w in intervals)))


def _parts_a_day(r: _Reader) -> None:
    """"总量2 g/kg，分2次给予，每日1次": an amount divided into N parts, one given each day (the pack's
    `one_part_a_day` after the division), is spread over N days: a course of N days, unless the words give
    one. A daily word alone after the division ("در 4 دوز منقسم روزانه") may mean N doses a day: no course."""
    t = r.t
    if (r.divided_at is None or not t.daily or t.course_high is not None or t.count_low is None
            or t.count_low != t.count_high):
        return
    if any(spelling.search(r.text, r.divided_at) for spelling in r.spellings.get("one_part_a_day", ())):
        t.course_low = t.course_high = t.count_high
        t.course_is_total = True


_PERIODIC = {"monthly": "mo", "weekly": "wk"}  # a reading of a periodic word -> its interval's unit


def _frequencies(r: _Reader) -> list[tuple]:
    """"هفته‌ای دو بار", "每周2次", "twice weekly": N times in one unit (the unit is the interval)."""
    found = []
    words = spec(r.lang).get("times_words") or {}
    for name in r.live(("times_per", "times_per_fixed")):
        for m in r.scan(name):
            n = group(m, "n")
            low, high, _ = (float(words[n.lower()]),) * 2 + (False,) if n.lower() in words else read_range(n, r.lang)
            unit = unit_code(group(m, "u"), r.lang) if group(m, "u") else _fixed_unit(group(m, "fu"))
            r.t.frequency = high if low == high else None
            r.t.days_a_week = group(m, "days_a") is not None
            if low != high:
                r.t.problems.append(Reason("frequency_range", f"'{m.group(0)}' gives a range of times per interval"))
            found.append((m.start(), 1.0, 1.0, unit, m.group(0)))
            r.take(m)
    return found


def _fixed_unit(word: str) -> str:
    """weekly/week -> wk, daily/day -> d, monthly/month -> mo."""
    return {"w": "wk", "d": "d", "m": "mo"}[word.lower()[0]]


def _every(r: _Reader) -> list[tuple]:
    """"هر 3-4 هفته", "دو هفته یک بار", "یک روز در میان", "每隔两天": every N units."""
    found = []
    for name in r.live(("every", "every_n_once", "every_other", "every_other_day", "every_skip", "every_one")):
        for m in r.scan(name):
            unit = "d" if name == "every_other_day" else unit_code(group(m, "u"), r.lang)
            if name in ("every_other", "every_other_day", "every_one"):
                low = high = 1.0 if name == "every_one" else 2.0
            else:
                low, high, _ = r.range(m)
                if high is None:
                    r.t.problems.append(Reason("interval_unquantified", f"'{m.group(0)}' gives no number"))
            if name == "every_skip" and high != 1.0:
                r.t.problems.append(Reason("interval_ambiguous", f"'{m.group(0)}' may mean every N or every N+1 {unit}"))
            found.append((m.start(), low, high, unit, m.group(0)))
            r.t.every_course = r.t.every_course or group(m, "course") is not None  # "每4周1个疗程"
            r.take(m)
    return found


def _repeats(r: _Reader) -> None:
    """"间隔24 h重复1次", "یک بار تکرار شود": one dose repeated N times is N + 1 doses; a word of possibility
    ("必要时", "در صورت نیاز") makes it at most N + 1. A course, a daily dose, a schedule or a periodic interval
    ("每4周重复1次", "هر 4 هفته یک بار تکرار") repeated says nothing of its number of doses: read (not left to
    another reading), no count."""
    t = r.t
    for m in r.scan("count_repeat"):
        r.take(m)
        low, high, _ = r.range(m)
        if (high is None or t.count_high is not None or t.daily or t.course_high is not None or t.schedule_days
                or t.repeat_after_unit or _any(r, "repeat_periodic")):
            continue
        may = _any(r, "repeat_may")
        t.count_low, t.count_high = (1.0 if may else low + 1), high + 1
        t.count_of_repeats = None if may else high


# the reading steps in their order (a phrase read by one is not read by the next), each with the readings it
# scans
_STEPS = ((_schedule, {"schedule"}), (_day_span, {"day_span"}),
          (_infusion, {"infusion_at_least", "infusion", "infusion_minutes"}), (_repeat_after, {"repeat_after"}),
          (_duration, {"duration"}), (_courses, set(_COURSES)), (_count, {"count"}),
          (_interval, {"daily", "one_part_a_day", "interval_ambiguous", "times_per", "times_per_fixed", "every",
                       "every_n_once", "every_other", "every_other_day", "every_skip", "every_one", "monthly", "weekly"}),
          (_repeats, {"count_repeat", "repeat_may", "repeat_periodic"}))
