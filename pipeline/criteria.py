"""Normalized text -> thresholds and targets (Criterion records) in canonical units.

IgG in mg/dL (so "4 تا 6 گرم در لیتر" is 400-600 mg/dL), platelets per microlitre ("50 هزار" is
50000), PRA in %, ages in years, times in their canonical unit. The rules and units live in
data/thresholds_fa.yaml.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache

from .dosing.vocab import SP, read_number, vocab
from .compiled import regex
from .gate import gated, kept_required_words, words_test
from .lexicon import load
from .records import Criterion, SourceRow
from .units import factor

CRITERIA_FIELDS = ("indication", "dosing", "conditions", "recommendations")


@dataclass(frozen=True)
class _Rule:
    analyte: str
    unit: str
    pattern: re.Pattern
    units: dict[str, Fraction]
    op: str | None
    context: tuple[str, ...]
    needs_op: bool = False  # every match holds a comparison word (most lines have none: the rule is skipped)
    # the words every match holds, tested with `in` before the pattern runs, for a pattern gate.gated leaves
    # bare (re finds where its matches start on its own, then tries all of it there: "کمتر از" stands in
    # many statements, "روز از پیوند" in few); None when it has its gate or no caseless words
    may_match: Callable[[str], bool] | None = None


@cache
def _rules() -> tuple[tuple[_Rule, ...], dict[str, str], re.Pattern]:
    data = load("thresholds_fa.yaml")
    ops = {word: op for op, words in data["operators"].items() for word in words}
    op_alt = "|".join(re.escape(w) for w in sorted(ops, key=len, reverse=True))
    rules = []
    for rule in data["rules"]:
        pattern = rule["pattern"].replace("{OP}", op_alt).replace("{R}", vocab().range).replace("{SP}", SP)
        compiled = regex(pattern, re.I)
        gate = gated(compiled)
        rules.append(_Rule(rule["analyte"], rule["unit"], gate,
                           {_unit_key(k): _factor(v, rule["unit"]) for k, v in rule["units"].items()}, rule.get("op"),
                           tuple(rule.get("context", ())), _needs_op(compiled, ops),
                           _caseless_words_test(compiled) if gate is compiled else None))
    target = gated(regex("|".join(data["target_words"])))
    return tuple(rules), ops, target


def _caseless_words_test(pattern: re.Pattern) -> Callable[[str], bool] | None:
    """gate.words_test of the words every match of the pattern holds, when none of their characters has a
    case (then IGNORECASE matches each only as itself, and `in` on the text as given is exact); else None."""
    words = kept_required_words(pattern)
    if not words or any(ch.lower() != ch or ch.upper() != ch or ch.casefold() != ch
                        for disjunction in words for word in disjunction for ch in word):
        return None
    return words_test(words)


def _needs_op(pattern: re.Pattern, ops: dict) -> bool:
    """Whether every match of the pattern holds one of the comparison words (read from re's parse by
    gate.required_words, kept in the build cache), so a text with none is not searched; never for words that case folding
    could match in another spelling."""
    if any(word != word.upper() or word != word.lower() for word in ops):
        return False
    return any(set(words) <= ops.keys() for words in kept_required_words(pattern))


def _unit_key(written: str) -> str:
    return re.sub(r"[\s\u200c]+", "", written).lower()


def _factor(value, canonical: str) -> Fraction:
    """A factor written in the data, or one pint computes from a unit to the rule's canonical unit."""
    if isinstance(value, (int, float)) or re.fullmatch(r"[\d/.]+", str(value)):
        return Fraction(str(value))
    return Fraction(factor(value, canonical)).limit_denominator(10**6)


def text_to_criteria(text: str, doc_id: str, row_ids: tuple[str, ...], field: str,
                     context: str = "") -> list[Criterion]:
    """Every threshold or target in a normalized text; context is the whole row, for rules that need it."""
    found: list[Criterion] = []
    without_op, every_rule, op_word = _rules_by_op()
    for rule in every_rule if op_word.search(text) else without_op:
        if ((rule.context and not any(map(context.__contains__, rule.context)))
                or (rule.may_match is not None and not rule.may_match(text))):
            continue
        for m in rule.pattern.finditer(text):
            criterion = _match_to_criterion(m, rule, text)
            if criterion is not None:
                found.append(Criterion(doc_id=doc_id, row_ids=row_ids, source_field=field, **criterion))
    return sorted(found, key=lambda c: c.span) if len(found) > 1 else found


@cache
def _rules_by_op() -> tuple[tuple[_Rule, ...], tuple[_Rule, ...], re.Pattern]:
    """(the rules a text without a comparison word may match, every rule, a pattern finding any comparison
    word), the rules in the data's order: most statements hold no comparison word, and are asked only the
    first rules (one search for all the words: a third of the cost of a test of each)."""
    rules, ops, _target = _rules()
    return (tuple(rule for rule in rules if not rule.needs_op), rules,
            regex("|".join(map(re.escape, sorted(ops, key=len, reverse=True))) or "(?!)"))


def _match_to_criterion(m: re.Match, rule: _Rule, text: str) -> dict | None:
    """A rule's match -> the criterion's values in the canonical unit; None when a number or the unit
    cannot be read (a unit the rule does not know is never read with a factor of 1: the net flags it)."""
    _, ops, target = _rules()
    values = [read_number(n.group(0)) for n in re.finditer(vocab().number, m.group("r"))]
    factor = rule.units.get(_unit_key(m.group("unit")))
    if not values or None in values or factor is None:
        return None
    scaled = sorted(float(Fraction(str(v)) * factor) for v in values)
    written_op = m.groupdict().get("op")
    op = ops[written_op] if written_op else ("between" if len(scaled) > 1 else rule.op or "between")
    low, high = scaled[0], scaled[-1]
    kind = "target" if target.search(text[max(0, m.start() - 40):m.start()]) else "eligibility"
    return dict(analyte=rule.analyte, op=op, value_low=low, value_high=high if high != low or op == "between" else None,
                unit=rule.unit, kind=kind, source_text=m.group(0), span=(m.start(), m.end()))


def criterion_key(c: Criterion) -> tuple:
    return (c.analyte, c.op, c.value_low, c.value_high, c.unit, c.kind)


def _onset(row: SourceRow, field: str) -> list[Criterion]:
    """Time since onset in a cell ("در 10 روز اول بیماری"), read by the rule statements use."""
    from .statements.dosing_adapter import onset_criteria

    return [replace(c, source_field=field, source_text=c.value_as_written or c.source_text, row_ids=(row.row_id,))
            for c in onset_criteria(row.cell(field), "fa", row.doc_id, row.row_id, None)]


def row_to_criteria(row: SourceRow) -> list[Criterion]:
    """A row's thresholds from all its cells; the same threshold said twice in a row is one."""
    criteria, seen = [], set()
    for field in CRITERIA_FIELDS:
        for criterion in (text_to_criteria(row.cell(field), row.doc_id, (row.row_id,), field, row.text)
                          + _onset(row, field)):
            if criterion_key(criterion) not in seen:
                seen.add(criterion_key(criterion))
                words = f"{field}|{criterion.source_text}|{criterion.analyte}"
                criterion_id = f"{row.row_id}-t{hashlib.sha256(words.encode()).hexdigest()[:6]}"
                criteria.append(replace(criterion, criterion_id=criterion_id))
    return criteria
