"""Chinese text -> normalized text, and Chinese numerals -> numbers.

NFKC folds full-width forms (，：；（）？！ and ０-９ to their ASCII twins, the ideographic space to
a space) and leaves the ideographic marks that have no ASCII twin (。、“” 《》). Thousands
separators go ("8,000" is 8000); a comma between other digits stays ("第 27,5 卷" is volume 27,
issue 5) and a slash is never a decimal mark (that is Persian usage).

Chinese numerals are read by cn2an, but only where they stand as numbers: a fraction (四分之一),
or a numeral before a measure word (十四天, 两周). cn2an's sentence mode would also rewrite words
that contain a numeral character (一些, 一般), so it is never given whole sentences.
"""
from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from functools import cache, lru_cache

from ..lexicon import load
from ..memo import remembered
from .glued import part_glued
from .numbers import DIGITS, join_space_thousands, normalize_decimals, translator

# Each run of white space becomes one plain space: the runs that are not one already (two or more, or one
# that is not a plain space); a lone space is left where it is rather than rewritten.
_SPACES = re.compile(r"\s{2,}|[^\S ]")
_NOT_A_SPACE = re.compile(r"[^\S ]")  # with "  ", what a match of _SPACES holds (one class: a C scan)
_INVISIBLE = (*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x206A), 0xFEFF)  # zero-width, bidi
# Invisible characters dropped and Persian and Arabic-Indic digits read as ASCII in one pass: each maps one
# character of its own, to nothing or an ASCII digit, which the other leaves as it is.
_INVISIBLE_AND_DIGITS = translator(dict.fromkeys(_INVISIBLE) | DIGITS)
ARABIC_NUMBER = r"\d+(?:\.\d+)?"
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_POWER = re.compile(r"(?<!\d)10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)")
_ANY_POWER = re.compile(r"10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]")  # what _POWER needs, found from the "10" (no lookbehind first)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese -> simplified (OpenCC's t2s); simplified text and other scripts pass unchanged.

    Every Chinese rule (words, units, aliases) is written in simplified script and runs on this text;
    the source words are kept as written beside it.
    """
    return _t2s().convert(text) if text else ""


_CJK_BREAK = re.compile(r"(?<=[\u3400-\u9fff])[ \t]*(?:\r\n|\r|\n)[ \t]*(?=[\u3400-\u9fff])")


def normalize_zh(text: str) -> str:
    """Normalize one line or sentence of Chinese text (traditional script read as simplified). Idempotent."""
    if not text:
        return ""
    # NFKC would read "10⁹" as "109": a power of ten keeps its caret
    if _ANY_POWER.search(text):
        text = _POWER.sub(lambda m: "10^" + m.group(1).translate(_SUPERSCRIPT), text)
    text = unicodedata.normalize("NFKC", text)
    if "\n" in text or "\r" in text:  # a line broken inside a word ("10–12 小\n時內"): Chinese puts no space there
        text = _CJK_BREAK.sub("", text)
    text = to_simplified(text)
    text = _INVISIBLE_AND_DIGITS(text)
    text = part_glued(normalize_decimals(text, comma_decimals=False, slash_decimals=False), "zh")  # ".4 g/kg", "IVIG0.4"
    # a comma between digits before a dose unit is a decimal mark ("0,4 g/kg"); elsewhere it lists
    # ("第 27,5 卷"); three digits after it stay (a thousands separator, or "0,400": flagged by the grammar)
    if "," in text:  # the rule's comma (it starts with a lookbehind, tried at every character)
        text = _comma_decimal().sub(r"\1.\2", text)
    text = join_space_thousands(text, "zh")  # "1 000 mg": a space as thousands separator, where nothing else it can be
    if "  " in text or _NOT_A_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip()


@cache
def _comma_decimal() -> re.Pattern:
    before = load("lang/zh.yaml")["normalize"]["comma_decimal_before"]
    return re.compile(rf"(?<![\d.,])(\d+),(\d{{1,2}}|\d{{4,}})(?![\d,])(?={before})", re.I)


@cache
def numeral_pattern() -> str:
    """A regex (no groups) for one number as the article may write it: 0.5, 14, 十四, 零点五, 四分之一, 半."""
    spec = load("units_zh.yaml")["numerals"]
    chars = spec["characters"]
    whole = f"[{chars}]+(?:{spec['decimal_point']}[{chars}]+)?"
    words = "|".join(map(re.escape, spec["words"]))
    return f"(?:{whole}{spec['fraction']}{whole}|{ARABIC_NUMBER}|{whole}|{words})"


@lru_cache(maxsize=4096)  # one number as written (a token, "十四"), read afresh by every reading that meets it
def read_number(phrase: str) -> float | None:
    """One number phrase -> its value: "0.5", "十四", "两", "四分之一" (0.25), "百分之六十" (0.6).

    None when the phrase is not a number.
    """
    spec = load("units_zh.yaml")["numerals"]
    phrase = normalize_zh(phrase)
    if phrase in spec["words"]:
        return float(spec["words"][phrase])
    if re.fullmatch(ARABIC_NUMBER, phrase):
        return float(phrase)

    def whole(numeral: str) -> Fraction:
        # A bare power (百分之六十: "hundred") means one of it; cn2an wants the one written out.
        if numeral[:1] in spec["bare_powers"]:
            numeral = spec["one"] + numeral
        return Fraction(str(remembered("cn2an", numeral, lambda: _cn2an(numeral), (int, float))))

    try:
        if spec["fraction"] in phrase:
            denominator, numerator = phrase.split(spec["fraction"], 1)
            return float(whole(numerator) / whole(denominator))
        return float(whole(phrase))
    except (ValueError, KeyError, ZeroDivisionError):
        return None


def _cn2an(numeral: str) -> int | float:
    # Imported only for a Chinese numeral not met before (memo.py): cn2an compiles its patterns on
    # import (0.2-0.4 s a process).
    import cn2an

    return cn2an.cn2an(numeral, "smart")


@cache
def _numbers_in_text() -> re.Pattern:
    spec = load("units_zh.yaml")["numerals"]
    chars = spec["characters"]
    whole = f"[{chars}]+(?:{spec['decimal_point']}[{chars}]+)?"
    measure = "|".join(sorted(map(re.escape, spec["measure_words"]), key=len, reverse=True))
    fraction = f"{whole}{spec['fraction']}{whole}"
    words = "|".join(map(re.escape, spec["words"]))
    # An Arabic number is not part of a code (L39314) or a citation mark ([3]); a Chinese numeral
    # counts only as a fraction or before a measure word.
    return re.compile(rf"(?<![A-Za-z0-9_.\[/]){ARABIC_NUMBER}(?![A-Za-z0-9_\]]|\.\d)"
                      rf"|{fraction}|(?:{whole}|{words})(?=\s*(?:{measure}))")


def numbers_in(text: str) -> list[float]:
    """Every number a normalized sentence states, in reading order, Chinese numerals read."""
    values = (read_number(m.group()) for m in _numbers_in_text().finditer(text))
    return [v for v in values if v is not None]
