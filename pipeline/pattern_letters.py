"""A compiled pattern -> a test of the letters any match of it must hold, cheaper than searching for it.

Some patterns of the packs are searched in many short texts and seldom match: the co-medication names
(pack.other_drugs, hundreds of them, some with a repeat before their ending, "\\w*" + a letter) are
searched in the words before every amount, 1-3 us a lead, far more on a run of digits. Read from re's own
parse of the pattern, each way a match can go holds some strings (the triples of a run of literal letters);
one of each way's is kept, the least frequent in the language pack's other words (which one changes the
speed only, never an answer). A text holding none of them cannot match: one search of them all, compiled
once. Nothing here knows a language: the letters come from the pattern and their frequencies from the pack given.
"""
from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable
from re import _constants as C  # noqa: N812  (re's parser constants)

from .compiled import parsed
from .gate import _FOLDS_TO_ASCII

__all__ = ["letters_test"]


def letters_test(pattern: re.Pattern, pack_data: dict, skip: tuple[str, ...], heavy: tuple[str, ...]) -> Callable[[str], bool]:
    """text -> whether the pattern may match it (False only when it cannot); a test always true when the
    strings cannot be told. `pack_data` (the language pack) gives the letters' frequencies (_frequencies)."""
    common = _frequencies(pack_data, skip, heavy)
    ways = _needed(list(parsed(pattern.pattern, pattern.flags).data), pattern.flags & re.IGNORECASE, common)
    if not ways:
        return lambda text: True
    search = _strings_pattern({_rarest(way, common) for way in ways}).search
    return lambda text: search(text) is not None


def _strings_pattern(grams: set[str]) -> re.Pattern:
    """One search for any of the strings (one to three letters), folding case as re does: compiled with
    IGNORECASE it matches an ASCII letter in either case, as the lowered text did when the test looked its
    pairs up in a set; a text holding one of the characters re also folds to an ASCII letter (_FOLDS_TO_ASCII:
    the Kelvin sign for k) passes whatever follows, as before. The strings are grouped by their first letter
    ("a(?:bc|de)"): re tries one branch per first letter, not one per string (a lead of 30: 1.1 -> 0.8 us, fa)."""
    rests: dict[str, set[str]] = {}
    for g in grams:
        if len(g) > 1:
            rests.setdefault(g[0], set()).add(g[1:])
    branches = [re.escape(first) + "(?:" + "|".join(map(re.escape, sorted(rest))) + ")"
                for first, rest in sorted(rests.items())]
    if singles := {g for g in grams if len(g) == 1}:
        branches.append(_chars(singles))
    return re.compile(rf"(?-i:{_chars(_FOLDS_TO_ASCII)})|" + "|".join(branches), re.IGNORECASE)


def _chars(chars) -> str:
    """A class of the characters, each escaped."""
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _needed(items: list, ignore_case: int, common: Counter) -> list[tuple[str, ...]] | None:
    """The ways a match of a sequence of parsed items can go, each as the strings a match going that way
    holds (all of them); any match goes one of the ways. None when no item tells. A run of literals is one
    way (its triples, or the run when shorter); a branch, the ways of all its alternatives; a class of
    letters, one way per letter. Each item is in every match: the one kept is the one whose ways' rarest
    strings are the least frequent in all (`common`)."""
    best: list[tuple[str, ...]] | None = None
    run = ""
    for op, av in items + [(None, None)]:
        if op is C.LITERAL and _plain(chr(av), ignore_case):
            run += chr(av).lower()
            continue
        if run:
            best = _better(best, [_strings(run)], common)
            run = ""
        best = _better(best, _item_ways(op, av, ignore_case, common), common)
    return best


def _item_ways(op, av, ignore_case: int, common: Counter) -> list[tuple[str, ...]] | None:
    """The ways (see _needed) of one parsed item other than a literal: a branch, a group, a class."""
    if op is C.BRANCH:
        branch = [_needed(list(alt), ignore_case, common) for alt in av[1]]
        return [way for ways in branch for way in ways] if all(branch) else None
    if op is C.SUBPATTERN and not (av[1] or av[2]):  # a group without flags of its own
        return _needed(list(av[3]), ignore_case, common)
    if op is C.IN and av and all(o is C.LITERAL and _plain(chr(a), ignore_case) for o, a in av):
        return [(chr(a).lower(),) for _, a in av]
    return None


def _plain(ch: str, ignore_case: int) -> bool:
    """A letter the lowered text shows as re matches it: uncased, or ASCII (folds are tested apart)."""
    return not ignore_case or ch.isascii() or ch.lower() == ch.upper()


def _strings(run: str) -> tuple[str, ...]:
    """The strings a run of literals holds that a test looks for: its triples, or the run itself when shorter.
    Rarer than pairs, and no dearer to search for (one compiled search): fewer leads pass the test without
    naming a drug, each searched for every drug name for nothing (fa: 134 -> 57 of 662 leads, 37 name one)."""
    n = min(3, len(run))
    return tuple(run[i:i + n] for i in range(len(run) - n + 1))


def _better(a: list | None, b: list | None, common: Counter) -> list | None:
    """Of two lists of ways, the one whose rarest strings are the less frequent in all (each way counts one
    more: fewer strings to test)."""
    if not b:
        return a
    if not a:
        return b
    return min(a, b, key=lambda ways: sum(common[_rarest(way, common)] + 1 for way in ways))


def _rarest(way: tuple[str, ...], common: Counter) -> str:
    return min(way, key=lambda g: (common[g], g))


_HEAVY = 100  # the weight of a word the statements name all the time (IVIg's own names)


def _frequencies(data, skip: tuple[str, ...], heavy: tuple[str, ...]) -> Counter:
    """How often each letter, pair and triple of letters stands in the pack's words (lowered), the words at
    `heavy` counted _HEAVY times (counted once, then weighed: a loop of _HEAVY updates made most of the
    test's making); the words at `skip` (the pattern's own) not at all."""
    counts: Counter = Counter()

    def walk(node, path: tuple[str, ...]) -> None:
        if path == skip:
            return
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, path + (str(key),))
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value, path)
        elif isinstance(node, str):
            low = node.lower()
            grams = Counter(low)
            grams.update(map(operator.add, low, low[1:]))
            grams.update(low[i:i + 3] for i in range(len(low) - 2))
            if path == heavy:
                grams = Counter({g: n * _HEAVY for g, n in grams.items()})
            counts.update(grams)

    walk(data, ())
    return counts
