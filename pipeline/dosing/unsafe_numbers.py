"""Numbers the grammar must not read as they stand: a comma that may be a decimal mark or a thousands
separator ("0,400": a factor of 1,000 at stake) is flagged, and a run of digits, numerals or number words
longer than any amount is masked (same length) and flagged before the grammar reads the text.

Both run over every statement read; each first asks, from what its pattern needs, whether the text can
hold a match at all (exact: a text failing the test cannot match), so the usual statement costs one test.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..compiled import regex
from ..gate import Gated, gated
from ..normalize.glued import LETTER_DIGIT, LETTER_ONE, LETTER_ZERO, as_digits
from ..normalize.numbers import digits_to_ascii
from ..records import Flag
from .pack import load_net, pack

__all__ = ["MASK", "ambiguous_separators", "letters_as_digits", "mask_long_numbers"]


def ambiguous_separators(raw: str, lang: str) -> list[Flag]:
    """A comma that could be a decimal mark or a thousands separator ("0,400": a factor of 1,000 at stake), or a
    slash that could be a decimal mark or a fraction bar ("۱/۲": 1.2 or one half)."""
    p = pack(lang)
    # each asked only where it can match (then the digits are converted: a call back per Persian digit)
    patterns = []
    if p.separator_ambiguous is not None and _separator_test(lang)(raw):
        patterns.append(p.separator_ambiguous)
    if p.fraction_ambiguous is not None and _DIGIT_SLASH.search(raw):
        patterns.append(p.fraction_ambiguous)
    if not patterns:
        return []
    ascii_digits = digits_to_ascii(raw)
    return [Flag("separator_ambiguous", _separator_doubt(m.group(0)), span=m.span())
            for pattern in patterns for m in pattern.finditer(ascii_digits)]


_DIGIT_SLASH = re.compile(r"\d/\d")  # any script's digits around a slash


def _separator_doubt(words: str) -> str:
    if "/" in words:  # "1/2": a slash decimal or a fraction
        return (f"'{words}' may be {words.replace('/', '.')} or a fraction or two numbers: the slash is a decimal mark, "
                "a fraction bar or parts two amounts")
    return (f"'{words}' may be {re.sub('[,\u060c]', '.', words)} or {re.sub('[,\u060c]', '', words)}: the comma is a "
            "decimal mark or a thousands separator")


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # "Ｏ" -> "O", "４" -> "4", "／" -> "/"
_ANY_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def letters_as_digits(raw: str) -> list[Flag]:
    """A Latin letter written for a digit, which normalization reads as the digit ("4OO mg/kg" as 400, "l g/kg"
    as 1: normalize.glued): the reading is a guess, so it is flagged with the words. Full-width forms ("Ｏ.４ g/kg", which the
    normalizers fold) are asked as their ASCII ones, one character for one."""
    if _ANY_FULL_WIDTH.search(raw):  # most texts hold none (a translation is a dict lookup a character)
        raw = raw.translate(_FULL_WIDTH)
    if not LETTER_DIGIT.search(raw):
        return []
    found = [*LETTER_ZERO.finditer(raw), *LETTER_ONE.finditer(raw)]
    return [Flag("digit_letter", f"'{m.group(0)}' read as {as_digits(m.group(0))}: a letter written for a digit",
                 span=m.span()) for m in sorted(found, key=lambda m: m.start())]


@cache
def _separator_test(lang: str) -> Callable[[str], bool]:
    """Whether a text as written may hold a match of the separator rule, from the words its gate requires,
    each cut into its runs of characters other than ASCII digits ("0," -> ","): turning digits to ASCII
    changes no other character, so a text holding no word's runs cannot match once converted. Made once;
    the usual rule needs one run (a comma), tested with one `in`."""
    pattern = pack(lang).separator_ambiguous
    runs = _runs_besides_digits(pattern.words) if isinstance(pattern, Gated) and not pattern.folded else None
    if not runs:
        return lambda raw: True
    if len(runs) == 1 and len(runs[0]) == 1 and len(runs[0][0]) == 1:
        run = runs[0][0][0]
        return lambda raw: run in raw
    return lambda raw: all(any(all(r in raw for r in word) for word in words) for words in runs)


def _runs_besides_digits(disjunctions) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Each word of each disjunction cut into its runs of characters other than ASCII digits; None when a
    word is all digits (nothing of it to find in the text as written)."""
    runs = tuple(tuple(tuple(r for r in re.split(r"[0-9]+", w) if r) for w in words) for words in disjunctions)
    return None if any(not word for words in runs for word in words) else runs


