"""Persian text -> normalized text (the raw text is kept beside it by the caller).

hazm does what it is good at: Arabic letter variants to Persian (ي/ك -> ی/ک), diacritics, the
ZWNJ of the verb prefix and plural suffix ("می شود" -> "می‌شود"). Its token-based spacing and its
Persian-number options are left off: they split "mg/kg" and "0.5" and write digits in Persian,
and we want ASCII digits. Digits, decimal marks and presentation forms are ours (numbers.py).
"""
from __future__ import annotations

import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Callable

from ..gate import gated
from .numbers import digits_to_ascii, normalize_decimals, translator

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BIDI_CONTROLS = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTER = r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]"  # Arabic-script letters, no signs
# A digit glued to a Persian letter ("۲گرم") reads as two words.
_DIGIT_LETTER = re.compile(r"(\d)(" + _LETTER + ")")
# ZWNJ belongs between two Arabic-script letters; anywhere else it is noise.
_STRAY_ZWNJ = gated(re.compile(r"(?<!" + _LETTER + r")\u200c+|\u200c+(?!" + _LETTER + r")|(?<=\u200c)\u200c+"))
_LETTER_DIGIT = re.compile("(" + _LETTER + r")(\d)")


@dataclass(frozen=True)
class _Hazm:
    translate: Callable  # Arabic letter variants -> Persian (ي -> ی, ك -> ک, presentation forms ...)
    diacritics: tuple  # hazm's (pattern, replacement) lists, compiled once here (hazm compiles per call)
    unicode_replacements: list
    extra_space: tuple
    affix_spacing: tuple
    mi_verbs: frozenset  # verb forms hazm knows that start with the "می"/"نمی" prefix


@lru_cache(maxsize=1)
def _mi() -> tuple[re.Pattern, re.Pattern]:
    """hazm's verb-prefix patterns (a word starting with the prefix, and the prefix alone), the prefix
    and the letters that may follow it taken from the Persian pack (data/lang/fa.yaml, normalize)."""
    from ..lexicon import load

    spec = load("lang/fa.yaml")["normalize"]
    prefix, letters = spec["verb_prefix"], spec["letters"]
    return gated(re.compile(rf"\b{prefix}[{letters}]+")), re.compile(rf"^({prefix})")


@cache
def _hazm() -> _Hazm:
    """hazm's tables and patterns, built once. Imported here: hazm pulls nltk (~0.5 s), which
    commands that never normalize skip. hazm's Normalizer.normalize() rebuilds its translation
    table on every call and its constructor conjugates every verb (~1 s); we take the same data once."""
    from hazm import normalizer as hazm_normalizer
    from hazm.utils import maketrans

    return _Hazm(translator(maketrans(hazm_normalizer.TRANSLATION_SRC, hazm_normalizer.TRANSLATION_DST)),
                 _compiled(hazm_normalizer.DIACRITICS_PATTERNS), hazm_normalizer.UNICODE_REPLACEMENTS,
                 _compiled(hazm_normalizer.EXTRA_SPACE_PATTERNS), _compiled(hazm_normalizer.AFFIX_SPACING_PATTERNS),
                 _mi_verbs())


def _compiled(patterns: list) -> tuple:
    """hazm's (pattern, replacement) pairs with each pattern compiled, applied in hazm's order by
    _replace (what hazm.utils.regex_replace does, without its per-call lookup in re's cache), each
    behind the gate of the words it cannot match without (most lines need none of hazm's fixes)."""
    return tuple((gated(re.compile(p) if isinstance(p, str) else p), r) for p, r in patterns)


def _replace(patterns: tuple, text: str) -> str:
    for pattern, replacement in patterns:
        text = pattern.sub(replacement, text)
    return text


def _mi_verbs() -> frozenset:
    """hazm's verb forms with the "می" prefix, kept on disk per hazm version (conjugating every
    verb takes a second; reading the kept set, a few hundredths)."""
    from importlib.metadata import version

    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ivig-kb"
    path = cache_dir / f"hazm-{version('hazm')}-mi-verbs.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # absent or damaged: rebuild from hazm
        pass
    from hazm import Lemmatizer

    word = _mi()[0]
    verbs = frozenset(v for v in Lemmatizer(joined_verb_parts=False).verbs if word.fullmatch(v.replace("\u200c", "")))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(verbs, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only home only costs the next process the same second
        pass
    return verbs


def _separate_mi(text: str, verbs: frozenset) -> str:
    """"میباشد" -> "می‌باشد" for the verbs hazm knows (hazm's seperate_mi, with its verbs kept)."""
    word, prefix = _mi()

    def replace(match: re.Match) -> str:
        joined = prefix.sub("\\1\u200c", match.group(0))
        return joined if joined in verbs else match.group(0)

    return word.sub(replace, text)


def warm_up() -> None:
    """Load hazm's tables and the pack's patterns once (before worker processes fork)."""
    _hazm()
    _mi()


@lru_cache(maxsize=1 << 16)  # the stages ask for the same cells and labels many times
def normalize_fa(text: str) -> str:
    """Normalize one line or cell of Persian text: letters, digits, decimals, ZWNJ and spacing.

    Idempotent: normalize_fa(normalize_fa(t)) == normalize_fa(t).
    """
    if not text:
        return ""
    hazm = _hazm()
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
    text = hazm.translate(text)
    text = _replace(hazm.diacritics, text)
    for old, new in hazm.unicode_replacements:
        text = text.replace(old, new)
    text = _separate_mi(text, hazm.mi_verbs)
    text = _SPACES.sub(" ", text)
    text = _replace(hazm.extra_space, text)
    text = _replace(hazm.affix_spacing, text)
    text = normalize_decimals(text)
    text = _STRAY_ZWNJ.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def loose_key(text: str) -> str:
    """A comparison key that ignores spacing, ZWNJ, punctuation and case: for matching, not display."""
    text = normalize_fa(text).lower()
    return "".join(ch for ch in text if ch.isalnum())
