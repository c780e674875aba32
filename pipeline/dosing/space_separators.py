"""A space before three digits and a unit that may be a thousands separator or part two numbers.

"1 000 mg" is read as 1000 by the normalizer (pipeline/normalize/numbers.py, space_thousands_pattern) where
nothing else can be meant; where either side may be a number of its own ("1 400 mg/kg": 1 and 400 or 1400;
"方案1 000 mg": scheme 1; "5 1 000 mg"), the words stay as written and are flagged here (`separator_ambiguous`,
a factor of 1,000 at stake), never silently read either way.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..lexicon import load
from ..normalize.numbers import space_thousands_pattern
from ..records import Flag

_SPACED_DIGITS = re.compile(r"\d[ \u2009\u202f\u00a0]\d{3}")


@cache
def _candidates(lang: str) -> re.Pattern | None:
    """Every number with space-separated thousands before a unit, as the normalizer would read it if it could;
    None for a pack that reads no such numbers (its normalize section names no space_thousands_not_after)."""
    data = load(f"lang/{lang}.yaml")
    spec = data.get("normalize") or {}
    if "space_thousands_not_after" not in spec:
        return None
    joiners = "|".join(data["dose"]["range_joiners"])
    return regex(space_thousands_pattern(spec["comma_decimal_before"], joiners, strict=False), re.I)


def space_separator_flags(text: str, lang: str, **place) -> list[Flag]:
    """A `separator_ambiguous` flag for each such number the normalizer left as written (normalized text)."""
    pattern = _candidates(lang)
    if pattern is None or not _SPACED_DIGITS.search(text):
        return []
    return [Flag("separator_ambiguous", f"'{m.group(0)}' may be {re.sub(r'[^0-9]', '', m.group(0))} or two "
                 f"numbers ({m.group(1)} and {m.group(2).strip()}): the space may be a thousands separator",
                 span=m.span(), **place) for m in pattern.finditer(text)]
