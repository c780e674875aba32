"""Persian text -> normalized text (the raw text is kept beside it by the caller).

hazm does what it is good at: Arabic letter variants to Persian (ي/ك -> ی/ک), diacritics, the
ZWNJ of the verb prefix and plural suffix ("می شود" -> "می‌شود"). Its token-based spacing and its
Persian-number options are left off: they split "mg/kg" and "0.5" and write digits in Persian,
and we want ASCII digits. Digits, decimal marks and presentation forms are ours (numbers.py).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from .numbers import digits_to_ascii, normalize_decimals

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTER = r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]"  # Arabic-script letters, no signs
# A digit glued to a Persian letter ("۲گرم") reads as two words.
_DIGIT_LETTER = re.compile(r"(\d)(" + _LETTER + ")")
# ZWNJ belongs between two Arabic-script letters; anywhere else it is noise.
_STRAY_ZWNJ = re.compile(r"(?<!" + _LETTER + r")\u200c+|\u200c+(?!" + _LETTER + r")|(?<=\u200c)\u200c+")
_LETTER_DIGIT = re.compile("(" + _LETTER + r")(\d)")


@cache
def _hazm():
    # Imported here: hazm pulls nltk and costs ~0.4 s, which commands that never normalize skip.
    from hazm import Normalizer
    from hazm.normalizer import AFFIX_SPACING_PATTERNS, EXTRA_SPACE_PATTERNS, regex_replace

    normalizer = Normalizer(correct_spacing=False, persian_numbers=False, persian_style=False,
                            remove_specials_chars=False, decrease_repeated_chars=False)
    return normalizer, regex_replace, EXTRA_SPACE_PATTERNS, AFFIX_SPACING_PATTERNS


def normalize_fa(text: str) -> str:
    """Normalize one line or cell of Persian text: letters, digits, decimals, ZWNJ and spacing.

    Idempotent: normalize_fa(normalize_fa(t)) == normalize_fa(t).
    """
    if not text:
        return ""
    normalizer, regex_replace, extra_space, affix_spacing = _hazm()
    # NFKC folds Arabic presentation forms (and the lam-alef ligature) before hazm's own table,
    # which would map a presentation alef-madda to a bare alef.
    text = unicodedata.normalize("NFKC", text)
    text = _BIDI_CONTROLS.sub("", text)
    text = text.replace("\r", " ").replace("\n", " ").replace("\f", " ")
    text = digits_to_ascii(text)
    text = _STRAY_ZWNJ.sub("", text)
    # A digit glued to a word is split before hazm looks at word starts ("می" prefixes) and before
    # the decimal rules look at what stands beside a number.
    text = _DIGIT_LETTER.sub(r"\1 \2", text)
    text = _LETTER_DIGIT.sub(r"\1 \2", text)
    text = normalizer.normalize(text)
    text = _SPACES.sub(" ", text)
    text = regex_replace(extra_space, text)
    text = regex_replace(affix_spacing, text)
    text = normalize_decimals(text)
    text = _STRAY_ZWNJ.sub("", text)
    return _SPACES.sub(" ", text).strip()


def loose_key(text: str) -> str:
    """A comparison key that ignores spacing, ZWNJ, punctuation and case: for matching, not display."""
    text = normalize_fa(text).lower()
    return "".join(ch for ch in text if ch.isalnum())
