"""The words around a dose -> its timing: course length, interval, frequency, number of doses, infusion.

Each reading of the language pack (data/lang/<lang>.yaml, `timing`) is a list of spellings: "400 mg/kg
روزانه تا 5 روز", "هر 3-4 هفته", "هفته‌ای دو بار", "每 3-4 周一次", "连用 5 天". A phrase read once is not
read again; every reading keeps the words it came from.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import islice

from ..compiled import regex
from ..gate import Gated, LiveNames, gated
from ..lexicon import load
from ..records import Reason
from .pack import lead_chars
from .records import Timing
from .vocab import SP, read_number, vocab

__all__ = ["Timing", "read_timing"]

_COURSES = ("course_total", "course_consecutive", "course", "course_up_to")
_NOT_PATTERNS = ("time_units", "times_words", "days_per_unit", "count_up_to", "give_verbs", "ordinals")


def _range(text: str, lang: str) -> tuple[float | None, float | None, bool]:
    """(low, high, preferred) of a written range in either order; (None, None) when unreadable."""
    number, preferably = _range_patterns(lang)
    try:
        values = [_number(m.group(0), lang) for m in number.finditer(text)]
    except ValueError:
        return None, None, False
    if not values or None in values:
        return None, None, False
    return min(values), max(values), bool(preferably.search(text))


@lru_cache(maxsize=4096)
def _number(word: str, lang: str) -> float | None:
    """read_number of one number as written ("400", "两"), kept: few are written, each read many times."""
    return read_number(word, lang)


@cache
def _range_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """The pack's number and "preferably" patterns, compiled once (not looked up per range)."""
    v = vocab(lang)
    return regex(v.number), regex(v.preferably)


@cache
def _spec(lang: str) -> dict:
    return load(f"lang/{lang}.yaml")["timing"]


@cache
def _units(lang: str) -> dict[str, re.Pattern]:
    """FHIR time unit -> the pattern of its words (timing.time_units)."""
    return {code: regex("(?:" + "|".join(words) + r")(?![a-zA-Z])", re.I)
            for code, words in _spec(lang)["time_units"].items()}


@cache
def _spelled(lang: str) -> dict[str, tuple[str, ...]]:
    """Every timing reading of the pack -> the sources of its spellings, their placeholders filled."""
    v = vocab(lang)
    units = {code: p.pattern for code, p in _units(lang).items()}
    any_unit = "(?:" + "|".join(units.values()) + ")"
    # "连续3天至5天", "3 روز تا 5 روز": a range whose low end repeats the unit (the unit after it is read as {U})
    unit_both_ends = rf"{v.number}{SP}(?P<ru>{any_unit}){SP}(?:{v.range_joiners}){SP}{v.number}(?={SP}(?P=ru))"
    ranged = rf"(?P<r>{unit_both_ends}|{v.range})"
    # the number and range patterns start with look-behinds and many alternatives, tried in full at every
    # position where a spelling starts with them: behind the lookahead of their first characters (read from
    # re's parse, exact) most positions fail at one test
    fill = {"{R}": lead_chars(ranged, re.I) + ranged, "{U}": "(?P<u>" + "|".join(units.values()) + ")", "{D}": units["d"],
            "{H}": units["h"], "{MO}": units["mo"], "{WK}": units["wk"], "{N}": lead_chars(v.number, re.I) + v.number,
            "{UW}": any_unit,
            "{GIVE}": "(?:" + "|".join(_spec(lang).get("give_verbs") or ["(?!)"]) + ")", "{SP}": SP,
            "{ORD}": "|".join(sorted(_spec(lang).get("ordinals") or {"(?!)": 0}, key=len, reverse=True))}

    def filled(patterns: list[str]) -> tuple[str, ...]:
        alternatives = []
        for i, pattern in enumerate(patterns):
            pattern = pattern.replace(" ", "[ \u200c]")  # a space in the data matches a space or a ZWNJ
            for key, value in fill.items():
                pattern = pattern.replace(key, value)
            # the same group name may stand in several spellings: number them apart
            alternatives.append(re.sub(r"\(\?P([<=])(\w+)([>)])", lambda m: f"(?P{m.group(1)}{m.group(2)}_{i}{m.group(3)}",
                                       pattern))
        return tuple(alternatives)

    return {name: filled(patterns) for name, patterns in _spec(lang).items() if name not in _NOT_PATTERNS}


