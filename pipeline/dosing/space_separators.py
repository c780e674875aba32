"""A space before three digits and a unit that may be a thousands separator or part two numbers.

"1 000 mg" is read as 1000 by the normalizer (pipeline/normalize/numbers.py, space_thousands_pattern) where
nothing else can be meant; where either side may be a number of its own ("1 400 mg/kg": 1 and 400 or 1400;
"方案1 000 mg": scheme 1; "5 1 000 mg"), the words stay as written and are flagged here (`separator_ambiguous`,
a factor of 1,000 at stake), never silently read either way.
"""
from __future__ import annotations

import re

from ..normalize.numbers import SPACED_DIGITS, space_thousands_rule
from ..records import Flag


def space_separator_flags(text: str, lang: str, **place) -> list[Flag]:
    """A `separator_ambiguous` flag for each number with space-separated thousands before a unit that the
    normalizer left as written (normalized text): the pack's rule, without its tests of what may stand alone."""
    if not SPACED_DIGITS.search(text) or (pattern := space_thousands_rule(lang, strict=False)) is None:
        return []
    return [Flag("separator_ambiguous", f"'{m.group(0)}' may be {re.sub(r'[^0-9]', '', m.group(0))} or two "
                 f"numbers ({m.group(1)} and {m.group(2).strip()}): the space may be a thousands separator",
                 span=m.span(), **place) for m in pattern.finditer(text)]
