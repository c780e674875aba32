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
