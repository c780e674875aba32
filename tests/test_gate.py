"""The gate before a pattern (pipeline/gate.py) never hides a match: the words it requires are words every
match holds, read from the pattern itself; a pattern with no such word is left ungated."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipeline.gate import Gated, alternatives_words, gated, required_words
from pipeline.live_names import LiveNames, live_names

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.mark.parametrize("pattern, words", [
    (re.compile("abc"), (("abc",),)),
    (re.compile(r"\d+ (?:mg|g)/kg"), (("/kg",), ("mg", "g"))),
    (re.compile("x(?:yy|zz)+w"), (("yy", "zz"), ("x",), ("w",))),
    (re.compile("(?<!a)bc(?=d)e"), (("bce",),)),  # zero-width parts do not part the words around them
    (re.compile("Every|daily", re.I), (("every", "daily"),)),  # ASCII words lowered: tested on the lowered text
    (re.compile("IVIG"), ()),  # a case-sensitive capital cannot be tested on lowered text: no gate
    (re.compile("\\b\u200c*\\B"), (("\u200c",),)),  # a boundary and a non-boundary at one place: x* takes one
    (re.compile("\\b\u200c*\\b"), ()),  # two boundaries may stand at one place: may match nothing
])
def test_required_words_are_what_every_match_holds(pattern, words):
    assert {frozenset(d) for d in required_words(pattern)} == {frozenset(d) for d in words}


@pytest.mark.parametrize("pattern", [
    r"a|\d",  # one alternative needs no word: no gate
    r"(?:ab)?c*",  # may match nothing
    r"[^a]b?",  # a negated class tells nothing
    r" +",  # a space tells nothing
])
def test_no_gate_when_a_match_may_lack_every_word(pattern):
    assert required_words(re.compile(pattern)) == ()
    assert not isinstance(gated(re.compile(pattern)), Gated)


@pytest.mark.parametrize("text, found", [
    ("400 MG/KG", True), ("400 mg/Kg", True),
    ("\u017fomething 400 mg/kg", True),  # a character re folds to an ASCII letter: the gate steps aside
    ("400 mg/\u212ag", True),  # the Kelvin sign: re matches it as k under IGNORECASE, and so does the gate
    ("400 mcg", False), ("", False),
])
def test_gate_under_ignorecase(text, found):
    pattern = gated(re.compile(r"\d+ ?mg/kg", re.I))
    assert isinstance(pattern, Gated)
    assert pattern.could_match(text) is found
    assert bool(pattern.search(text)) == bool(pattern.pattern_.search(text))


def _packs_patterns(lang: str) -> dict[str, object]:
    """Every gated pattern of a language's timing readings, dose words and net."""
    from pipeline.dosing.net import _mention_patterns
    from pipeline.dosing.pack import pack
    from pipeline.dosing.timing_spellings import patterns as _patterns
    from pipeline.dosing.vocab import vocab

    found = {f"timing.{k}": p for k, p in _patterns(lang).items()}
    v, p = vocab(lang), pack(lang)
    for group in ("phase", "population", "evidence", "notes"):
        found.update({f"vocab.{group}.{name}": pat for name, pat in getattr(v, group)})
    for name in ("basis_total", "basis_per_dose", "condition", "window", "ceiling_before", "clause_cut"):
        found[f"vocab.{name}"] = getattr(v, name)
    for name in ("per_weight", "per_time", "concentration", "per_area", "rate_words", "other_drugs", "ivig"):
        found[f"pack.{name}"] = getattr(p, name)
    found.update({f"net.{i}": pat for i, pat in enumerate(_mention_patterns(lang))})
    if lang == "fa":  # the normalizer's (hazm's) rules and the decimal rules, on the text before normalization
        from pipeline.normalize import fa, numbers

        hazm = fa._hazm()
        found.update({f"hazm.{i}": pat for i, (pat, _) in enumerate(hazm.extra_space + hazm.affix_spacing)})
        found.update({name: getattr(numbers, name) for name in dir(numbers) if name.isupper()})
        found["zwnj"], found["mi"] = fa._STRAY_ZWNJ, fa._mi()[0]
    return {k: pat for k, pat in found.items() if isinstance(pat, Gated)}


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_no_gate_hides_a_match_on_the_corpus(lang):
    from pipeline.dosing.read import _normalize

    lines = yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    texts = [line["text"] for line in lines] + [_normalize(line["text"], lang) for line in lines]
    texts += [t[i:i + 24] for t in texts for i in range(0, len(t), 7)]  # windows, as the readers cut them
    patterns = _packs_patterns(lang)
    assert len(patterns) > 10
    hidden = [(name, text) for text in texts for name, pattern in patterns.items()
              if pattern.pattern_.search(text) and not pattern.could_match(text)]
    assert not hidden
    for text in texts[:200]:
        assert live_names(patterns, text) == {n for n, p in patterns.items() if p.could_match(text)}
    from pipeline.dosing.timing_spellings import patterns as _patterns

    patterns.update({f"timing.{k}": p for k, p in _patterns(lang).items()})  # the ungated readings too
    live = LiveNames(patterns)
    hidden = [(name, text) for text in texts for name in set(patterns) - live(text)
              if getattr(patterns[name], "pattern_", patterns[name]).search(text)]
    assert not hidden
    assert all(live(text) <= live_names(patterns, text) for text in texts)  # never a name the gates hide


