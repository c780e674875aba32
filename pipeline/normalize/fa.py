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
from .glued import part_glued, part_scripts
from .hazm_patterns import _SPACES, _SPACING, _class_chars, _compiled, _replace, _spacing_gate
from .numbers import DIGITS, join_space_thousands, normalize_decimals, translator

_ANY_SPACING = re.compile(f"[{_SPACING}]")  # with "  ", what a match of _SPACES holds (one class: a C scan)
_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# Bidi controls dropped, line breaks to spaces, Persian and Arabic-Indic digits to ASCII, the ezafe's hamza
# above ("فاصلهٔ", "دورهٔ": U+0654, hazm keeps it) dropped, in one pass: each maps one character on its own and
# none to a character another one maps, so one pass does all four.
_FIRST_PASS = translator({ord(c): None for c in _BIDI_CONTROLS + "\u0654"} | {ord(c): " " for c in "\r\n\f"} | DIGITS)
_LETTER = r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]"  # Arabic-script letters, no signs
# A digit glued to a Persian letter ("۲گرم") reads as two words.
_DIGIT_LETTER = re.compile(r"(\d)(" + _LETTER + ")")
# ZWNJ belongs between two Arabic-script letters; anywhere else it is noise.
_STRAY_ZWNJ = re.compile(r"(?<!" + _LETTER + r")\u200c+|\u200c+(?!" + _LETTER + r")|(?<=\u200c)\u200c+")
# It matches where a ZWNJ has no letter before it or none after it: found from the ZWNJ (a pattern that
# starts with a lookbehind is tried at every character), and most lines have none (their ZWNJs join words).
_ANY_STRAY_ZWNJ = re.compile(r"\u200c(?:(?!" + _LETTER + r")|(?<!" + _LETTER + r"\u200c))")
_LETTER_DIGIT = re.compile("(" + _LETTER + r")(\d)")
# A digit with a letter after it or before it: both rules are asked once (splitting one pair makes no other).
_DIGIT_BY_LETTER = re.compile(r"\d(?:(?=" + _LETTER + ")|(?<=" + _LETTER + r"\d))")
# A Latin letter glued to a Persian one: "g/kgروزانه", "تجویزIVIG" read as two words (glued.part_scripts).
# Found from the Latin letter (re scans for a pattern's first character class in C; a pattern opening with a
# lookbehind is tried at every character, 2.2 -> 1.1 us a text): only asked whether one stands.
_LATIN_BY_LETTER = re.compile("[A-Za-z](?:(?=" + _LETTER + ")|(?<=" + _LETTER + "[A-Za-z]))")


@dataclass(frozen=True)
class _Hazm:
    # Arabic letter variants -> Persian (ي -> ی, ك -> ک, presentation forms ...), and the diacritics
    # dropped in the same pass when hazm's diacritic patterns are classes of characters (see _letters)
    translate: Callable
    diacritics: tuple  # hazm's (pattern, replacement) lists, compiled once here (hazm compiles per call)
    unicode_replacements: list
    unicode_gate: re.Pattern  # finds any of the replaced strings (most lines hold none)
    extra_space: tuple
    affix_spacing: tuple
    # finds where a spacing run, an extra-space or an affix-spacing pattern may match (None: unknown, run
    # them all): most lines need none of the three, and one search asks for all of them (_spacing_gate)
    spacing_gate: re.Pattern | None
    mi_joined: dict  # verb form as typed without its ZWNJ ("میباشد") -> as hazm knows it ("می‌باشد")


@lru_cache(maxsize=1)
def _mi() -> tuple[re.Pattern, re.Pattern]:
    """hazm's verb-prefix patterns (a word starting with the prefix, and the prefix alone), the prefix
    and the letters that may follow it taken from the Persian pack (data/lang/fa.yaml, normalize)."""
    from ..lexicon import load

    spec = load("lang/fa.yaml")["normalize"]
    prefix, letters = spec["verb_prefix"], spec["letters"]
    return gated(re.compile(rf"\b{prefix}[{letters}]+")), re.compile(rf"^({prefix})")


