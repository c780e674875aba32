"""A threshold rule that cannot match without a comparison word is skipped on a text that has none, and
reads exactly what it read before where it runs."""
import re

import pytest

from pipeline.criteria import _needs_op, _rules, text_to_criteria

OPS = {"<": "<", ">=": ">=", "below": "<"}


@pytest.mark.parametrize("source, ops, needed", [
    (r"IgG\s*(?:<|>=)\s*\d+", {"<": "<", ">=": ">="}, True),  # the comparison is required
    (r"IgG\s*(?:<|>=)?\s*\d+", {"<": "<", ">=": ">="}, False),  # optional: never skipped
    (r"IgG\s*(?:<|below)\s*\d+", OPS, False),  # a word case folding could match as "BELOW": never skipped
])
def test_a_rule_needs_a_comparison_word_only_when_every_match_holds_one(source, ops, needed):
    assert _needs_op(re.compile(source, re.I), ops) is needed


def test_rules_with_a_comparison_are_skipped_without_one_and_read_with_one():
    rules, ops, _ = _rules()
    assert any(rule.needs_op for rule in rules)
    word = next(iter(ops))
    without = text_to_criteria("PRA 20%", "d", ("r",), "dosing")
    with_op = text_to_criteria(f"PRA {word} 20%", "d", ("r",), "dosing")
    assert without == [] and [c.analyte for c in with_op] == ["pra"]


def _clauses_by_pattern(text):
    from pipeline.article.dosing_zh import patterns

    cuts = sorted({0, len(text), *(m.start() for m in patterns().clause_cut.finditer(text) if m.start())})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip(" ,;:")]


def _then_word():
    from pipeline.lexicon import load

    return load("article_zh.yaml")["then_words"][0]


@pytest.mark.parametrize("text", ["", " ,", "0.4 g/kg", "0.4 g/kg;5 d", "0.4 g/kg\uff1b5 d", "0.4 g/kg THEN 5 d"])
def test_a_sentence_without_a_cut_is_one_clause_as_the_pattern_says(text):
    from pipeline.article.dosing_zh import _clauses

    text = text.replace("THEN", _then_word())
    assert _clauses(text) == _clauses_by_pattern(text)


def test_one_search_finds_a_comparison_word_wherever_one_stands():
    from pipeline.criteria import _rules_by_op

    without_op, every_rule, op_word = _rules_by_op()
    rules, ops, _ = _rules()
    assert every_rule == rules and without_op == tuple(r for r in rules if not r.needs_op)
    for word in ops:
        for text in (word, f"IgG {word} 400", f"x{word}y"):
            assert op_word.search(text)
    assert not op_word.search("IgG 400 mg/dL") and not op_word.search("")


def test_a_bare_rule_is_skipped_only_without_the_caseless_words_every_match_holds():
    """The rules gate.gated leaves bare carry a test of the words every match holds (no character with a
    case: `in` is exact under IGNORECASE); a text a rule matches always passes its test."""
    from pipeline.criteria import _caseless_words_test

    rules, ops, _ = _rules()
    assert any(rule.may_match is not None for rule in rules)
    assert _caseless_words_test(re.compile("IgG\\s*<\\s*\\d+", re.I)) is None  # "igg" has a case
    word = next(iter(ops))
    for rule in rules:
        for text in (f"\u067e\u0644\u0627\u06a9\u062a {word} 30000", "PRA > 20 %", "IgG 400 mg/dL"):
            if rule.pattern.search(text):
                assert rule.may_match is None or rule.may_match(text), rule.analyte
