"""The pack's timing readings -> their spellings, compiled: which of them stand in a text, and their
matches in reading order.

Each reading of the language pack (data/lang/<lang>.yaml, `timing`) is a list of spellings with
placeholders ({R} a range, {U} a time unit, {N} a number ...). They are filled here once per language and
compiled one by one, so the reader (timing.py) runs only the spellings whose words stand in a text, and
merges their matches as the alternation of them would. The groups, ranges and unit words of a match are
read here too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import islice

from ..compiled import regex
from ..gate import Gated, gated, requires
from ..lexicon import load
from .pack import lead_chars
from .vocab import SP, read_number, vocab

__all__ = ["group", "leftmost", "number", "numbered", "patterns", "raw_patterns", "read_range", "spec", "spelled",
           "spelling_patterns", "unit_code", "unit_patterns", "untaken"]

_NOT_PATTERNS = ("time_units", "times_words", "days_per_unit", "count_up_to", "count_in", "give_verbs", "ordinals")


def read_range(text: str, lang: str) -> tuple[float | None, float | None, bool]:
    """(low, high, preferred) of a written range in either order; (None, None) when unreadable."""
    number, preferably = _range_patterns(lang)
    try:
        values = [read_number(m.group(0), lang) for m in number.finditer(text)]
    except ValueError:
        return None, None, False
    if not values or None in values:
        return None, None, False
    return min(values), max(values), bool(preferably.search(text))


@cache
def _range_patterns(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """The pack's number and "preferably" patterns, compiled once (not looked up per range)."""
    v = vocab(lang)
    return regex(v.number), regex(v.preferably)


@cache
def spec(lang: str) -> dict:
    return load(f"lang/{lang}.yaml")["timing"]


@cache
def unit_patterns(lang: str) -> dict[str, re.Pattern]:
    """FHIR time unit -> the pattern of its words (timing.time_units)."""
    return {code: regex("(?:" + "|".join(words) + r")(?![a-zA-Z])", re.I)
            for code, words in spec(lang)["time_units"].items()}


@cache
def spelled(lang: str) -> dict[str, tuple[str, ...]]:
    """Every timing reading of the pack -> the sources of its spellings, their placeholders filled."""
    return _filled(lang, _fill(lang))


@cache
def _fill(lang: str) -> dict[str, str]:
    """Each placeholder of the spellings -> the pattern it stands for."""
    v = vocab(lang)
    units = {code: p.pattern for code, p in unit_patterns(lang).items()}
    any_unit = "(?:" + "|".join(units.values()) + ")"
    # "连续3天至5天", "3 روز تا 5 روز": a range whose low end repeats the unit (the unit after it is read as {U})
    unit_both_ends = rf"{v.number}{SP}(?P<ru>{any_unit}){SP}(?:{v.range_joiners}){SP}{v.number}(?={SP}(?P=ru))"
    ranged = rf"(?P<r>{unit_both_ends}|{v.range})"
    # the number and range patterns start with look-behinds and many alternatives, tried in full at every
    # position where a spelling starts with them: behind the lookahead of their first characters (read from
    # re's parse, exact) most positions fail at one test
    return {"{R}": lead_chars(ranged, re.I) + ranged, "{U}": "(?P<u>" + "|".join(units.values()) + ")", "{D}": units["d"],
            "{H}": units["h"], "{MO}": units["mo"], "{WK}": units["wk"], "{N}": lead_chars(v.number, re.I) + v.number,
            "{UW}": any_unit,
            "{GIVE}": "(?:" + "|".join(spec(lang).get("give_verbs") or ["(?!)"]) + ")", "{SP}": SP,
            "{ORD}": "|".join(sorted(spec(lang).get("ordinals") or {"(?!)": 0}, key=len, reverse=True))}


def _filled(lang: str, fill: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Every timing reading of the pack -> its spellings, the placeholders filled from `fill`."""
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

    return {name: filled(patterns) for name, patterns in spec(lang).items() if name not in _NOT_PATTERNS}


# stands for the pack's number in the spellings read by numbered(): a control character no pattern spells
_A_NUMBER = "\x00"


@cache
def numbered(lang: str) -> frozenset[tuple[str, int]]:
    """The spellings (reading, number) every match of which holds a match of the pack's number (`number`):
    those where a number ({R}, {N}) stands in a place no match goes around. Read from re's parse of the
    spellings with the number put as a word of its own (gate.requires): exact, as the word stands where
    the number stood. A text in which the number finds nothing cannot match them."""
    number = vocab(lang).number
    fill = {key: value.replace(number, _A_NUMBER) for key, value in _fill(lang).items()}
    return frozenset((name, i) for name, alternatives in _filled(lang, fill).items()
                     for i, source in enumerate(alternatives)
                     if _A_NUMBER not in spelled(lang)[name][i] and requires(regex(source, re.I), _A_NUMBER))


@cache
def number(lang: str) -> re.Pattern:
    """The pack's number as the spellings hold it (flags and all), searched for behind its first characters."""
    v = vocab(lang)
    return regex(lead_chars(v.number, re.I) + v.number, re.I)


@cache
def patterns(lang: str) -> dict[str, re.Pattern | Gated]:
    """Every timing reading of the pack, its spellings compiled into one pattern per reading, behind the gate
    of the words it cannot match without (the reader runs the spellings apart, spellings: the same matches)."""
    return {name: gated(regex("|".join(f"(?:{a})" for a in alternatives), re.I))
            for name, alternatives in spelled(lang).items()}


def group(m: re.Match, name: str) -> str | None:
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


def group_end(m: re.Match, name: str) -> int | None:
    """Where a named group of a reading ends, whichever of its spellings matched (None when none is set)."""
    group(m, name)  # the reading's group numbers, read once
    for number in _GROUPS[m.re.pattern].get(name, ()):
        if m.group(number) is not None:
            return m.end(number)
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
def unit_code(word: str, lang: str) -> str:
    """The FHIR code of a unit word as written ("هفته", "周", "weeks"), kept: a pack has few of them."""
    return next(code for code, pattern in unit_patterns(lang).items() if pattern.fullmatch(word.strip()))


def leftmost(spellings: tuple[re.Pattern, ...], text: str, whole: Callable[[], re.Pattern]):
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


def untaken(matches, taken: list[tuple[int, int]]):
    """The matches overlapping none of the spans taken (the list as it stands when each match is reached)."""
    for m in matches:
        start, end = m.span()
        for s, e in taken:
            if start < e and s < end:
                break
        else:
            yield m


@cache
def raw_patterns(lang: str) -> dict[str, re.Pattern]:
    """The readings without their gates."""
    return {name: getattr(p, "pattern_", p) for name, p in patterns(lang).items()}


@cache
def spelling_patterns(lang: str) -> dict[tuple[str, int], re.Pattern]:
    """(reading, number) -> one spelling of a reading, compiled apart. A reading's pattern is tried at every
    position of the text, each of its spellings there; run apart, only the spellings whose words stand in
    the text are (a spelling alone finds what it finds in the alternation: leftmost)."""
    return {(name, i): regex(source, re.I) for name, alternatives in spelled(lang).items()
            for i, source in enumerate(alternatives)}
