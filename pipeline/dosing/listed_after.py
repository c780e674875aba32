"""Numbers listed after a field's amount under its bracketed unit, with no unit of their own: the net's.

"剂量（g/kg）：1，0.5", "剂量（g/kg）：1（首日）；0.5（次日）", "دوز (g/kg): ۱، ۰٫۵": the dose patterns read the first
amount after the colon with the bracket's unit; the numbers after it may be amounts under the same unit (the next
day's, an alternative) or not, and nothing tells which. Each becomes a mention of its own (kind "listed"), so the net
flags it `dose_unread` with its words unless the grammar read it: never dropped silently. A number with a word of its
own after it (a unit, a time, a count: "，5天", "، ۵ نوبت", "，2剂"; a range's "تا"), a count ("×5") or a number glued to a
word ("q4w") is not listed: only a number alone before a separator, a bracket or the end.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from .pack import SP
from .records import Mention

_MAX_LISTED = 6  # numbers followed along one field


@cache
def _listed(lang: str) -> re.Pattern:
    """One listed number from where the amount before it ends: maybe a bracket of words ("（首日）", "[首日]"), a list's
    separator, the number, and then nothing but the text's end, a separator or a bracket: a word after it (a count's
    "次", "نوبت", "دوز", a range's "تا", a unit, a time) or before it (another field's label: "；体重：20", "؛ پلاکت ۲۰")
    makes it something else."""
    brackets = "()\\uff08\\uff09\\[\\]\\uff3b\\uff3d\\u3010\\u3011"
    return regex(rf"(?:{SP}[(\uff08\[\uff3b\u3010][^{brackets}\d]{{1,12}}[)\uff09\]\uff3d\u3011])?"
                 rf"{SP}[,\u060c\uff0c;\uff1b\u061b]{SP}"  # not "、": it numbers items too ("(g/kg)：1、ITP 1，...")
                 rf"(?P<n>(?<![\w.])\d+(?:\.\d+)?)"
                 rf"(?={SP}(?:$|[,\u060c\uff0c\u3001;\uff1b\u061b|\uff5c\u2016\u3002(\uff08\[\uff3b\u3010]|\.(?!\d)))", re.I)


def listed_after(text: str, end: int, lang: str) -> list[Mention]:
    """The numbers listed after a field's amount that ends at `end`, each a mention of kind "listed"."""
    found = []
    pattern = _listed(lang)
    while len(found) < _MAX_LISTED and (m := pattern.match(text, end)):
        start, stop = m.span("n")
        found.append(Mention(start, stop, text[start:stop], "", "listed"))
        end = m.end()
    return found
