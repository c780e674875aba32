"""The lookahead of a pattern's first characters (pack.lead_chars): it only leaves positions where no match
can start, so a pattern behind it finds exactly what it found."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipeline.dosing.pack import lead_chars

CORPUS = Path(__file__).parent / "corpus"


@pytest.mark.parametrize("pattern, flags, lookahead", [
    (r"(?<![0-9A-Za-z_.])\d+(?:\.\d+)?", 0, r"(?=[\d])"),
    (r"(?<!\w)(?:mg|g)(?![a-z])", re.I, "(?=[gm])"),
    (r"(?:x )?y+z", 0, "(?=[xy])"),  # an optional start: what follows it may start the match
    (r"(?:a|b?)c", 0, "(?=[abc])"),
    (r"(?<!x)[a-c]\d", 0, "(?=[a-c])"),
])
def test_the_lookahead_names_every_first_character(pattern, flags, lookahead):
    assert lead_chars(pattern, flags) == lookahead


@pytest.mark.parametrize("pattern, flags", [
    (r"a?", 0),  # may match the empty string: any position can start it
    (r"(?<!x)[^a]b", 0),  # a negated class
    (r"(?<!x).b", 0),  # any character
    (r"(?<!x)(?i:a)b", 0),  # a group's own flags would be lost in the lookahead
    (r"(?i)(?<!x)ab", 0),  # a global flag must stay first
    (r"abc|abd", 0),  # re already skips to its literal prefix in C
    (r"(?<!x)\Db", 0),  # a category it does not spell
])
def test_no_lookahead_where_it_cannot_be_told_or_gains_nothing(pattern, flags):
    assert lead_chars(pattern, flags) == ""


@pytest.mark.parametrize("pattern, flags, text", [
    (r"(?<!\w)(?:mg|g)(?![a-z])", re.I, "2 MG, 3 g, 4 Mg/kg, 5 kg"),
    (r"(?<![0-9.])\d+(?:\.\d+)?(?: ?(?:to|-) ?\d+)?", 0, "0.4-1 g, 2 to 3 days, x1.5, ۴۰۰"),
    (r"(?:very )?(?<!\w)(?:SEVERE|mild)", re.I, "very severe, Mild and veryMILD"),
])
def test_a_pattern_behind_its_lookahead_finds_the_same_matches(pattern, flags, text):
    plain, scanned = re.compile(pattern, flags), re.compile(lead_chars(pattern, flags) + pattern, flags)
    assert lead_chars(pattern, flags)
    assert [m.span() for m in scanned.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_the_nets_and_dose_patterns_find_on_the_corpus_what_they_found_without_it(lang):
    from pipeline.dosing.pack import pack
    from pipeline.dosing.doses import _patterns
    from pipeline.dosing.net import _mention_patterns
    from pipeline.dosing.read import _normalize

    lines = yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    texts = [_normalize(line["text"], lang) for line in lines]
    patterns = [p for p in (*_mention_patterns(lang), *_patterns(lang)[0], pack(lang).other_drugs) if p is not None]
    ahead = [p for p in patterns if p.pattern.startswith("(?=[")]
    assert len(ahead) >= 4
    for p in ahead:
        plain = re.compile(p.pattern[p.pattern.index("])") + 2:], p.flags)
        assert [[m.span() for m in p.finditer(t)] for t in texts] == [[m.span() for m in plain.finditer(t)] for t in texts]


def test_a_kept_lead_not_of_its_shape_is_worked_out_again(monkeypatch):
    """lead_chars is kept in the build cache's library answers; a kept answer that is not a lookahead of a
    class (a damaged file) is never put before a pattern: the lead is read from re's parse again."""
    from pipeline import memo
    from pipeline.dosing import pack as pack_module

    pattern = r"(?<!\w)(?:ab|cd)"
    expected = pack_module._lead_chars(pattern, 0)
    for kept in ("garbage", "(?=x)", "(?!)"):
        monkeypatch.setattr(memo, "remembered", lambda library, question, ask, kinds=(str,), kept=kept: kept)
        assert pack_module.lead_chars(pattern) == expected