@cache
def _patterns(lang: str) -> dict[str, re.Pattern | Gated]:
    """Every timing reading of the pack, its spellings compiled into one pattern per reading, behind the gate
    of the words it cannot match without (the reader runs the spellings apart, _spellings: the same matches)."""
    return {name: gated(regex("|".join(f"(?:{a})" for a in alternatives), re.I))
            for name, alternatives in _spelled(lang).items()}


def _group(m: re.Match, name: str) -> str | None:
    """A named group of a reading, whichever of its spellings matched (the first set, in the pattern's order)."""
    groups = _GROUPS.get(m.re.pattern)
    if groups is None:
        groups = _GROUPS[m.re.pattern] = _group_numbers(m.re)
    numbers = groups.get(name)
    if not numbers:
        return None
    for value in m.group(*numbers) if len(numbers) > 1 else (m.group(numbers[0]),):
        if value is not None:
            return value
    return None


# a reading's pattern (its source) -> its group names as the pack writes them -> their numbers: read from the
# pattern once, not from each match's groupdict (one entry per reading of a pack)
_GROUPS: dict[str, dict[str, tuple[int, ...]]] = {}


def _group_numbers(pattern: re.Pattern) -> dict[str, tuple[int, ...]]:
    """Group name -> the numbers of its groups, in order: one per spelling holding it ("u" stands as u_0, u_3)."""
    numbers: dict[str, tuple[int, ...]] = {}
    for key, number in sorted(pattern.groupindex.items(), key=lambda item: item[1]):
        name = key.rsplit("_", 1)[0]
        numbers[name] = numbers.get(name, ()) + (number,)
    return numbers


@lru_cache(maxsize=1024)
def _unit_code(word: str, lang: str) -> str:
    """The FHIR code of a unit word as written ("هفته", "周", "weeks"), kept: a pack has few of them."""
    return next(code for code, pattern in _units(lang).items() if pattern.fullmatch(word.strip()))


class _Reader:
    """The timing of one stretch of text, read reading by reading; a phrase is read once."""

    __slots__ = ("text", "lang", "spellings", "t", "taken", "divided_at")

    def __init__(self, text: str, lang: str, spellings: dict[str, tuple[re.Pattern, ...]]):
        self.text, self.lang = text, lang
        # the live readings (their words stand in the text; the others cannot match: not run) -> their
        # spellings whose words stand in it, in order
        self.spellings = spellings
        self.t = Timing()
        self.taken: list[tuple[int, int]] = []
        self.divided_at: int | None = None  # where "分2次" stands: a daily word after it times the parts

    def scan(self, name: str):
        """The reading's matches that overlap no phrase read before (tested as each is reached: a match
        taken while the loop runs hides the later ones it overlaps)."""
        spellings = self.spellings.get(name)
        if not spellings:
            return ()
        if len(spellings) == 1:
            return _untaken(spellings[0].finditer(self.text), self.taken)
        return _untaken(_leftmost(spellings, self.text, lambda: _raw_patterns(self.lang)[name]), self.taken)

    def after(self, name: str, at: int) -> re.Match | None:
        """The reading's match right at `at`: its first spelling matching there, as the alternation of them
        would find (a pack may lack the reading; a reading not live finds none)."""
        for spelling in self.spellings.get(name, ()):
            if m := spelling.match(self.text, at):
                return m
        return None

    def take(self, m: re.Match) -> None:
        self.taken.append((m.start(), m.end()))
        self.t.end = max(self.t.end, m.end())
        self.t.start = min(self.t.start, m.start()) if self.t.start is not None else m.start()

    def range(self, m: re.Match, name: str = "r") -> tuple[float | None, float | None, bool]:
        return _range(_group(m, name) or "", self.lang)


def _leftmost(spellings: tuple[re.Pattern, ...], text: str, whole: Callable[[], re.Pattern]):
    """The matches of the alternation of the spellings (`whole()` compiles it), in order, from each spelling's
    own search: the leftmost match, at a tie the first spelling's (re tries an alternation's branches in
    order), the next searched from where it ends. After an empty match re forbids another empty one at the
    same place, which separate searches cannot follow: from there the alternation itself goes on."""
    nexts = [spelling.search(text) for spelling in spellings]
    done = 0
    while True:
        best = None
        for m in nexts:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        end = best.end()
        if end == best.start():
            yield from islice(whole().finditer(text), done, None)
            return
        yield best
        done += 1
        # a spelling whose next match starts before the end is searched again from there; the others keep it
        nexts = [spelling.search(text, end) if m is not None and m.start() < end else m
                 for spelling, m in zip(spellings, nexts)]


def _untaken(matches, taken: list[tuple[int, int]]):
    """The matches overlapping none of the spans taken (the list as it stands when each match is reached)."""
    for m in matches:
        start, end = m.span()
        for s, e in taken:
            if start < e and s < end:
                break
        else:
            yield m


