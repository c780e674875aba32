"""The reader runs a reading's spellings apart, only those whose words stand in the text: it must find
exactly the matches the reading's one pattern (the alternation of its spellings) finds, at every step."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipeline.dosing.timing import _leftmost, _live, _raw_patterns

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
        live, spellings = _live(lang)(text)
        for name, pattern in whole.items():
            expected = [m.span() for m in pattern.finditer(text)]
            found = spellings.get(name, ())
            got = [m.span() for m in (found[0].finditer(text) if len(found) == 1 else _leftmost(found, text))]
            at = [next((m.span() for p in found if (m := p.match(text, i))), None) for i, _ in expected]
            if got != expected or at != [(m.span() if (m := pattern.match(text, i)) else None) for i, _ in expected]:
                differ.append((name, text))
    assert not differ


@pytest.mark.parametrize("text, expected", [
    ("ab abc xab", [(0, 2), (3, 5), (8, 10)]),  # at a tie the first spelling's match ("ab", not "abc")
    ("xbcab", [(1, 4)]),  # the leftmost match, a later spelling's (then "ab" overlaps it: searched again)
    ("abcab", [(0, 2), (3, 5)]),
    ("cd ab", [(3, 5)]),
    ("", []),
])
def test_leftmost_finds_what_the_alternation_finds(text, expected):
    spellings = (re.compile("ab"), re.compile("abc"), re.compile("bca"))
    assert [m.span() for m in _leftmost(spellings, text)] == expected
    assert [m.span() for m in re.finditer("(?:ab)|(?:abc)|(?:bca)", text)] == expected
