"""The cues of a statement's words: the phase named nearest an amount, the populations a text names.

Each kind of cue (phase, phase_after, population) is a list of words in the language pack (`dose`); one
gated pattern per kind tells first whether a text names any of them, as most words name none.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..gate import for_text, gated
from .vocab import vocab

__all__ = ["last_cue", "populations_in", "unbracketed"]

_PARENTHESIS = re.compile(r"\([^()]*(?:\)|$)")  # a bracket the window cuts off counts too
_CLOSED = re.compile(r"\([^()]*\)")


def last_cue(lang: str, kind: str, text: str) -> tuple[str | None, int | None]:
    """The cue of a kind (phase, phase_after) nearest the end of text, and where it starts."""
    groups, any_cue = _cues(lang, kind)
    if not for_text(any_cue, text).search(text):  # most words name no cue: one search, not one per cue
        return None, None
    best: tuple[str | None, int | None, int] = (None, None, -1)
    for name, pattern in groups:
        for m in pattern.finditer(text):
            if m.end() > best[2]:
                best = (name, m.start(), m.end())
    return best[0], best[1]


def populations_in(text: str, lang: str = "fa") -> set[str]:
    groups, any_cue = _cues(lang, "population")
    if not for_text(any_cue, text).search(text):
        return set()
    return {name for name, pattern in groups if pattern.search(text)}


def unbracketed(text: str, open_kept: bool = False) -> str:
    """The text with each bracket (and its words; one left open runs to the end) put as one space. With
    `open_kept`, a bracket left open stays: the words before an amount inside a bracket are its own
    ("2 g/kg (در کودکان 1 g/kg روزانه)": the second amount's population)."""
    if "(" not in text:  # most texts hold no bracket: no scan
        return text
    return (_CLOSED if open_kept else _PARENTHESIS).sub(" ", text)


@cache
def _cues(lang: str, kind: str) -> tuple[tuple[tuple[str, re.Pattern], ...], re.Pattern]:
    """The pack's cues of a kind (vocab's phase, phase_after, population), and one pattern matching wherever
    any of them matches (each cue in its own flags), behind its gate: it finds something exactly when one
    of the cues would, so a text it misses names none of them. Built once per pack, not looked up per text."""
    groups = getattr(vocab(lang), kind)
    parts = [(p.pattern, p.flags) for _, p in groups]
    return groups, gated(regex("|".join(f"(?{_inline(flags)}:{pattern})" if _inline(flags) else f"(?:{pattern})"
                                        for pattern, flags in parts) or "(?!)"))


def _inline(flags: int) -> str:
    """The inline form of a cue's flags that may be scoped to its group (re.I, re.S, re.M, re.X)."""
    return "".join(letter for flag, letter in ((re.I, "i"), (re.M, "m"), (re.S, "s"), (re.X, "x")) if flags & flag)
