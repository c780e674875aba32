"""Words, numbers and units written glued, as OCR and phone keyboards leave them, parted where a number or a
unit meets a word (both languages, after the decimal marks are read):

- a decimal with no integer part: ".4 g/kg", "٫۴ گرم" (the Arabic decimal sign is read as "." first) -> "0.4",
  only where the dot opens the number (the text's start, a space, a bracket, a colon, an equals sign); after a
  digit it is a decimal of that number, after a letter it may end a sentence ("g/kg.4 days"), and a dot
  followed by a space is no decimal: those are left as written (the net flags a unit whose number is unread);
- the pack's Latin drug names glued to a number ("IVIg0.4g/kg": `normalize.glued_before_number`), which the
  number pattern cannot read after a Latin letter (there "d1", "q4w" are day and interval shorthand);
- a per-day unit glued to a count sign ("g/kg/dx3d"): the count is its own word;
- (Persian) a Latin run holding a number or a unit's slash, or a drug name of the pack, glued to Persian letters
  ("g/kgروزانه", "تجویزIVIG"); a Latin run of letters alone inside a Persian word stays ("الکتrolیت", OCR's).

- a number broken by OCR or copying: a space before its decimal dot ("0 .4 g/kg" -> "0.4"), or after it when the
  integer part is zero ("0. 4 g/kg": no list is numbered from zero; "1. 2 g/kg" is left), and a Latin letter
  standing for a digit, O for zero inside a number ("4OO mg/kg" -> "400") and l or I for one right before a
  mass per kg ("l g/kg" -> "1 g/kg"): same length, and flagged (`digit_letter`, dosing.unsafe_numbers), never
  read silently; the letters of kg parted by a space after a unit's slash ("0.4 g / k g") joined.

hazm's Normalizer has no rule for these (its spacing works on Persian affixes and punctuation).
"""
from __future__ import annotations

import re
from functools import cache

from ..lexicon import load

# after a Chinese character too ("丙球.4 g/kg", "每次.4克": Chinese ends its sentences with "。", not ".")
_LEADING_DOT = re.compile(r"(?:(?<=^)|(?<=[\s(\[（:：=\u4e00-\u9fff]))\.(\d)")
_PER_DAY_COUNT = re.compile(r"(/ ?(?:day|d))(?=x ?\d)", re.I)  # "/d×5" is read as written
# a run of Latin letters and digits, with dots and slashes inside it (not at its ends: "g/kg/روز" is per day)
_LATIN_RUN = r"(?=[A-Za-z0-9./·\u066b]*[A-Za-z])[A-Za-z0-9]+(?:[./·\u066b]+[A-Za-z0-9]+)*"
_NUMBER_OR_UNIT = re.compile(r"[\d/]")
# where a dot opens a number or a space breaks one before its dot ("\d +\.\d" has a space before its dot): one
# search, found from the dot (re scans for a pattern's first character in C; one opening with a lookbehind or a
# choice is tried at every character, 3.4 -> 0.3 us a text); most texts have neither
_DOT_DIGIT = re.compile(r"\.(?:(?:(?<=^\.)|(?<=[\s(\[（:：=\u4e00-\u9fff]\.))\d|(?<=(?<![\d.])0\.) +\d)")
_COUNT_SIGN = re.compile(r"/ ?d(?:ay)?x", re.I)
_SPACED_DOT = re.compile(r"(?<=\d) +(?=\.\d)")  # "0 .4": the number broken before its decimal dot
# "0. 4": broken after its dot, only with a zero before it ("1. 2 g/kg" may be an item's number, then its amount), and
# not after a word that numbers things (the pack's normalize.numbering_words: "روز 0. 2 g/kg", "Week 0. 2 g/kg": day
# or week 0 ends a sentence) nor after a minus sign ("-0. 1")
_ZERO_DOT = re.compile(r"(?<![\d.\-\u2212])0\. +(?=\d)")
# OCR's letters for digits: O inside a number that starts with a digit ("4OO"), l or I before a mass per kg, O
# before a decimal dot and a mass per kg ("O.4 g/kg")
LETTER_ZERO = re.compile(r"(?<![A-Za-z\d])\d[\dOo]*[Oo][\dOo]*(?![A-Za-z\d])|(?<![A-Za-z\d])\d[\dOo]*[Oo][\dOo]*(?=m?g(?![a-z]))")
_PER_KG = r" ?(?:g|gm|gr|mg) ?/ ?kg(?![a-z])"
LETTER_ONE = re.compile(rf"(?<![A-Za-z\d.])(?:[lI](?=(?:\.\d+)?{_PER_KG})|[Oo](?=\.\d+{_PER_KG}))")
# either: one search where most texts have none, each rule's lookbehind after its first character (5.8 -> 1.7 us)
LETTER_DIGIT = re.compile(r"\d(?<![A-Za-z\d]\d)[\dOo]*[Oo][\dOo]*(?:(?![A-Za-z\d])|(?=m?g(?![a-z])))"
                          rf"|[lI](?<![A-Za-z\d.][lI])(?=(?:\.\d+)?{_PER_KG})|[Oo](?<![A-Za-z\d.][Oo])(?=\.\d+{_PER_KG})")


