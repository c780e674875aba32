"""Sentences -> Statements, and the Regimens and Criteria read from them.

Each statement gets a stable id (a digest of its text), its tokens, the numbers it states, its
citations, the indication it speaks of and a kind. The kind is decided in this order: reference
(under a reference heading), dose (a regimen was read), then the cue words of
pipeline/data/article_zh.yaml (policy), threshold (a criterion was read), adverse_effect (cue
words or a side effect of the vocabulary named; the items of a side-effect list too), outcome, other.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from ..adverse_effects import effects_named_zh
from ..lexicon import load
from ..normalize.zh import numbers_in
from ..records import Criterion, Flag, Reason, Regimen
from ..dosing.net import unaccounted
from ..dosing.read import covered_spans
from .blocks import is_reference_heading
from .dosing_zh import advises_against, course_spans, patterns, text_to_criteria, text_to_regimens
from .indications import match_indication, review_reason
from .records import IndicationMatch, Sentence, Statement
from .segment import text_to_tokens
from .sentences import citations_in


def _statement_ids(doc_id: str, sentences: list[Sentence]) -> list[str]:
    """A digest of the text, so an id survives edits elsewhere; a repeated sentence gets a suffix."""
    seen: dict[str, int] = {}
    ids = []
    for sentence in sentences:
        digest = hashlib.sha256(sentence.text.encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        ids.append(f"{doc_id}-s{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else ""))
    return ids


def _contexts(sentences: list[Sentence]) -> list[tuple[str, str]]:
    """(own text, paragraph text) of each sentence: a lead-in with its list, a list item with its lead-in."""
    by_block: dict[int, list[str]] = {}
    for s in sentences:
        by_block.setdefault(s.block_index, []).append(s.text)
    lead_in = {item: s.text for s in sentences for item in s.continues}
    out = []
    for s in sentences:
        own = " ".join((s.text, *s.continues))
        if s.block_kind == "list_item" and s.text in lead_in:
            paragraph = lead_in[s.text] + " " + s.text
        else:
            paragraph = " ".join(by_block[s.block_index] + list(s.continues))
        out.append((own, paragraph))
    return out


def _kind(s: Sentence, has_regimen: bool, has_criterion: bool, lead_in_kind: str | None) -> str:
    if s.section and is_reference_heading(s.section):
        return "reference"
    if has_regimen:
        return "dose"
    cues = load("article_zh.yaml")["kinds"]
    if any(w in s.text for w in cues["policy"]):
        return "policy"
    if has_criterion:
        return "threshold"
    if any(w in s.text for w in cues["adverse_effect"]) or effects_named_zh(s.text) or lead_in_kind == "adverse_effect":
        return "adverse_effect"
    if any(w in s.text for w in cues["outcome"]):
        return "outcome"
    return "other"


def sentences_to_statements(doc_id: str, sentences: list[Sentence]
                            ) -> tuple[list[Statement], list[Regimen], list[Criterion], list[Flag]]:
    """Every sentence as a statement, with what was read from it and the flags raised."""
    statements, regimens, criteria, flags = [], [], [], []
    kinds: dict[str, str] = {}  # sentence text -> kind, for the list items after a lead-in
    lead_in = {item: s.text for s in sentences for item in s.continues}
    for position, (s, sid, (own, paragraph)) in enumerate(
            zip(sentences, _statement_ids(doc_id, sentences), _contexts(sentences)), start=1):
        reference = bool(s.section and is_reference_heading(s.section))
        match = IndicationMatch(None, (), False, "") if reference else match_indication(own, paragraph, s.section)
        reasons = tuple(r for r in [review_reason(match)] if r)
        found = [] if reference else text_to_regimens(s.text, paragraph, doc_id, sid, match.indication_id, reasons)
        read = [] if reference else text_to_criteria(s.text, doc_id, sid, match.indication_id, reasons,
                                                     skip=course_spans(s.text))
        kind = _kind(s, bool(found), bool(read), kinds.get(lead_in.get(s.text, "")))
        kinds[s.text] = kind
        statements.append(Statement(
            statement_id=sid, doc_id=doc_id, position=position, section=s.section, block=s.block_kind,
            paragraph=s.block_index, line=s.line, text=s.text, raw_text=s.raw_text, tokens=text_to_tokens(s.text),
            kind=kind, indication_id=match.indication_id, indication_candidates=match.candidates,
            citations=citations_in(s.text), numbers=() if reference else tuple(numbers_in(s.text)),
            repairs=s.repairs, review_reasons=reasons))
        regimens += found
        criteria += read
        flags += _flags(doc_id, sid, reasons, found, read)
        if not reference:
            flags += _unread_flags(doc_id, sid, s.text, read)
    paragraph_of = {st.statement_id: st.paragraph for st in statements}
    return statements, _with_phases(regimens, paragraph_of), criteria, flags


def _unread_flags(doc_id: str, sid: str, text: str, read: list[Criterion]) -> list[Flag]:
    """The safety net over a sentence (every dose-like mention the grammar did not account for), and a
    threshold advised against that no criterion can hold."""
    flags = [replace(f, table="statements", target=sid)
             for f in unaccounted(text, "zh", covered_spans(text, "zh", read), doc_id=doc_id, row_id=sid,
                                  field="statement")]
    if not read and _states_threshold_against(text):
        flags.append(Flag("exclusion_not_read", "the sentence advises against use below or above a "
                          "threshold; a criterion cannot say who is excluded, so none was read",
                          severity="info", doc_id=doc_id, row_id=sid))
    return flags


def _flags(doc_id: str, sid: str, reasons: tuple[Reason, ...], regimens: list[Regimen],
           criteria: list[Criterion]) -> list[Flag]:
    """The statement's review reasons, then those its regimens and criteria add, as flags."""
    out = [Flag(r.code, r.message.strip(), doc_id=doc_id, row_id=sid, field="indication_id") for r in reasons]
    for record, field in [(r, "regimens") for r in regimens] + [(c, "criteria") for c in criteria]:
        out += [Flag(r.code, r.message.strip(), doc_id=doc_id, row_id=sid, field=field)
                for r in record.review_reasons if r not in reasons]
    return out


def _states_threshold_against(text: str) -> bool:
    return advises_against(text) and any(p.search(text) for _, p in patterns().criteria)


def _with_phases(regimens: list[Regimen], paragraph_of: dict[str, int]) -> list[Regimen]:
    """A regimen followed, in the same paragraph, by a maintenance one ("之后 ...") is its initial phase."""
    out = list(regimens)
    for i in range(len(out) - 1):
        this, nxt = out[i], out[i + 1]
        same_paragraph = paragraph_of[this.row_ids[0]] == paragraph_of[nxt.row_ids[0]]
        if this.phase is None and nxt.phase == "maintenance" and same_paragraph:
            out[i] = replace(this, phase="initial")
    return out