# A number is at most this long: past it a run of digits, numerals or number words is no amount anyone
# writes (a float cannot hold it exactly, or at all), and the number patterns would scan it from every
# position (quadratic time on a long run). Such a run is masked before the grammar and flagged.
MAX_DIGITS = 15  # digits in a row (any script)
MAX_NUMERALS = 20  # Chinese numeral characters in a row ("一千二百三十四万五千六百七十八" is 15)
MAX_NUMBER_WORDS = 12  # number words in a row ("سیصد و پنجاه" is 3)
MASK = "#"  # stands in for each character of a masked run, so every span keeps its place


@cache
def _long_runs(lang: str) -> re.Pattern:
    runs = [rf"(?:\d+[.,\u066b\u066c])?\d{{{MAX_DIGITS + 1},}}(?:[.,\u066b\u066c]\d+)*"]  # with its decimals
    chars = (load_net(lang).get("numeral_chars") or "")
    if chars:
        runs.append(rf"[{chars}]{{{MAX_NUMERALS + 1},}}")
    if words := _run_words(lang):  # one word, then more words cut by spaces or ZWNJ: a linear scan, no nested choice
        alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        runs.append(rf"(?<!\w)(?:(?:{alt})[ \u200c]+){{{MAX_NUMBER_WORDS},}}(?:{alt})(?!\w)")
    return gated(regex("|".join(runs)))


def _run_words(lang: str) -> list[str]:
    """The words a run of number words is made of: the pack's number words and their joiner."""
    p = pack(lang)
    words = [w for name, section in p.number_words.items() if isinstance(section, dict) for w in section]
    if joiner := p.number_words.get("joiner"):
        words.append(joiner)
    return words


@cache
def _long_run_test(lang: str) -> Callable[[str], bool]:
    """Whether a text may hold a run _long_runs masks, from what each kind of run needs: 16 digits or 21
    numerals in a row (one short search, no optional decimals tried at every digit), or, for a run of
    number words, at least MAX_NUMBER_WORDS spaces or ZWNJs in the text (most statements have fewer).
    Exact: a text failing both cannot match. 2.5 -> 1.2 us (fa), 0.49 -> 0.3 us (zh) per statement.
    With enough spaces, the words of the text that are number words are counted (more than
    MAX_NUMBER_WORDS of them are needed)."""
    chars = load_net(lang).get("numeral_chars") or ""
    counted = regex(rf"\d{{{MAX_DIGITS + 1}}}" + (rf"|[{chars}]{{{MAX_NUMERALS + 1}}}" if chars else ""))
    if not _run_words(lang):  # no number words in the pack: only counted runs
        return lambda text: counted.search(text) is not None
    # Each word of a run stands between characters that are no word characters (a space or ZWNJ, or the
    # run's ends), so each is whole words of the text: a run of more than MAX_NUMBER_WORDS of them holds more
    # than MAX_NUMBER_WORDS words of the text that are (parts of) number words. Counted where the spaces
    # allow a run: ~6 -> ~2 us on such a statement, a quarter of the Persian ones.
    pieces = frozenset(piece for word in _run_words(lang) for piece in _WORD.findall(word))

    def may_hold(text: str) -> bool:
        return ((text.count(" ") + text.count("\u200c") >= MAX_NUMBER_WORDS
                 and sum(map(pieces.__contains__, _WORD.findall(text))) > MAX_NUMBER_WORDS)
                or counted.search(text) is not None)

    return may_hold


_WORD = re.compile(r"\w+")


def mask_long_numbers(text: str, lang: str) -> tuple[str, list[Flag]]:
    """(text with each too-long number run masked, same length; an `unreadable_number` flag for each)."""
    if not _long_run_test(lang)(text):  # the usual statement: no run to mask
        return text, []
    pattern = _long_runs(lang)
    flags: list[Flag] = []

    def masked(m: re.Match) -> str:
        flags.append(Flag("unreadable_number", f"a number of {len(m.group(0))} characters ('{m.group(0)[:12]}…') "
                          "is longer than any amount: not read", span=m.span()))
        return MASK * len(m.group(0))

    return pattern.sub(masked, text), flags
