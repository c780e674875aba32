"""The label before a bare amount under a header (header_units.py): whether its words name what the amount is for.

"ITP 1", "کاوازاکی ۲", "成人 2", "CIDP — بارگیری ۲۰۰۰", "体重<10 kg者 1": under a header naming the unit once, a bare
number is an amount only after a label naming an indication (pipeline/data/indications.yaml: the language's aliases
and the English ones), a population or a phase (the packs' cues), the drug itself, or one of the packs'
`normalize.header_unit_labels`. The label holds no number, colon, time or lab word of its own
(`header_unit_not_in_labels`: "PID تراف هدف ۸۰۰", "Hughes 評分：2"), except an age or weight bound with its unit
(`header_unit_bounds`: "کودکان زیر ۱۲ سال"; the scan blanks those numbers as BOUND_MARKs), and does not end in a word
after which a number may be a count (`header_unit_not_labels`: "تکرار: ۱").
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..gate import for_text
from ..lexicon import load
from ..normalize.fa import normalize_fa
from ..normalize.zh import normalize_zh
from .pack import SP, load_net
from .timing_spellings import unit_patterns

BOUND_MARK = "\x00"  # a number of a label that is no amount, blanked ("زیر ۱۲ سال" -> "زیر \x00\x00 سال")
_LIST_MARK = re.compile(r"^\(?[\d\x00]{1,2}[).\u3001]\s*")  # "۲) ITP", "2. ITP", "2、ITP": an item's number (blanked)
# a number standing alone in a label (not "HIV-1", "COVID-19", "IgG4", "1型")
_STANDALONE_NUMBER = re.compile(r"(?<![\w\-])\d+(?:\.\d+)?(?!\w)")
_COLON = re.compile("[:\uff1a]")


def labelled(label: str, lang: str, first: bool) -> bool:
    """The words before a bare amount in its segment name what it is for (see the module's doc), or there are none
    and the segment is the first of the header's scope ("剂量单位：g/kg 0.4"); no number of their own, a colon only at
    their end. A number alone after a comma ("۰٫۴ در روزهای ۱، ۲، ۳") is a list's, not an amount."""
    words = _LIST_MARK.sub("", label.strip(" :\uff1a-\u2013\u2014)\uff09|\uff5c")).strip()  # "(g/kg) — ITP:", "为g/kg：川崎病"
    if not words:
        return first
    # an age or a weight bound with its unit is a population's ("کودکان زیر ۱۲ سال", "体重<10 kg者"); any other number
    # left in the label (a time: "连用2天 川崎病", a count: "نوبت ۲") says the segment holds more than a label
    words = _bounds(lang).sub(" ", words)
    if BOUND_MARK in words or _STANDALONE_NUMBER.search(words) or _COLON.search(words) or _holds_time(words, lang):
        return False
    # a lab word inside a name is the name's ("免疫性血小板减少症" holds "血小板"): the names are blanked first
    named = _names(lang).sub(" ", words)
    if _unsure_end(lang).search(words) or _not_in_labels(lang).search(named):
        return False
    return named != words or any(for_text(p, words).search(words) for p in _cue_patterns(lang))


@cache
def _names(lang: str) -> re.Pattern:
    """The indications' names (data/indications.yaml: the language's aliases and the English ones), the drug's
    names (the pack's `net.ivig`) and the pack's `normalize.header_unit_labels`, as one pattern over normalized text."""
    own = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("header_unit_labels") or []
    every = _indication_names(lang) + list(own) + list(load_net(lang).get("ivig") or [])
    if lang == "fa":  # whole words
        return regex(rf"(?<![^\W\d_])(?:{'|'.join(every)})(?![^\W\d_])", re.I)
    # Chinese runs its words together: only a Latin name must stand apart from Latin letters ("MG" not in "QMG")
    latin = [w for w in every if w[:1].isascii() and w[:1].isalpha()]
    other = [w for w in every if w not in latin]
    return regex(rf"(?<![A-Za-z])(?:{'|'.join(latin)})(?![A-Za-z])|(?:{'|'.join(other)})", re.I)


def _indication_names(lang: str) -> list[str]:
    """The indications' aliases in the language and in English, normalized and escaped, longest first; a space
    may be written as a ZWNJ or not at all ("گیلن باره", "گیلن‌باره", "گیلنباره")."""
    normal = normalize_zh if lang == "zh" else normalize_fa
    names = {a for e in load("indications.yaml") for key in (f"aliases_{lang}", "aliases_en")
             for a in e.get(key) or [] if isinstance(a, str) and a.strip()}
    return sorted({re.escape(normal(n).strip()).replace("\\ ", "[ \u200c]?") for n in names}, key=len, reverse=True)


def normalize_words(lang: str, key: str) -> str:
    """A list of the pack's `normalize` section as one alternation (one that matches nothing when it is empty)."""
    return "|".join((load(f"lang/{lang}.yaml").get("normalize") or {}).get(key) or ["(?!)"])


def _holds_time(words: str, lang: str) -> bool:
    """A number and a time unit in the label ("连用2天川崎病": two rows run together, their line lost)."""
    return bool(_timed_number(lang).search(words))


@cache
def _timed_number(lang: str) -> re.Pattern:
    units = "|".join(p.pattern for p in unit_patterns(lang).values())
    return regex(rf"\d{SP}(?:{units})", re.I)


@cache
def _bounds(lang: str) -> re.Pattern:
    """A comparison before a blanked number (an age or a weight with its unit): the packs' `header_unit_bounds`."""
    return regex(rf"(?:{normalize_words(lang, 'header_unit_bounds')}){SP}{BOUND_MARK}+", re.I)


@cache
def _not_in_labels(lang: str) -> re.Pattern:
    """Words that make a label a lab value's, a score's, a target's or another route's, wherever they stand in it
    (the packs' `header_unit_not_in_labels`): "PID تراف هدف ۸۰۰", "ITP 血小板目标 50", "替代治疗（皮下）100"."""
    return regex(rf"(?:{normalize_words(lang, 'header_unit_not_in_labels')})", re.I)


@cache
def _unsure_end(lang: str) -> re.Pattern:
    """The pack's `normalize.header_unit_not_labels` ending a label: the number after it may be an amount or a count."""
    return regex(rf"(?:{normalize_words(lang, 'header_unit_not_labels')})\s*$", re.I)


@cache
def _cue_patterns(lang: str) -> tuple[re.Pattern, ...]:
    """One pattern for the pack's phase cues, one for its population cues."""
    from .cues import _cues

    return tuple(_cues(lang, kind)[1] for kind in ("phase", "population"))
