"""A number, a Latin word the pack does not know as a unit, then per kg: a dose in a unit spelling not yet
taught.

"2 gmm/kg", "0.4 grs/kg/day", "1 gms per kg": the net's mentions need a unit of the pack, so without this an
unknown spelling of one would pass with neither a regimen nor a flag. Whatever stands between a number and
a per-kg mark (`net.per_weight`), or after one
(`net.per_weight_before`), is dose-like: the mention is flagged `dose_unread` with its words, never
read (its factor cannot be guessed), and the fix is a spelling in the pack.

Not mentions: a known unit (the net's own mentions, passed over), a word of the pack's
`net.per_weight_not_dose` (energy or osmolality per kg: "100 kcal/kg/d", "290 mOsm/kg"); an amount per kg
per hour or minute is a rate and one after a co-medication's name that drug's (info, as the net classes
known units).
"""
from __future__ import annotations

import re
from functools import cache

from .pack import SP, alternation, load_net, pack, scanned
from .records import Mention

_TOKEN = r"[A-Za-z\u00b5\u03bc]{1,6}\.?"  # a Latin unit-like word ("gm", "grs", "µgr", "Gm.")
_BEFORE = 30  # characters before the amount in which a co-medication may be named


@cache
def _pattern(lang: str) -> re.Pattern:
    p = pack(lang)
    not_dose = load_net(lang).get("per_weight_not_dose") or []
    skip = rf"(?!{alternation(not_dose)}(?![A-Za-z]))" if not_dose else ""
    after = rf"(?P<amount>{p.amount}){SP}(?<![A-Za-z]){skip}(?P<unit>{_TOKEN})(?![A-Za-z]){p.per_weight.pattern}"
    if p.per_weight_before is None:
        return scanned(after, re.I)
    # "每公斤体重 0.4 gmm": per kg written before the amount
    before = rf"{p.per_weight_before.pattern}{SP}{p.amount}{SP}(?<![A-Za-z]){skip}(?P<unit2>{_TOKEN})(?![A-Za-z])"
    return scanned(rf"{after}|{before}", re.I)


def unknown_spellings(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Each amount per kg in a Latin unit word the pack does not know, not inside a span already `taken` (the
    net's mentions of known units); the spans it takes are added to `taken`."""
    p = pack(lang)
    if not (p.per_weight.search(text) or (p.per_weight_before and p.per_weight_before.search(text))):
        return []  # most statements say no "per kg" at all
    out = []
    for m in _pattern(lang).finditer(text):
        start, end = m.span()
        if any(start < e and s < end for s, e in taken):
            continue
        if rate := p.per_time.match(text, end):  # "0.5 xx/kg/h": a rate, whatever its unit
            kind, stop = "rate", rate.end()
        else:
            drug = p.other_drugs.search(text[max(0, start - _BEFORE):start])
            kind, stop = ("other_drug" if drug else "spelling"), end
        out.append(Mention(start, stop, text[start:stop], m.group("unit") or m.group("unit2"), kind, 0))
        taken.append((start, stop))
    return out
