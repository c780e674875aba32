"""Units (a sentence with its item, lead and heading) -> statements, regimens, thresholds and flags.

Shared by the Chinese package insert and the Persian prose guideline: each sentence is read like an
article's statement. Its indication comes from the lexicon: the sentence with its item's lead
first, then the item or paragraph, then the heading (the language's matcher decides how surely);
its doses and thresholds come through the dosing adapter; its kind from what was read, then from
its section and cue words (data/document_kinds.yaml). A sentence whose doses or thresholds have no
indication keeps them, with indication_id null and a review flag: nothing is dropped.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable

from ..article.records import ArticleReading, IndicationMatch, Statement
from ..lexicon import load
from ..records import Document, Flag, Letter, Reason, Rendition, SourceFile
from .dosing_adapter import SentenceReading


@dataclass(frozen=True)
class Unit:
    """One sentence of a document, with where it stands."""

    text: str  # normalized
    raw_text: str
    section: str | None  # the heading (or bracketed section) it sits under, normalized
    context: str  # the item or paragraph it stands in, normalized (its parents' leads first)
    lead: str  # the words an item opens with before its colon ("川崎病"), "" when none
    block_index: int
    block_kind: str  # paragraph or list_item
    line: int | None


@dataclass(frozen=True)
class Language:
    """What differs between languages: how a unit's indication is matched, read, tokenized and kinded."""

    match: Callable[[Unit], IndicationMatch]
    review_reason: Callable[[IndicationMatch], Reason | None]
    read: Callable[..., SentenceReading]
    tokens: Callable[[str], tuple[str, ...]]
    numbers: Callable[[str], tuple[float, ...]]
    kind: Callable[[Unit], str | None]  # the kind when nothing was read from it (section, cue words)
    # False for a unit whose amounts are no doses (an insert's pack sizes under 【规格】)
    holds_doses: Callable[[Unit], bool] = lambda unit: True


def content_doc_id(prefix: str, text: str) -> str:
    """A stable id from a document's normalized characters (title included), whitespace ignored."""
    letters = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())
    return f"{prefix}-" + hashlib.sha256(letters.encode()).hexdigest()[:12]


def statement_ids(doc_id: str, units: list[Unit]) -> list[str]:
    """A digest of the text, so an id survives edits elsewhere; a repeated sentence gets a suffix."""
    seen: dict[str, int] = {}
    out = []
    for unit in units:
        digest = hashlib.sha256(unit.text.encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{doc_id}-s{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else ""))
    return out


_UNMATCHED = Reason("indication_unmatched", "the sentence states a dose or threshold but names no indication of "
                    "data/indications.yaml (nor does its item or heading)", "indication_id")


def _unmatched(reading: SentenceReading) -> SentenceReading:
    """Doses or thresholds without an indication keep indication_id null, each with a review reason."""
    def mark(record):
        return replace(record, review_reasons=(_UNMATCHED, *record.review_reasons))

    return SentenceReading(tuple(map(mark, reading.regimens)), tuple(map(mark, reading.criteria)), reading.flags)


def unit_to_statement(doc_id: str, sid: str, position: int, unit: Unit, lang: Language
                      ) -> tuple[Statement, SentenceReading]:
    """One sentence -> its statement and what the grammar read from it."""
    match = lang.match(unit)
    reasons = tuple(r for r in [lang.review_reason(match)] if r)
    reading = (lang.read(unit.text, unit.context, doc_id, sid, match.indication_id, reasons) if lang.holds_doses(unit)
               else SentenceReading((), (), ()))
    if not reasons and match.indication_id is None and (reading.regimens or reading.criteria):
        reasons, reading = (_UNMATCHED,), _unmatched(reading)
    kind = "dose" if reading.regimens else "threshold" if reading.criteria else lang.kind(unit) or "other"
    if kind == "indication":  # a list of the indications the document covers names several by design
        reasons = tuple(r for r in reasons if r.code != "indication_ambiguous")
    statement = Statement(
        statement_id=sid, doc_id=doc_id, position=position, section=unit.section, block=unit.block_kind,
        paragraph=unit.block_index, line=unit.line, text=unit.text, raw_text=unit.raw_text,
        tokens=lang.tokens(unit.text), kind=kind, indication_id=match.indication_id,
        indication_candidates=match.candidates, numbers=lang.numbers(unit.text),
        review_reasons=reasons + reading.flags)
    return statement, reading


def _flags(doc_id: str, statement: Statement, reading: SentenceReading) -> list[Flag]:
    """The statement's review reasons, then those its regimens and criteria add, as flags."""
    def flag(reason: Reason, field: str, table: str, target: str) -> Flag:
        return Flag(reason.code, reason.message.strip(), doc_id=doc_id, row_id=statement.statement_id, field=field,
                    table=table, target=target)

    sid = statement.statement_id
    out = [flag(r, "indication_id" if r.code.startswith("indication_") else "text", "statements", sid)
           for r in statement.review_reasons]
    for record, table, target in ([(g, "regimens", g.regimen_id) for g in reading.regimens]
                                  + [(c, "criteria", c.criterion_id) for c in reading.criteria]):
        out += [flag(r, table, table, target) for r in record.review_reasons if r not in statement.review_reasons]
    return out


def units_to_reading(source: SourceFile, doc_id: str, kind: str, lang_code: str, title: str | None,
                     units: list[Unit], lang: Language) -> ArticleReading:
    """Every unit of one rendition as a statement, in the article's records (so the same tables)."""
    statements, regimens, criteria, flags = [], [], [], []
    for position, (unit, sid) in enumerate(zip(units, statement_ids(doc_id, units)), start=1):
        statement, reading = unit_to_statement(doc_id, sid, position, unit, lang)
        statements.append(statement)
        regimens += reading.regimens
        criteria += reading.criteria
        flags += _flags(doc_id, statement, reading)
    rendition = Rendition(source.name, source.format, source.sha256, source.encoding)
    document = Document(doc_id=doc_id, lang=lang_code, kind=kind, format=source.format, sha256=source.sha256,
                        renditions=(rendition,), letter=Letter(title=title))
    return ArticleReading(document, tuple(statements), tuple(regimens), tuple(criteria), (), tuple(flags))


def names_ivig(text: str) -> bool:
    words = load("document_kinds.yaml")["ivig_words"]
    lowered = text.lower()
    return any(w.lower() in lowered for w in words)


def speaks_of_ivig_use(reading: ArticleReading) -> bool:
    """Does any statement name IVIg, an indication or a dose? (else the file is no document of ours)"""
    return bool(reading.regimens or reading.criteria) or any(
        s.indication_id or s.indication_candidates or names_ivig(s.text) for s in reading.statements)
