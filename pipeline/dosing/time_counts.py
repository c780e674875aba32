"""Bare counts of time after an amount that no regimen read ("2 g/kg 3天", "۲ گرم بر کیلوگرم ۳ روز", "x5 ...").

A count of days, weeks or hours standing right after a regimen's words may be its course (then the amount
is per day or in total) or anything else: the reader (read.py) flags it, it must not vanish.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from .pack import SP, load_net, pack
from .timing_spellings import spec

__all__ = ["unread_time_counts"]


_TIME_AFTER = 16  # characters after a regimen's words in which a bare count of time may stand


@cache
def _time_count(lang: str) -> re.Pattern:
    """A bare count of time standing right after an amount ("2 g/kg 3天", "۲ گرم بر کیلوگرم ۳ روز")."""
    units = spec(lang)["time_units"]
    p = pack(lang)
    alt = "|".join(rf"(?P<{code}>{'|'.join(sorted(words, key=len, reverse=True))})" for code, words in units.items())
    net = load_net(lang)
    joiners = "|".join(net.get("range_joiners") or ["-"])
    kilograms = "|".join(net.get("kg_words") or ["(?!)"])  # "× 20 kg", "× 20 کیلو": a weight, not a count
    # only matched right after a regimen's words (match): a gate would test the whole text for nothing
    # (a table's cell bar too: "2g/kg|10-12h", hours that may be an infusion's or an interval)
    # or a count after a multiplication sign with no unit the grammar read ("x5 started": times 5, days or doses?),
    # not a body weight in a calculation ("× 20 kg")
    return regex(rf"[\s,;:()|\u060c\u061b\u3001\uff0c\uff1b\uff1a\uff08]*(?P<x>[x×*]{SP})?(?P<count>{p.number}"
                 rf"(?:{SP}(?:{joiners}){SP}{p.number})?)(?:{SP}(?:{alt})(?![A-Za-z])"
                 rf"|(?(x)(?!{SP}[\d.(（]|{SP}(?:{p.unit}|kg|[^\W\d_]*(?:{kilograms})))|(?!)))", re.I)


def unread_time_counts(text: str, lang: str, spans: list[tuple[int, int] | None]) -> list[tuple[int, re.Match]]:
    """(index of the regimen, the match) for each count of time standing right after a regimen's words that
    no regimen read: "3天" after "2 g/kg" may be a course (then the amount is per day or in total) or
    anything else; it must not vanish."""
    read = [s for s in spans if s]
    found = []
    for i, span in enumerate(spans):
        if not span:
            continue
        m = _time_count(lang).match(text, span[1], min(len(text), span[1] + _TIME_AFTER))
        if m and not any(s <= m.start("count") < e for s, e in read):
            found.append((i, m))
    return found
