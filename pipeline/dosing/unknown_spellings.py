"""A number, a Latin word the pack does not know as a unit, then per kg: a dose in a unit spelling not yet
taught.

"2 gmm/kg", "0.4 grs/kg/day", "1 gms per kg": the net's mentions need a unit of the pack, so without this an
unknown spelling of one would pass with neither a regimen nor a flag. A Latin word between a number and a
per-kg mark (`net.per_weight`), or after a number after one (`net.per_weight_before`), is dose-like: the
mention is flagged `dose_unread` with its words, never read (its factor cannot be guessed), and the fix is a
spelling in the pack.

Not mentions: a known unit (the net's own mentions, passed over), a word of the pack's
`net.per_weight_not_dose` (energy or osmolality per kg: "100 kcal/kg/d", "290 mOsm/kg"); an amount per kg
per hour or minute is a rate and one after a co-medication's name that drug's (info, as the net classes
known units).
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..gate import gated
from .pack import SP, alternation, load_net, pack
from .records import Mention

_TOKEN = r"[A-Za-z\u00b5\u03bc]{1,6}\.?"  # a Latin unit-like word ("gm", "grs", "µgr", "Gm.")
_BEFORE = 30  # characters before the amount in which a co-medication may be named
_REACH = 40  # characters before a per-kg mark in which its amount and unit word stand


@cache
def _patterns(lang: str) -> tuple:
    """The words of the per-kg marks; the marks, and an amount and a unit word ending where one starts; the
    per-kg marks written before an amount, and an amount and a unit word right after one ("每公斤体重 0.4 gmm")."""
    p = pack(lang)
    not_dose = load_net(lang).get("per_weight_not_dose") or []
    skip = rf"(?!{alternation(not_dose)}(?![A-Za-z]))" if not_dose else ""
    word = rf"(?<![A-Za-z]){skip}(?P<unit>{_TOKEN})(?![A-Za-z])"
    before_mark = regex(rf"(?P<amount>{p.amount}){SP}{word}{SP}$", re.I)
    after_mark = regex(rf"{SP}(?P<amount>{p.amount}){SP}{word}", re.I) if p.per_weight_before is not None else None
    marks = gated(regex(p.per_weight_words, re.I))
    # the words one of which every per-kg mark holds, before or after an amount ("kg", "公斤", "体重", "کیلو"),
    # read from the marks' pattern: where each stands inside a mention of a known unit, nothing is left to find
    keys = tuple(sorted({w.lower() for alternatives in getattr(marks, "words", None) or () for w in alternatives}))
    return keys, marks, before_mark, p.per_weight_before, after_mark


def unknown_spellings(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Each amount per kg in a Latin unit word the pack does not know, not inside a span already `taken` (the
    net's mentions of known units); the spans it takes are added to `taken`. Asked from each per-kg mark (a
    few a statement, most of them the known units' already taken), never along the whole text."""
    keys, marks, before_mark, before, after_mark = _patterns(lang)
    if keys and not _words_outside(text, keys, taken):
        return []  # the usual statement: no per-kg word, or each in a known unit's mention ("400 mg/kg")
    spans = _before_marks(text, marks, before_mark, taken)
    if before is not None:
        spans += _after_marks(text, before, after_mark, taken)
    p = pack(lang)
    return [_classed(p, text, start, end, unit, taken) for start, end, unit in spans
            if not any(start < e and s < end for s, e in taken)]


def _before_marks(text: str, marks, before_mark: re.Pattern, taken) -> list[tuple[int, int, str]]:
    """(start, end, unit word) of each amount and unit word right before a per-kg mark no mention took."""
    spans = []
    for mark in marks.finditer(text):
        if not any(s <= mark.start() < e for s, e in taken):
            if m := before_mark.search(text, max(0, mark.start() - _REACH), mark.start()):
                spans.append((m.start(), mark.end(), m.group("unit")))
    return spans


def _after_marks(text: str, before: re.Pattern, after_mark: re.Pattern, taken) -> list[tuple[int, int, str]]:
    """(start, end, unit word) of each per-kg mark written before an amount and a unit word, no mention took."""
    return [(mark.start(), m.end(), m.group("unit")) for mark in before.finditer(text)
            if not any(s <= mark.end() < e for s, e in taken) and (m := after_mark.match(text, mark.end()))]


def _words_outside(text: str, words: tuple[str, ...], taken: list[tuple[int, int]]) -> bool:
    """Whether one of the words (lower case) stands in the text outside every taken span: str.find on the lowered
    text, a few C scans where an IGNORECASE alternation of scripts cost about 1 us a statement."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lowers to two ("İ"): positions would shift, ask the patterns
        return True
    for word in words:
        at = low.find(word)
        while at != -1:
            if not any(s <= at < e for s, e in taken):
                return True
            at = low.find(word, at + 1)
    return False


def _classed(p, text: str, start: int, end: int, unit: str, taken: list[tuple[int, int]]) -> Mention:
    """A rate when a time follows ("0.5 xx/kg/h"), a co-medication's amount when one is named before it, else
    a dose in an unknown spelling; its span taken."""
    if rate := p.per_time.match(text, end):
        kind, end = "rate", rate.end()
    else:
        kind = "other_drug" if p.other_drugs.search(text[max(0, start - _BEFORE):start]) else "spelling"
    taken.append((start, end))
    return Mention(start, end, text[start:end], unit, kind, 0)
