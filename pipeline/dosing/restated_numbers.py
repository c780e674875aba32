"""A number restated in brackets beside itself, as formal letters write it: one number.

"۴۰۰ (چهارصد) میلی‌گرم", "پنج (۵) روز", "二（2）克": circulars, contracts and formal guidelines write a number in
digits and in words, one in brackets right after the other. Read as they stand, the bracket parts the number
from its unit and nothing is read (the net flags the amount). When the two read as the same value, the pair
becomes the one written in digits; when they differ, it is left as written (an amount that says two values
is not to be settled here: the net flags it unread).
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from .vocab import read_number, vocab

_DIGITS = re.compile(r"\d")


@cache
def _pairs(lang: str) -> re.Pattern:
    number = vocab(lang).number
    return regex(rf"(?P<a>{number})[ \u200c]*[(（][ \u200c]*(?P<b>{number})[ \u200c]*[)）]", re.I)


def one_number(text: str, lang: str) -> str:
    """The text with each number restated in brackets beside itself written once, in digits."""
    if "(" not in text and "（" not in text:
        return text
    return _pairs(lang).sub(lambda m: _once(m, lang), text)


def _once(m: re.Match, lang: str) -> str:
    a, b = m.group("a"), m.group("b")
    value = read_number(a, lang)
    if value is None or value != read_number(b, lang):
        return m.group()
    return a if _DIGITS.search(a) else b
