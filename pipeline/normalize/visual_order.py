"""A Persian line extracted in visual order -> the line in reading order.

A PDF whose text layer was written in display order gives Persian lines with each word's letters reversed
and the words in reverse ("زور ۵ تدم هب هنازور مرگولیک رب مرگیلیم ۴۰۰"), while the runs written left to right
(digits, Latin words, "g/kg") keep their order inside the line. Such a line is told by the words of the pack's
`normalize.visual_order_cues` (units, the drug's names, timing words): at least two words of them standing
reversed as whole words, and none of them as written. The line is then put in reading order by the PDF
reader's engine (pdf/bidi.py: the bidirectional algorithm run backwards, checked by python-bidi). Reading it is a
guess about the extraction, so the caller flags each amount read from it (`visual_order`) and keeps the line as
written as the source words.
"""
from __future__ import annotations

import re
from functools import cache

__all__ = ["in_reading_order"]

_JOINERS = "\u200c\u200d\u0640"  # a word's cue is compared without its joiners and kashida
_WORDS = re.compile("[ /]")  # a cue of several words ("gram/kilogram") counts each


@cache
def _cues() -> tuple[tuple[str, ...], re.Pattern, re.Pattern, re.Pattern] | None:
    """(the cues reversed, the cues as written, the cues reversed, a Persian letter), each pattern an alternation
    of the cues (whether a match is a whole word is asked of the few found); None with no cues. Most lines hold
    no reversed cue at all, which the strings tell first (a substring test each, in C)."""
    from ..lexicon import load

    spec = load("lang/fa.yaml")["normalize"]
    cues = [c.translate({ord(j): None for j in _JOINERS}) for c in spec.get("visual_order_cues") or []]
    if not cues:
        return None

    def words(forms) -> re.Pattern:
        return re.compile("|".join(sorted({re.escape(f) for f in forms}, key=len, reverse=True)))

    arabic = str.maketrans("\u06cc\u06a9", "\u064a\u0643")  # the cue as typed with Arabic yeh and kaf, for the first test
    backwards = tuple(sorted({form for c in cues for form in (c[::-1], c[::-1].translate(arabic))}))
    return backwards, words(cues), words(backwards), re.compile(f"[{spec['letters']}]")


def in_reading_order(text: str) -> str | None:
    """The text in reading order when it was extracted in visual order (see the module), else None. Each
    line is judged and turned on its own."""
    cues = _cues()
    if cues is None:
        return None
    if "\n" not in text:
        return _turned(text, *cues)
    lines = text.split("\n")
    turned = [_turned(line, *cues) for line in lines]
    if all(t is None for t in turned):
        return None
    return "\n".join(line if t is None else t for line, t in zip(lines, turned))


def _turned(line: str, backwards: tuple[str, ...], as_written: re.Pattern, reversed_cues: re.Pattern,
            letter: re.Pattern) -> str | None:
    plain = line.replace("\u200c", "") if "\u200c" in line else line
    if not any(map(plain.__contains__, backwards)):
        return None
    folded = _folded(line)
    found = _whole_words(reversed_cues, folded, letter)
    if sum(len(_WORDS.split(cue)) for cue in found) < 2 or _whole_words(as_written, folded, letter, first=True):
        return None
    from ..pdf.bidi import visual_to_logical  # the PDF reader's reverse of the bidi algorithm, checked by python-bidi

    return visual_to_logical(list(line)).text


def _whole_words(pattern: re.Pattern, text: str, letter: re.Pattern, first: bool = False) -> set[str]:
    """The distinct matches of the pattern standing as whole words (no Persian letter right before or after);
    with first, at most the first one."""
    found = set()
    for m in pattern.finditer(text):
        start, end = m.span()
        if (start and letter.match(text, start - 1)) or (end < len(text) and letter.match(text, end)):
            continue
        found.add(m.group(0))
        if first:
            break
    return found


def _folded(line: str) -> str:
    """The line as the cues are compared: Arabic letter forms as Persian ones, no joiners or kashida."""
    return line.translate(_FOLD)


_FOLD = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", **{j: None for j in _JOINERS}})