@cache
def _spelling_variants() -> tuple[re.Pattern, dict[str, str]]:
    """The pack's other spellings of words (normalize.spelling_variants: Dari "گرام" for "گرم"), as one pattern
    of whole words, each alternative a named group, and the group's name -> the word read in its place."""
    from ..lexicon import load

    spec = load("lang/fa.yaml")["normalize"]
    letters = spec["letters"]
    variants = spec.get("spelling_variants") or []
    alternatives = "|".join(f"(?P<v{i}>{v['pattern']})" for i, v in enumerate(variants)) or "(?!)"
    pattern = re.compile(rf"(?<![{letters}\u200c])(?:{alternatives})(?![{letters}])")
    return gated(pattern), {f"v{i}": v["as"] for i, v in enumerate(variants)}


def _respelled(text: str) -> str:
    """The text with each other spelling of a word (Dari "ملی‌گرام فی کیلوگرام") written as the pack reads it."""
    pattern, words = _spelling_variants()
    return pattern.sub(lambda m: words[m.lastgroup], text) if pattern.search(text) else text


@cache
def _hazm() -> _Hazm:
    """hazm's tables and patterns, built once. Imported here: hazm pulls nltk (~0.5 s), which
    commands that never normalize skip. hazm's Normalizer.normalize() rebuilds its translation
    table on every call and its constructor conjugates every verb (~1 s); we take the same data once."""
    from hazm import normalizer as hazm_normalizer
    from hazm.utils import maketrans

    table = maketrans(hazm_normalizer.TRANSLATION_SRC, hazm_normalizer.TRANSLATION_DST)
    translate, diacritics = _letters(table, hazm_normalizer.DIACRITICS_PATTERNS)
    replacements = hazm_normalizer.UNICODE_REPLACEMENTS
    extra_space, affix_spacing = _compiled(hazm_normalizer.EXTRA_SPACE_PATTERNS), _compiled(hazm_normalizer.AFFIX_SPACING_PATTERNS)
    return _Hazm(translate, _compiled(diacritics), replacements,
                 re.compile("|".join(re.escape(old) for old, _new in replacements) or "(?!)"),
                 extra_space, affix_spacing, _spacing_gate(extra_space + affix_spacing), _mi_joined())


def _letters(table: dict, diacritics: list) -> tuple[Callable, list]:
    """hazm's letter table, and the diacritic patterns it cannot take in: a pattern that drops one
    character of a class ([\u064b-\u0652] -> "") is a table of its own, and the two tables applied one
    after the other are one table (each character's replacement with the dropped characters taken out),
    applied in one pass. Any other pattern is left to run after it, as hazm runs it."""
    dropped, rest = set(), []
    for pattern, replacement in diacritics:
        chars = _class_chars(pattern) if replacement == "" else None
        if chars is None or rest:  # past a pattern left to run, the order of the rest must stay
            rest.append((pattern, replacement))
        else:
            dropped |= chars
    merged = {key: "".join(ch for ch in (value if isinstance(value, str) else chr(value)) if ch not in dropped)
              for key, value in table.items()}
    return translator({ord(ch): "" for ch in dropped} | merged), rest