@cache
def _raw_patterns(lang: str) -> dict[str, re.Pattern]:
    """The readings without their gates."""
    return {name: getattr(p, "pattern_", p) for name, p in _patterns(lang).items()}


@cache
def _spellings(lang: str) -> dict[tuple[str, int], re.Pattern]:
    """(reading, number) -> one spelling of a reading, compiled apart. A reading's pattern is tried at every
    position of the text, each of its spellings there; run apart, only the spellings whose words stand in
    the text are (a spelling alone finds what it finds in the alternation: _leftmost)."""
    return {(name, i): regex(source, re.I) for name, alternatives in _spelled(lang).items()
            for i, source in enumerate(alternatives)}


_MAX_ANSWERS = 4096  # kept answers of _Live, one per combination of spellings found (as LiveNames keeps)


class _Live:
    """A text -> the reading steps to run, and the live readings' spellings whose words stand in it
    (LiveNames over the spellings: one search of the text; each combination found is sorted out once)."""

    __slots__ = ("lang", "names", "answers")

    def __init__(self, lang: str):
        self.lang = lang
        self.names = LiveNames(_spellings(lang))
        self.answers: dict[frozenset, tuple[tuple, dict[str, tuple[re.Pattern, ...]]]] = {}

    def __call__(self, text: str) -> tuple[tuple, dict[str, tuple[re.Pattern, ...]]]:
        found = self.names(text)
        answer = self.answers.get(found)
        if answer is None:
            answer = self._sorted_out(found)
            if len(self.answers) < _MAX_ANSWERS:
                self.answers[found] = answer
        return answer

    def _sorted_out(self, found: frozenset) -> tuple[tuple, dict[str, tuple[re.Pattern, ...]]]:
        spelled = _spellings(self.lang)
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
    ordinals = _spec(r.lang).get("ordinals") or {}
    for m in r.scan("schedule"):
        words = re.findall(r"\d+|[^\W\d_]+", _group(m, "days"))  # digits, or ordinal words ("دوم و سوم")
        days = tuple(int(w) if w.isdigit() else ordinals[w] for w in words if w.isdigit() or w in ordinals)
        r.t.schedule_days = days
        if len(days) > 1 and days == tuple(range(days[0], days[0] + len(days))):
            # "第1、2天", "در روزهای دوم و سوم": consecutive days, a course of as many days, one dose on each
            r.t.course_low = r.t.course_high = float(len(days))
            r.t.consecutive = True
        r.take(m)


def _day_span(r: _Reader) -> None:
    """"第1~5天", "d1~5", "روزهای 1 تا 5", "از روز اول تا پنجم": the first and the last day of giving, a
    course of consecutive days, a dose on each of them (given daily, whether the amount is each day's or
    the course's: the basis rule decides that, so the span does not say "daily")."""
    ordinals = _spec(r.lang).get("ordinals") or {}
    for m in r.scan("day_span"):
        first, last = (int(ordinals.get(d, 0) or d) for d in (_group(m, "a"), _group(m, "b")))
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
        r.t.repeat_after_unit = _unit_code(_group(m, "u"), r.lang)
        r.take(m)


def _duration(r: _Reader) -> None:
    for m in r.scan("duration"):
        r.t.duration_low, r.t.duration_high, _ = r.range(m)
        r.t.duration_unit = "mo"
        r.take(m)


def _courses(r: _Reader) -> None:
    for name in _COURSES:
        if name in r.spellings:
            _course(r, name)


def _course(r: _Reader, name: str) -> None:
    t = r.t
    for m in r.scan(name):
        low, high, preferred = r.range(m)
        unit = _group(m, "u")
        if unit and high is not None:  # a course written in weeks or months ("持续4周", "前 3 个月内")
            code = _unit_code(unit, r.lang)
            t.course_unit = code
            days = float(_spec(r.lang)["days_per_unit"][code])
            low, high = (low * days if low is not None else None), high * days
            if code == "mo":
                t.problems.append(Reason("course_in_months", f"'{m.group(0)}' read at {days:g} days a month"))
        if high is None:
            t.problems.append(Reason("unreadable_number", f"no day count can be read in '{m.group(0)}'"))
        elif t.course_high is None:
            t.course_low = None if name == "course_up_to" else low
            t.course_high = high
            t.course_is_total = name == "course_total"
        t.courses.append(m.group(0))
        t.consecutive = t.consecutive or name == "course_consecutive"
        if after := r.after("consecutive_after", m.end()):
            # "طی 2 تا 5 روز متوالی" spreads the amount over the days (a total); "در 2 روز پشت سر هم" may
            # mean each day or in all: left to the basis rule, which flags it
            t.consecutive = name != "course_total" or low != high
            t.course_is_total = t.course_is_total and low != high
            t.end = max(t.end, after.end())
        _course_doubts(r, m, high, preferred)
        r.take(m)


