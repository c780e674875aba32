"""One sentence of a package insert or prose guideline -> its regimens, thresholds and flags.

The only place these readers call the dose and threshold grammar, one function per language, so
that the grammar can be swapped for another engine here alone. The sentence comes normalized; its
context (the item or paragraph it stands in) gives what the sentence leaves implicit (population,
evidence). Doses go through the one dose engine (pipeline/dosing) with the language's pack, and its
safety net flags what it could not read. Time since onset ("发病10日内", "طی ۱۰ روز اول بیماری") is read from
data/onset_thresholds.yaml, which the grammar does not know.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..lexicon import load
from ..normalize.zh import numeral_pattern, read_number
from ..records import Criterion, Reason, Regimen


@dataclass(frozen=True)
class SentenceReading:
    """What the grammar read from one sentence, and the review reasons it adds (the safety net's)."""

    regimens: tuple[Regimen, ...]
    criteria: tuple[Criterion, ...]
    flags: tuple[Reason, ...]


def read_zh(sentence: str, context: str, doc_id: str, statement_id: str, indication_id: str | None,
            reasons: tuple[Reason, ...] = ()) -> SentenceReading:
    """A normalized Chinese sentence -> its regimens and thresholds (the one dose engine, Chinese pack)."""
    from ..article.dosing_zh import course_spans, text_to_criteria, text_to_regimens

    regimens = text_to_regimens(sentence, context, doc_id, statement_id, indication_id, reasons)
    criteria = text_to_criteria(sentence, doc_id, statement_id, indication_id, reasons, skip=course_spans(sentence))
    criteria = list(criteria) + onset_criteria(
        sentence, "zh", doc_id, statement_id, indication_id, reasons, first=len(criteria) + 1)
    return SentenceReading(tuple(regimens), tuple(criteria), _unread(sentence, "zh", criteria))


def read_fa(sentence: str, context: str, doc_id: str, statement_id: str, indication_id: str | None,
            reasons: tuple[Reason, ...] = ()) -> SentenceReading:
    """A normalized Persian sentence -> its regimens and thresholds (the one dose engine, Persian pack)."""
    from ..criteria import text_to_criteria
    from ..dosing import read_regimens
    from ..dosing.regimens import evidence_of

    evidence = evidence_of([context or sentence])
    regimens = [replace(r, indication_id=indication_id, evidence=evidence, regimen_id=f"{statement_id}-g{n}",
                        review_reasons=tuple(dict.fromkeys(reasons + r.review_reasons)))
                for n, r in enumerate(read_regimens(sentence, doc_id=doc_id, row_ids=(statement_id,),
                                                    field="statement", normalized=True), start=1)]
    criteria = [replace(c, indication_id=indication_id, criterion_id=f"{statement_id}-t{n}",
                        review_reasons=tuple(dict.fromkeys(reasons + c.review_reasons)))
                for n, c in enumerate(text_to_criteria(sentence, doc_id, (statement_id,), "statement",
                                                       context or sentence), start=1)]
    criteria += onset_criteria(sentence, "fa", doc_id, statement_id, indication_id, reasons, first=len(criteria) + 1)
    return SentenceReading(tuple(regimens), tuple(criteria), _unread(sentence, "fa", criteria))


def _unread(sentence: str, lang: str, criteria: list[Criterion]) -> tuple[Reason, ...]:
    """The engine's safety net: every dose-like mention no amount, cap, rate or threshold accounts for is
    a review reason quoting its words, never a silent miss."""
    from ..dosing.net import unaccounted
    from ..dosing.read import covered_spans

    return tuple(f.reason() for f in unaccounted(sentence, lang, covered_spans(sentence, lang, criteria))
                 if f.severity == "review")


@cache
def _onset_patterns(lang: str) -> tuple[re.Pattern, ...]:
    words = sorted(load("onset_thresholds.yaml").get("number_words_fa") or {}, key=len, reverse=True)
    number = numeral_pattern() if lang == "zh" else r"\d+(?:\.\d+)?|" + "|".join(rf"{w}(?=\s)" for w in words)
    marks = "|".join(map(re.escape, load("onset_thresholds.yaml")["range_marks"][lang]))
    span = rf"(?P<lo>{number})(?:\s*(?:{marks})\s*(?P<hi>{number}))?"
    return tuple(re.compile(p.replace("{N}", span)) for p in load("onset_thresholds.yaml")[lang])


def _number(text: str, lang: str) -> float | None:
    if lang == "zh":
        return read_number(text)
    words = load("onset_thresholds.yaml").get("number_words_fa") or {}
    return float(words[text]) if text in words else float(text)


def onset_criteria(sentence: str, lang: str, doc_id: str, statement_id: str, indication_id: str | None,
                   reasons: tuple[Reason, ...] = (), first: int = 1) -> list[Criterion]:
    """"Within N days of onset" -> days_since_onset <= N (in days), one per phrase."""
    spec = load("onset_thresholds.yaml")
    out: list[Criterion] = []
    for pattern in _onset_patterns(lang):
        for m in pattern.finditer(sentence):
            if any(c.span[0] < m.end() and m.start() < c.span[1] for c in out):
                continue
            low = _number(m.group("lo"), lang)
            high = _number(m.group("hi"), lang) if m.group("hi") else None
            if low is None:
                continue
            days = spec["days"][m.group("unit")]
            value = (high if high is not None else low) * days
            out.append(Criterion(
                doc_id=doc_id, row_ids=(statement_id,), analyte=spec["analyte"], op=spec["op"], value_low=value,
                value_high=None, unit=spec["unit"], kind="eligibility", source_text=sentence,
                source_field="statement", span=m.span(), indication_id=indication_id, review_reasons=reasons,
                value_as_written=m.group(0), criterion_id=f"{statement_id}-t{first + len(out)}"))
    return out


def looks_like_dose(text: str, lang: str = "fa") -> bool:
    """Is a dose written in the text (the engine's net finds a dose-like mention in it)?"""
    from ..dosing.net import mentions_in

    return bool(mentions_in(text, lang))