@cache
def _numbering(lang: str) -> re.Pattern:
    """A word that numbers what follows it (a day, a row, an item), ending a text: its number is no amount."""
    words = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("numbering_words") or []
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?:{alt})\s*$", re.I) if alt else re.compile("(?!)")


def _zero_dot(text: str, lang: str) -> str:
    """"0. 4" -> "0.4" (see _ZERO_DOT), unless a numbering word stands right before the zero."""
    numbering = _numbering(lang)
    return _ZERO_DOT.sub(lambda m: m.group() if numbering.search(text, 0, m.start()) else "0.", text)


@cache
def _names(lang: str) -> str | None:
    names = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("glued_before_number")
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True)) if names else None


@cache
def _names_before_number(lang: str) -> re.Pattern | None:
    alt = _names(lang)
    return re.compile(rf"(?<![A-Za-z])({alt})(?=\d)", re.I) if alt else None


@cache
def _name(lang: str) -> re.Pattern:
    alt = _names(lang)
    return re.compile(rf"(?:{alt})", re.I) if alt else re.compile("(?!)")


def part_scripts(text: str, letter: str, lang: str) -> str:
    """Persian letters (the class `letter`) and a Latin run glued to them parted by a space, where the run holds
    a digit or a slash ("IVIg0.4g/kgروزانه") or is a drug name of the pack ("تجویزIVIG")."""
    name, is_letter = _name(lang), re.compile(letter).fullmatch

    def part(m: re.Match) -> str:
        run, at, end = m.group(), m.start(), m.end()
        if not (_NUMBER_OR_UNIT.search(run) or name.fullmatch(run)):
            return run
        before = " " if at and is_letter(text[at - 1]) else ""
        return before + run + (" " if end < len(text) and is_letter(text[end]) else "")

    return re.sub(_LATIN_RUN, part, text)


@cache
def _name_end(lang: str) -> re.Pattern | None:
    """A name's last letter before a digit: what every match of _names_before_number holds, scanned for
    without its lookbehind and its choice of names (0.9 us a text, where the names' pattern costs 3)."""
    names = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("glued_before_number")
    return re.compile("(?:" + "|".join(sorted({re.escape(n[-1]) for n in names})) + r")\d", re.I) if names else None


def part_glued(text: str, lang: str) -> str:
    """The text with its glued numbers and units parted (see the module's doc); unchanged when none stands.
    Each rule is asked by its own search, each found from its first character (one search of their union
    was tried at every character: 16 -> 4 us a text)."""
    names = _names_before_number(lang)  # first: a number parted from a name may be one the rules below read
    if names is not None and _name_end(lang).search(text) and names.search(text):
        text = names.sub(r"\1 ", text)
    if "." in text and _DOT_DIGIT.search(text):
        text = _LEADING_DOT.sub(r"0.\1", _zero_dot(_SPACED_DOT.sub("", text), lang))
    if LETTER_DIGIT.search(text):
        text = LETTER_ONE.sub(lambda m: as_digits(m.group()), LETTER_ZERO.sub(lambda m: as_digits(m.group()), text))
    if "/" in text and _COUNT_SIGN.search(text):
        text = _PER_DAY_COUNT.sub(r"\1 ", text)
    return part_spaced_units(text)


# a unit's letters parted by OCR after a slash ("0.4 g / k g"): per kg, as written without the space
_SPACED_KG = re.compile(r"(?<=/)( ?)k +g(?![a-z])", re.I)


def part_spaced_units(text: str) -> str:
    """"g / k g" -> "g / kg": the letters of kg parted by a space after a unit's slash, joined."""
    return _SPACED_KG.sub(r"\1kg", text) if "/" in text and _SPACED_KG.search(text) else text


_AS_DIGITS = str.maketrans("OolI", "0011")


def as_digits(words: str) -> str:
    """The letters OCR writes for digits read as the digits ("4OO" -> "400", "l" -> "1")."""
    return words.translate(_AS_DIGITS)
