"""for_text (pipeline/gate.py): a short text is searched by the bare pattern, a longer one behind its gate;
either way the same matches, as a gate only decides whether re runs."""
from __future__ import annotations

import re

import pytest
import yaml

from pipeline.gate import _SHORT, Gated, for_text, gated


@pytest.mark.parametrize("pattern, short", [
    (r"\d+ ?(?:mg|g)/kg", _SHORT),  # two words to test: below _SHORT re alone is cheaper
    (re.compile(r"\d+ every", re.I), _SHORT),  # tested on the lowered text: also re alone below _SHORT
    (r"\d+ \u0645\u0627\u0647", 0),  # one word on the text as given: the gate costs less than re at any length
])
def test_how_short_a_text_goes_to_re_alone(pattern, short):
    pattern = gated(re.compile(pattern) if isinstance(pattern, str) else pattern)
    assert isinstance(pattern, Gated)
    assert pattern.short == short


@pytest.mark.parametrize("length, bare", [(0, True), (_SHORT - 1, True), (_SHORT, False), (200, False)])
def test_for_text_drops_the_gate_only_below_the_length(length, bare):
    pattern = gated(re.compile(r"\d+ ?(?:mg|g)/kg"))
    chosen = for_text(pattern, "x" * length)
    assert (chosen is pattern.pattern_) is bare and (chosen is pattern) is not bare


def test_for_text_leaves_an_ungated_pattern_as_it_is():
    plain = re.compile(r"\d+")
    assert for_text(plain, "") is plain


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_for_text_finds_what_the_pattern_finds_on_every_corpus_slice(lang):
    from tests.test_gate import CORPUS, _packs_patterns

    lines = yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    texts = [line["text"] for line in lines]
    slices = [t[i:i + n] for t in texts for n in (8, _SHORT - 1, _SHORT, 40) for i in range(0, len(t), 5)]
    for name, pattern in _packs_patterns(lang).items():
        for text in slices:
            want = [m.span() for m in pattern.pattern_.finditer(text)]
            assert [m.span() for m in for_text(pattern, text).finditer(text)] == want, (name, text)


@pytest.mark.parametrize("words, text, holds", [
    ((("ab",),), "xaby", True), ((("ab",),), "xy", False),
    ((("ab", "cd"),), "cd", True), ((("ab", "cd"),), "ac", False),
    ((("ab",), ("cd",)), "ab cd", True), ((("ab",), ("cd",)), "ab", False),  # each word required
    ((("ab", "x"), ("cd",)), "x cd", True), ((("ab", "x"), ("cd",)), "x c", False),
    ((("ab", "x"), ("cd", "y")), "ab y", True), ((("ab", "x"), ("cd", "y")), "", False),
])
def test_words_test_holds_a_word_of_each_disjunction(words, text, holds):
    from pipeline.gate import words_test as _words_test

    assert _words_test(words)(text) is holds
