"""The net's cheap prechecks (tests run before a pattern, to skip texts it cannot match) never skip a text
the pattern matches: built from what each pattern needs, they are pinned here against the patterns."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.dosing import net
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
    pattern, may_hold = net._long_runs(lang), net._long_run_test(lang)
    texts = _edge_texts(lang) + _statements(lang)
    assert any(pattern.search(t) for t in texts)  # the edge cases do reach the pattern
    for text in texts:
        assert may_hold(text) or pattern.search(text) is None, text


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_masking_after_the_precheck_equals_masking_every_text(lang):
    pattern = net._long_runs(lang)
    for text in _edge_texts(lang):
        masked, flags = net.mask_long_numbers(text, lang)
        assert masked == pattern.sub(lambda m: net.MASK * len(m.group(0)), text)
        assert [f.span for f in flags] == [m.span() for m in pattern.finditer(text)]
