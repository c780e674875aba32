"""The reader runs a reading's spellings apart, only those whose words stand in the text: it must find
exactly the matches the reading's one pattern (the alternation of its spellings) finds, at every step."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipeline.dosing.timing import _live, _Reader
from pipeline.dosing.timing_spellings import leftmost as _leftmost, raw_patterns as _raw_patterns

CORPUS = Path(__file__).resolve().parent / "corpus"


def _texts(lang: str) -> list[str]:
    from pipeline.dosing.read import _normalize

    lines = yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    texts = [line["text"] for line in lines] + [_normalize(line["text"], lang) for line in lines]
    return texts + [t[i:i + 24] for t in texts for i in range(0, len(t), 7)]  # windows, as the readers cut them


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_the_live_spellings_find_what_the_reading_finds(lang):
    whole = _raw_patterns(lang)
    differ = []
    for text in _texts(lang):
        _, spellings = _live(lang)(text)
        for name, pattern in whole.items():
            expected = [m.span() for m in pattern.finditer(text)]
            reader = _Reader(text, lang, spellings)
            got = [m.span() for m in reader.scan(name)]
            at = [(m.span() if (m := reader.after(name, i)) else None) for i in range(len(text))]
            if got != expected or at != [(m.span() if (m := pattern.match(text, i)) else None) for i in range(len(text))]:
                differ.append((name, text))
    assert not differ


@pytest.mark.parametrize("sources, text, expected", [
    (("ab", "abc", "bca"), "ab abc xab", [(0, 2), (3, 5), (8, 10)]),  # at a tie the first spelling's ("ab")
    (("ab", "abc", "bca"), "xbcab", [(1, 4)]),  # a later spelling's leftmost match ("ab" overlaps it: searched on)
    (("ab", "abc", "bca"), "abcab", [(0, 2), (3, 5)]),
    (("ab", "abc", "bca"), "", []),
    (("b", "a*"), "baab", [(0, 1), (1, 3), (3, 4), (4, 4)]),  # empty matches: the alternation goes on
    (("a*", "b"), "baab", [(0, 0), (0, 1), (1, 3), (3, 3), (3, 4), (4, 4)]),
])
def test_leftmost_finds_what_the_alternation_finds(sources, text, expected):
    alternation = re.compile("|".join(f"(?:{s})" for s in sources))
    spellings = tuple(map(re.compile, sources))
    assert [m.span() for m in _leftmost(spellings, text, lambda: alternation)] == expected
    assert [m.span() for m in alternation.finditer(text)] == expected


@pytest.mark.parametrize("source, held", [
    ("a\x00b", True), ("(?:a|b)\x00", True), ("(?:\x00a|b\x00)", True), ("(?:\x00|b)", False), ("\x00?b", False),
    ("(?:\x00)+b", True), ("(?:\x00)*b", False), ("(?=\x00)b", False), ("(?P<r>\x00)", True), ("[\x00a]", False),
])
def test_requires_a_character_only_where_every_match_holds_it(source, held):
    from pipeline.gate import requires

    assert requires(re.compile(source), "\x00") is held


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_a_numbered_spelling_finds_nothing_where_the_number_finds_nothing(lang):
    # the skip of _Live is exact: every match of a numbered spelling holds a match of the pack's number
    from pipeline.dosing.timing_spellings import number, numbered, spelling_patterns

    assert ("count", 0) in numbered(lang) and ("daily", 0) not in numbered(lang)  # "in {R} doses"; "daily"
    for text in _texts(lang) + ["\u062f\u0648\u0632", "\u6b21"]:  # and a dose word with no number ("دوز", "次")
        if number(lang).search(text) is None:
            assert not [key for key in numbered(lang) if spelling_patterns(lang)[key].search(text)]
            _, spellings = _live(lang)(text)  # the reader does not run them there (where no digit stands either)
            dropped = not {spelling_patterns(lang)[key] for key in numbered(lang)} & set().union(*spellings.values())
            assert dropped or re.search(r"\d", text)