def _gate(words: tuple[tuple[str, ...], ...]) -> Gated:
    return Gated(re.compile("(?=.)"), words)  # a pattern that requires no word: only the gate tells


_WORDS = {
    "ab": _gate((("ab",),)), "bcd": _gate((("bcd",),)), "b": _gate((("b",),)),  # "bcd" starts inside "ab"
    "mg_or_g": _gate((("mg", "g"),)), "both": _gate((("kg",), ("dose",))), "unit": _gate((("روز", "روزانه"),)),
    "plain": re.compile(r"\d*"),  # requires no word: always live
}


@pytest.mark.parametrize("text, live", [
    ("xabcd", {"ab", "bcd", "b"}),  # "bcd" overlaps the "ab" found before it
    ("abc", {"ab", "b"}), ("bc", {"b"}), ("", set()),
    ("400 MG/KG", {"mg_or_g"}), ("1 g/kg per dose", {"mg_or_g", "both"}),
    ("روزانه", {"unit"}), ("کروز", {"unit"}),
    ("\u017f abcd", set(_WORDS)),  # a character re folds to an ASCII letter: every name stays live
])
def test_live_names_in_one_search_find_what_each_gate_finds(text, live):
    assert LiveNames(_WORDS)(text) == live | {"plain"}
    assert LiveNames(_WORDS)(text) == live_names(_WORDS, text)


@pytest.mark.parametrize("text, live", [
    ("abef", True), ("xy", True), ("cd xy", True), ("ab cd", True),  # the words, if not where they must stand
    ("ab", False), ("cdef", False), ("x y", False),
])
def test_live_when_the_words_of_one_alternative_stand_in_the_text(text, live):
    patterns = {"alt": re.compile("ab(?:cd|ef)|xy")}  # ungated (it starts with a literal): its alternatives tell
    assert (LiveNames(patterns)(text) == {"alt"}) is live


def test_a_gate_whose_words_lowering_changes_stays_live():
    patterns = {"cased": Gated(re.compile("\\d \u00c5"), (("\u00c5",),)), "ab": _gate((("ab",),))}
    assert LiveNames(patterns)("1 \u00e5") == {"cased"}  # never hidden, though live_names would hide it


@pytest.mark.parametrize("pattern, alternatives", [
    (re.compile(r"ab(?:cd|ef)gh|xy"), ((("ab",), ("gh",), ("cd", "ef")), (("xy",),))),
    (re.compile(r"x(?:ab|cd)"), ((("xab",),), (("xcd",),))),  # re inlines the group: one alternation, x on both
    (re.compile(r"\d+ mg"), (((" mg",),),)),  # no alternation: the pattern is its one alternative
    (re.compile(r"ab|\d"), ()),  # an alternative that requires no word: any text may match
])
def test_alternatives_words_are_what_each_alternative_holds(pattern, alternatives):
    def unordered(found):
        return [{frozenset(d) for d in alternative} for alternative in found]

    assert unordered(alternatives_words(pattern)) == unordered(alternatives)


@pytest.mark.parametrize("words, text", [
    (["ab", "abc", "b"], "abc ab abd b xb"), (["a", "abc", "abd"], "abx abd abcd a"), (["abcde", "abc"], "abcdx abcde"),
    (["x.y", "a+"], "x.y xzy a+ aa"), (["ab"], "ba"),
])
def test_the_tree_of_words_finds_what_their_alternation_longest_first_finds(words, text):
    from pipeline.live_names import _trie

    alternation = re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))
    assert re.compile(_trie(words)).findall(text) == alternation.findall(text)


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_the_tree_of_a_pack_finds_what_the_alternation_finds(lang):
    from pipeline.dosing.timing import _live
    from .test_timing_spellings import _texts

    names = _live(lang).names
    words = sorted(names.found_with, key=lambda w: (-len(w), w))
    alternation = re.compile("|".join(map(re.escape, words)))
    assert all(names.words.findall(t.lower()) == alternation.findall(t.lower()) for t in _texts(lang))
