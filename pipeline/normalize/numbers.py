"""Digits and decimal marks shared by every language: any script's digits to ASCII, decimals to '.'.

Persian writes decimals with a slash (۰/۴ = 0.4) or the Arabic decimal separator (٫), sometimes a
comma (۰,۴). Right-to-left extraction mangles a number without integer part: 0.4 typed as "/۴"
comes back as "۴/" (the slash on the other side). Dates (۱۳۹۹/۰۶/۱۶) and letter numbers
(۲۸/۳۶/۱۴۸۹۱۱) are chains of three or more groups and are left as they are.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Callable

from ..gate import gated

DIGITS = str.maketrans({0x06F0 + i: str(i) for i in range(10)} | {0x0660 + i: str(i) for i in range(10)})  # Persian, Arabic-Indic

# A number is a group of ASCII digits; neighbours decide whether a slash or comma is a decimal mark. Each
# rule is gated on its mark (a line with no slash or comma skips the slash and comma rules).
_NOT_NUMBER_BEFORE = r"(?<![\w/.,\u066b])"
# a Latin letter or a Chinese character may follow: a unit glued to the number ("/۴g", "0,4g/kg", "2,000mg/kg",
# "1,000毫克"); a digit or another letter not
_NOT_NUMBER_AFTER = r"(?![/\u066b]|(?![A-Za-z\u4e00-\u9fff])\w)"
# ۰/۴ -> 0.4 (exactly two groups: a third would make it a date or a letter number)
_SLASH_DECIMAL = gated(re.compile(_NOT_NUMBER_BEFORE + r"(\d+)/(\d+)" + r"(?![/.,]|(?![A-Za-z\u4e00-\u9fff])\w)"))
# "۴/ گرم" -> "0.4 گرم": the RTL-mangled form of "/۴" (a decimal without integer part)
_TRAILING_SLASH = gated(re.compile(_NOT_NUMBER_BEFORE + r"(\d+)/(?=\s|$|[^\w/\d.,\u066b])"))
# "با دوز /۴ گرم" -> "0.4": the same number with the slash left where it was typed
_LEADING_SLASH = gated(re.compile(r"(?<![\w/.,])/(\d+)" + _NOT_NUMBER_AFTER))
# 8,000 is a thousands separator (three digits after, no leading zero); 0,4 and 2,5 are decimals
# the Arabic comma (U+060C) between digits, before exactly three, is a thousands separator too ("۲،۰۰۰")
# a letter of a script without spaces may stand right before the number ("丙球2,000mg/kg"), a Latin one not ("d1,000": day 1)
_COMMA_THOUSANDS = gated(re.compile(r"(?<![A-Za-z0-9_.,/\u060c])([1-9]\d{0,2})((?:[,\u060c]\d{3})+)(?![,\u060c]|(?![A-Za-z\u4e00-\u9fff])\w)"))
# the Arabic comma between digits otherwise is a decimal mark too ("۰،۵"); "۲، ۳" (spaced) is a list
_COMMA_DECIMAL = gated(re.compile(r"(?<![A-Za-z0-9_.,/\u060c])(\d+)[,\u060c](\d+)(?![,\u060c]|(?![A-Za-z\u4e00-\u9fff])\w)"))
# Every comma rule needs a comma before a digit, every slash rule a slash beside one: asked once for all the
# rules of the mark, found from the mark (the rules start with a lookbehind, tried at every character),
# most lines have neither ("mg/kg", "، ").
_COMMA_BEFORE_DIGIT = re.compile(r"[,\u060c]\d")
_SLASH_BY_DIGIT = re.compile(r"/(?:(?=\d)|(?<=\d/))")
# Either of them, asked first: most lines have neither, and the comma rules neither drop nor add a character
# beside a slash (they drop or change a comma between digits), so a line with neither needs no rule.
_MARK_BY_DIGIT = re.compile(f"{_COMMA_BEFORE_DIGIT.pattern}|{_SLASH_BY_DIGIT.pattern}")


def translator(table: dict) -> Callable[[str], str]:
    """str.translate(table) for a table of single characters, as one regular expression over the
    characters it maps: str.translate looks every character of the text up in the table (a few
    microseconds per line of Arabic-script text), this only touches the characters it changes, a run
    of them at a time ("۴۰۰" is one call, not three)."""
    chars = {chr(k): v if isinstance(v, str) else "" if v is None else chr(v) for k, v in table.items()}
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]+")
    run_table = str.maketrans(chars)  # for a run: str.translate on a few characters is one C call
    return lambda text: pattern.sub(lambda m: m.group().translate(run_table), text)


_to_ascii = translator(DIGITS)


def digits_to_ascii(text: str) -> str:
    """Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII 0-9."""
    return _to_ascii(text)


def normalize_decimals(text: str, comma_decimals: bool = True, slash_decimals: bool = True) -> str:
    """Decimal marks to '.', thousands separators removed; expects ASCII digits.

    comma_decimals reads "0,4" as 0.4 (Persian usage); Chinese text lists with commas ("27,5" is
    volume 27, issue 5), so its normalizer turns it off. slash_decimals reads the Persian decimal
    slash; in Chinese a slash is a fraction or a unit ("3/4", "克/升"), so it is off there too.
    """
    # The Arabic decimal (٫) and thousands (٬) separators have no other use: read them as . and ,
    text = text.replace("\u066b", ".").replace("\u066c", ",")
    if not _MARK_BY_DIGIT.search(text):
        return text
    if _COMMA_BEFORE_DIGIT.search(text):
        text = _COMMA_THOUSANDS.sub(lambda m: m.group(1) + re.sub("[,\u060c]", "", m.group(2)), text)
        if comma_decimals:
            text = _COMMA_DECIMAL.sub(r"\1.\2", text)
    if not slash_decimals or not _SLASH_BY_DIGIT.search(text):
        return text
    text = _SLASH_DECIMAL.sub(r"\1.\2", text)
    text = _TRAILING_SLASH.sub(r"0.\1", text)
    return _LEADING_SLASH.sub(r"0.\1", text)


# "1 000 mg" (SI style: a space, thin space or narrow no-break space, the last two plain spaces after NFKC):
# one to three digits, a space, exactly three digits (more groups of three may follow), then a unit or a
# range to an amount in a unit. Not when either side could be a number of its own: three digits that do
# not start with 0 ("1 400 mg/kg": 1 and 400, or 1400), a first group glued to a Latin letter ("d1 000":
# day 1), right after another number ("5 1 000 mg", "400、1 000 mg"), or after one of the pack's label words
# ("方案1 000 mg": scheme 1); the words then are left as written (flagged by the grammar:
# pipeline/dosing/space_separators.py).
_SPACE = "[ \u2009\u202f\u00a0]"


def space_thousands_pattern(unit: str, joiners: str, not_after: tuple[str, ...] = (), *, strict: bool = True) -> str:
    """The pattern of a number with space-separated thousands before a unit (groups 1: the first group, 2: the
    rest); strict, not where the first group could be a number of its own (then it is only a candidate)."""
    context = "".join(rf"(?<!{re.escape(w)})(?<!{re.escape(w)} )" for w in not_after) if strict else ""
    if strict:
        context += r"(?<!\d[ ,;\u3001])(?<!\d, )"
    tail = rf"\s*(?:{unit})|\s*(?:{joiners})\s*\d{{1,3}}(?:{_SPACE}\d{{3}})*(?:\.\d+)?\s*(?:{unit})"
    first = r"0\d{2}" if strict else r"\d{3}"  # "1 000": "000" is no number of its own, "1 400" may be 1 and 400
    return rf"(?<![0-9A-Za-z.,]){context}([1-9]\d{{0,2}})((?:{_SPACE}{first})(?:{_SPACE}\d{{3}})*)(?![\d.,])(?={tail})"


@cache
def space_thousands_rule(lang: str, *, strict: bool = True) -> re.Pattern | None:
    """A pack's rule, from its normalize section (`space_thousands_before`: the units, `space_thousands_not_after`:
    the label words) and its range joiners; None for a pack without one."""
    from ..lexicon import load  # the packs are read once, on the first text with a space between digits

    data = load(f"lang/{lang}.yaml")
    spec = data.get("normalize") or {}
    if "space_thousands_before" not in spec:
        return None
    not_after = tuple(spec.get("space_thousands_not_after") or ())
    return re.compile(space_thousands_pattern(spec["space_thousands_before"], "|".join(data["dose"]["range_joiners"]),
                                              not_after, strict=strict), re.I)


SPACED_DIGITS = re.compile(r"\d[ \u2009\u202f\u00a0]\d{3}")  # what every match needs: most texts have none


def join_space_thousands(text: str, lang: str) -> str:
    """"1 000 mg" -> "1000 mg" where the pack's rule (strict) finds it; the rest as written."""
    if not SPACED_DIGITS.search(text) or (pattern := space_thousands_rule(lang)) is None:
        return text
    return pattern.sub(lambda m: m.group(1) + re.sub(_SPACE, "", m.group(2)), text)