def _mi_joined() -> dict:
    """The word as typed -> the verb hazm knows, for every word hazm's seperate_mi would join ("میباشد"
    -> "می‌باشد"), so a word is one lookup, not a regex each. Kept on disk per hazm version (conjugating
    every verb takes a second; reading the kept table, a few hundredths)."""
    from importlib.metadata import version

    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ivig-kb"
    path = cache_dir / f"hazm-{version('hazm')}-mi-joined.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # absent or damaged: rebuild from hazm
        pass
    from hazm import Lemmatizer

    word = _mi()[0]
    verbs = Lemmatizer(joined_verb_parts=False).verbs
    joined = _typed_to_verb(v for v in verbs if word.fullmatch(v.replace("\u200c", "")))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(joined, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only home only costs the next process the same second
        pass
    return joined


def _typed_to_verb(verbs) -> dict:
    """hazm's seperate_mi joins a word's prefix with a ZWNJ and keeps the result when it is one of its
    verbs: each verb without one of its ZWNJs is such a word when joining gives the verb back."""
    prefix = _mi()[1]
    joined = {}
    for verb in verbs:
        for at, ch in enumerate(verb):
            typed = verb[:at] + verb[at + 1:]
            if ch == "\u200c" and prefix.sub("\\1\u200c", typed) == verb:
                joined[typed] = verb
    return joined


def _separate_mi(text: str, joined: dict) -> str:
    """"میباشد" -> "می‌باشد" for the verbs hazm knows (hazm's seperate_mi, with its verbs kept). The words are
    found first and looked up (most are no verb hazm joins: "milli"): the text is rewritten only for one."""
    word = _mi()[0]
    if not any(map(joined.__contains__, word.findall(text))):
        return text
    return word.sub(lambda m: joined.get(m[0], m[0]), text)


def warm_up() -> None:
    """Load hazm's tables and the pack's patterns once (before worker processes fork)."""
    _hazm()
    _mi()
    _spelling_variants()


def _drop_stray_zwnj(text: str) -> str:
    """The text without its stray ZWNJs (none beside a letter on one side), asked first from the ZWNJ."""
    return _STRAY_ZWNJ.sub("", text) if "\u200c" in text and _ANY_STRAY_ZWNJ.search(text) else text


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
    text = _FIRST_PASS(text)
    text = zwnj_free = _drop_stray_zwnj(text)
    # A digit glued to a word is split before hazm looks at word starts ("می" prefixes) and before
    # the decimal rules look at what stands beside a number.
    if _DIGIT_BY_LETTER.search(text):
        text = _DIGIT_LETTER.sub(r"\1 \2", text)
        text = _LETTER_DIGIT.sub(r"\1 \2", text)
    if _LATIN_BY_LETTER.search(text):
        text = part_scripts(text, _LETTER, "fa")
    text = hazm.translate(text)
    if hazm.diacritics:
        text = _replace(hazm.diacritics, text)
    if hazm.unicode_gate.search(text):  # without any of them, no replacement can change the text
        for old, new in hazm.unicode_replacements:
            text = text.replace(old, new)
    text = _separate_mi(_respelled(text), hazm.mi_joined)
    return _spaced(text, hazm, zwnj_free)


def _spaced(text: str, hazm: _Hazm, zwnj_free: str) -> str:
    """normalize_fa's last steps: spacing runs, hazm's spacing and affix rules, decimals, stray ZWNJ,
    spacing runs again. A step is skipped where it cannot change the text: the spacing gate finding
    nothing; the text still the one a pass of the same step already left (zwnj_free: the text as the first
    drop of stray ZWNJ left it; the drop is idempotent, as is _SPACES.sub)."""
    gate = hazm.spacing_gate
    spaced = None  # a text with no spacing run
    if gate is None or gate.search(text):
        text = _SPACES.sub(" ", text)
        text = _replace(hazm.extra_space, text)
        text = _replace(hazm.affix_spacing, text)
    else:
        spaced = text
    text = part_glued(normalize_decimals(text), "fa")  # ".4 g/kg", "IVIg0.4", "g/kg/dx5d"
    text = join_space_thousands(text, "fa")  # "1 000 mg": a space as thousands separator, where nothing else it can be
    if text != zwnj_free:
        text = _drop_stray_zwnj(text)
    if _LATIN_BY_LETTER.search(text):  # hazm's affix spacing may have joined a suffix back ("0gg تر" -> "0ggتر")
        text = part_scripts(text, _LETTER, "fa")
    if text != spaced and ("  " in text or _ANY_SPACING.search(text)):
        text = _SPACES.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=1 << 16)
def loose_key(text: str) -> str:
    """A comparison key that ignores spacing, ZWNJ, punctuation and case: for matching, not display."""
    text = normalize_fa(text).lower()
    return "".join(ch for ch in text if ch.isalnum())
