"""One sentence of a package insert or prose guideline -> its regimens, thresholds and flags.

The only place these readers call the dose and threshold grammar, one function per language, so
that the grammar can be swapped for another engine here alone. The sentence comes normalized; its
context (the item or paragraph it stands in) gives what the sentence leaves implicit (population,
evidence). Time since onset ("发病10日内", "طی ۱۰ روز اول بیماری") is read from
data/onset_thresholds.yaml, which the grammar does not know.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..lexicon import load
from ..normalize.zh import numeral_pattern, read_number
from ..records import Criterion, Regimen

# A number, a mass unit and a kilogram near each other: a dose is written here, whatever grammar reads it.
_DOSE_LIKE = re.compile(r"\d[\d.,\s~\-至到تا]*\s*(?:mg|g|gr|毫克|克|میلی[\s\u200c]*گرم|گرم)[^.。;；]{0,30}?(?:kg|公斤|千克|کیلو)"
                        r"|(?:每公斤|每千克|هر\s*کیلوگرم)[^.。;；]{0,12}\d", re.I)


@dataclass(frozen=True)
class SentenceReading:
    """What the grammar read from one sentence, and the review reasons it adds ("code: message")."""

    regimens: tuple[Regimen, ...]
    criteria: tuple[Criterion, ...]
    flags: tuple[str, ...]


@cache
def _bridges(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(p, re.I), r) for p, r in load("document_kinds.yaml")["spelling_bridges"][lang])


def bridge(sentence: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """The sentence with the spellings the grammar does not read rewritten, and a note per rewrite."""
    notes = []
    for pattern, replacement in _bridges(lang):
        for m in pattern.finditer(sentence):
            notes.append(f"read '{m.group(0)}' as '{m.expand(replacement)}' (spelling bridge of data/document_kinds.yaml)")
        sentence = pattern.sub(replacement, sentence)
    return sentence, tuple(notes)


def _as_written(records: list, original: str, notes: tuple[str, ...]) -> list:
    """Records read from a bridged sentence keep the sentence as written (their span, in the rewritten
    text, no longer applies) and say what was rewritten."""
    if not notes:
        return list(records)
    out = []
    for record in records:
        extra = {"notes": record.notes + notes} if isinstance(record, Regimen) else {}
        out.append(replace(record, source_text=original, span=None, **extra))
    return out


def read_zh(sentence: str, context: str, doc_id: str, statement_id: str, indication_id: str | None,
            reasons: tuple[str, ...] = ()) -> SentenceReading:
    """A normalized Chinese sentence -> its regimens and thresholds (the article's grammar)."""
    from ..article.dosing_zh import course_spans, text_to_criteria, text_to_regimens

    text, notes = bridge(sentence, "zh")
    regimens = _as_written(text_to_regimens(text, context, doc_id, statement_id, indication_id, reasons),
                           sentence, notes)
    criteria = text_to_criteria(text, doc_id, statement_id, indication_id, reasons, skip=course_spans(text))
    criteria = _as_written(criteria, sentence, notes) + onset_criteria(
        sentence, "zh", doc_id, statement_id, indication_id, reasons, first=len(criteria) + 1)
    return SentenceReading(tuple(regimens), tuple(criteria), _unread(sentence, regimens))


def read_fa(sentence: str, context: str, doc_id: str, statement_id: str, indication_id: str | None,
            reasons: tuple[str, ...] = ()) -> SentenceReading:
    """A normalized Persian sentence -> its regimens and thresholds (the circular's grammar)."""
    from ..criteria import text_to_criteria
    from ..dosing import read_regimens
    from ..dosing.regimens import evidence_of

    text, notes = bridge(sentence, "fa")
    evidence = evidence_of([context or sentence])
    regimens = [replace(r, indication_id=indication_id, evidence=evidence, regimen_id=f"{statement_id}-g{n}",
                        review_reasons=tuple(dict.fromkeys(reasons + r.review_reasons)))
                for n, r in enumerate(read_regimens(text, doc_id=doc_id, row_ids=(statement_id,),
                                                    field="statement", normalized=True), start=1)]
    criteria = [replace(c, indication_id=indication_id, criterion_id=f"{statement_id}-t{n}",
                        review_reasons=tuple(dict.fromkeys(reasons + c.review_reasons)))
                for n, c in enumerate(text_to_criteria(text, doc_id, (statement_id,), "statement",
                                                       context or sentence), start=1)]
    criteria = _as_written(criteria, sentence, notes) + onset_criteria(
        sentence, "fa", doc_id, statement_id, indication_id, reasons, first=len(criteria) + 1)
    regimens = _as_written(regimens, sentence, notes)
    return SentenceReading(tuple(regimens), tuple(criteria), _unread(sentence, regimens))


def _unread(sentence: str, regimens: list[Regimen]) -> tuple[str, ...]:
    """A dose written in the sentence that gave no regimen is a flag, never a silent miss."""
    if regimens or not (m := _DOSE_LIKE.search(sentence)):
        return ()
    return (f"dose_not_read: '{m.group(0)}' looks like a dose but the grammar read no regimen from it",)


@cache
def _onset_patterns(lang: str) -> tuple[re.Pattern, ...]:
    number = numeral_pattern() if lang == "zh" else r"\d+(?:\.\d+)?"
    span = rf"(?P<lo>{number})(?:\s*(?:-|~|至|到|تا|الی)\s*(?P<hi>{number}))?"
    return tuple(re.compile(p.replace("{N}", span)) for p in load("onset_thresholds.yaml")[lang])


def onset_criteria(sentence: str, lang: str, doc_id: str, statement_id: str, indication_id: str | None,
                   reasons: tuple[str, ...] = (), first: int = 1) -> list[Criterion]:
    """"Within N days of onset" -> days_since_onset <= N (in days), one per phrase."""
    spec = load("onset_thresholds.yaml")
    out: list[Criterion] = []
    for pattern in _onset_patterns(lang):
        for m in pattern.finditer(sentence):
            if any(c.span[0] < m.end() and m.start() < c.span[1] for c in out):
                continue
            low = read_number(m.group("lo")) if lang == "zh" else float(m.group("lo"))
            high = (read_number(m.group("hi")) if lang == "zh" else float(m.group("hi"))) if m.group("hi") else None
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


def looks_like_dose(text: str) -> bool:
    """Is a dose written in the text (a number, a mass unit and a kilogram near each other)?"""
    return bool(_DOSE_LIKE.search(text))