def _course_doubts(r: _Reader, m: re.Match, high: float | None, preferred: bool) -> None:
    """A preferred length is noted; another length right after the course ("连续3天至2周", "连用3天或5天":
    units that differ, or an alternative) is a second course, flagged, never left unread."""
    if preferred:
        r.t.preferred.append(f"preferably {high:g} days ('{m.group(0)}')")
    if after := r.after("course_more", m.end()):
        r.t.problems.append(Reason("several_courses", f"'{m.group(0)}' then '{after.group(0).strip()}'"))
        r.take(after)


def _count(r: _Reader) -> None:
    up_to = set(_spec(r.lang).get("count_up_to", ()))
    for m in r.scan("count"):
        if _group(m, "single"):
            r.t.count_low = r.t.count_high = 1.0
        else:
            low, high, _ = r.range(m)
            r.t.count_low, r.t.count_high = (None if _group(m, "k") in up_to else low), high
            if _group(m, "divided") is not None:
                r.t.count_divided, r.divided_at = True, m.start()
        r.take(m)


def _interval(r: _Reader) -> None:
    """The interval (and frequency) of a dose: the first one written wins; others are doubts."""
    t = r.t
    for m in r.scan("daily"):
        t.daily = True
        # "2 g/kg，分2次，每日1次": one part a day, so the parts are the doses ("每日…，分2次" is not)
        t.count_divided = t.count_divided and (r.divided_at is None or m.start() < r.divided_at)
        r.take(m)
    intervals = _frequencies(r) + _every(r)
    for name, unit in (("monthly", "mo"), ("weekly", "wk")):
        for m in r.scan(name):
            intervals.append((m.start(), 1.0, 1.0, unit, m.group(0)))
            r.take(m)
    if intervals:
        intervals.sort()
        _, t.every_low, t.every_high, t.every_unit, _ = intervals[0]
        others = {(lo, hi, u) for _, lo, hi, u, _ in intervals[1:]} - {(t.every_low, t.every_high, t.every_unit)}
        if others:
            t.problems.append(Reason("several_intervals", "; ".join(f"'{w}'" for *_, w in intervals)))


def _frequencies(r: _Reader) -> list[tuple]:
    """"هفته‌ای دو بار", "每周2次", "twice weekly": N times in one unit (the unit is the interval)."""
    found = []
    words = _spec(r.lang).get("times_words") or {}
    for name in ("times_per", "times_per_fixed"):
        for m in r.scan(name):
            n = _group(m, "n")
            low, high, _ = (float(words[n.lower()]),) * 2 + (False,) if n.lower() in words else _range(n, r.lang)
            unit = _unit_code(_group(m, "u"), r.lang) if _group(m, "u") else _fixed_unit(_group(m, "fu"))
            r.t.frequency = high if low == high else None
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
    for name in ("every", "every_n_once", "every_other", "every_other_day", "every_skip", "every_one"):
        for m in r.scan(name):
            unit = "d" if name == "every_other_day" else _unit_code(_group(m, "u"), r.lang)
            if name in ("every_other", "every_other_day", "every_one"):
                low = high = 1.0 if name == "every_one" else 2.0
            else:
                low, high, _ = r.range(m)
                if high is None:
                    r.t.problems.append(Reason("interval_unquantified", f"'{m.group(0)}' gives no number"))
            if name == "every_skip" and high != 1.0:
                r.t.problems.append(Reason("interval_ambiguous", f"'{m.group(0)}' may mean every N or every N+1 {unit}"))
            found.append((m.start(), low, high, unit, m.group(0)))
            r.take(m)
    return found


# the reading steps in their order (a phrase read by one is not read by the next), each with the readings it
# scans
_STEPS = ((_schedule, {"schedule"}), (_day_span, {"day_span"}),
          (_infusion, {"infusion_at_least", "infusion", "infusion_minutes"}), (_repeat_after, {"repeat_after"}),
          (_duration, {"duration"}), (_courses, set(_COURSES)), (_count, {"count"}),
          (_interval, {"daily", "times_per", "times_per_fixed", "every", "every_n_once", "every_other",
                       "every_other_day", "every_skip", "every_one", "monthly", "weekly"}))
