"""The net's cheap prechecks (tests run before a pattern, to skip texts it cannot match) never skip a text
the pattern matches: built from what each pattern needs, they are pinned here against the patterns."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.dosing import net, unsafe_numbers
from pipeline.dosing.pack import pack

CORPUS = Path(__file__).parent / "corpus"


def _words(lang: str) -> list[str]:
    return [w for section in pack(lang).number_words.values() if isinstance(section, dict) for w in section]


def _edge_texts(lang: str) -> list[str]:
    """Runs at and around each length bound, in both separators, inside words and at the ends."""
    texts = ["1" * 16, "1" * 15, "x " + "9" * 16 + " y", "0," + "1" * 16, "1" * 8 + "." + "1" * 8]
    chars = net.load_net(lang).get("numeral_chars") or ""
    if chars:
        texts += [chars[1] * 21, chars[1] * 20, "a" + chars[2] * 25 + "b"]
    words = _words(lang)
    if words:
        for n in (11, 12, 13, 14, 20):
            texts += [" ".join(words[i % len(words)] for i in range(n)),
                      "\u200c".join(words[(i * 3) % len(words)] for i in range(n)),
                      "x " + "  ".join([words[1]] * n) + " 5 mg"]
    return texts


def _statements(lang: str) -> list[str]:
    lines = yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    return [line["text"] for line in lines]


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_long_run_precheck_passes_every_text_the_mask_pattern_matches(lang):
    pattern, may_hold = unsafe_numbers._long_runs(lang), unsafe_numbers._long_run_test(lang)
    texts = _edge_texts(lang) + _statements(lang)
    assert any(pattern.search(t) for t in texts)  # the edge cases do reach the pattern
    for text in texts:
        assert may_hold(text) or pattern.search(text) is None, text


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_masking_after_the_precheck_equals_masking_every_text(lang):
    pattern = unsafe_numbers._long_runs(lang)
    for text in _edge_texts(lang):
        masked, flags = unsafe_numbers.mask_long_numbers(text, lang)
        assert masked == pattern.sub(lambda m: unsafe_numbers.MASK * len(m.group(0)), text)
        assert [f.span for f in flags] == [m.span() for m in pattern.finditer(text)]


def _windows(text: str, width: int = 30) -> list[str]:
    return [text[max(0, i - width):i] for i in range(0, len(text) + 1, 3)]


def _plain_names(lang: str) -> list[str]:
    """The pack's co-medication names written without any pattern character."""
    names = net.load_net(lang)["other_drugs"]
    return [n for n in names if not any(c in n for c in "\\[](){}?*+|.^$")]


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_drug_name_precheck_passes_every_lead_the_drug_pattern_matches(lang):
    pattern, may_name = pack(lang).other_drugs, net._may_name_drug(lang)
    texts = [w for s in _statements(lang) for w in _windows(s)]
    texts += [f"x {name} 5" for name in _plain_names(lang)] + [f"{name.upper()}" for name in _plain_names(lang)]
    assert sum(1 for t in texts if pattern.search(t)) > 50  # the check sees many leads that name a drug
    for text in texts:
        assert may_name(text) or pattern.search(text) is None, text


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_drug_name_precheck_skips_leads_with_no_name_letters(lang):
    assert not net._may_name_drug(lang)("1" * 30)
    assert not net._may_name_drug(lang)("")


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_drug_name_precheck_lets_through_letters_re_folds_to_ascii(lang):
    assert net._may_name_drug(lang)("\u212a 5 mg")  # the Kelvin sign: re.I reads it as k


@pytest.mark.parametrize("pattern, ways", [
    ("abc", [("abc",)]),
    ("abcd", [("abc", "bcd")]),
    ("ab", [("ab",)]),
    ("ab|cd", [("ab",), ("cd",)]),
    ("x?yz", [("yz",)]),
    ("[ab]", [("a",), ("b",)]),
    (r"\w*xy", [("xy",)]),
    ("(?:ab|c)d?", [("ab",), ("c",)]),
    (r"\w+", None),
    ("a|\\w", None),
])
def test_the_strings_every_match_holds_are_read_from_the_parse(pattern, ways):
    import re
    from collections import Counter
    from re import _parser

    from pipeline import pattern_letters

    got = pattern_letters._needed(list(_parser.parse(pattern, re.I).data), re.I, Counter())
    assert (sorted(got) if got else got) == ways


def test_long_run_precheck_counts_number_words_however_they_stand():
    """Runs of number words (one of several words among them) between punctuation, other words and digits,
    cut by spaces, runs of spaces or ZWNJ: the count of number words never skips a run the pattern masks."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = _words("fa") + [pack("fa").number_words.get("joiner") or "x"]
    pattern, may_hold = unsafe_numbers._long_runs("fa"), unsafe_numbers._long_run_test("fa")
    parts = st.sampled_from(words + ["(", ")", "5", "mg", "\u06a9\u06cc\u0644\u0648", ".", "x"])
    gaps = st.sampled_from([" ", "  ", "\u200c", " \u200c", ""])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.tuples(parts, gaps), min_size=10, max_size=20))
    def check(items):
        text = "".join(p + g for p, g in items)
        assert may_hold(text) or pattern.search(text) is None, text

    check()
