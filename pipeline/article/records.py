"""Frozen records of the article's stages: blocks, statements, references, links, side effects.

Regimens and criteria use the shared records of pipeline/records.py, so that the article's rows
and the circular's land in the same tables.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Criterion, Document, Flag, Reason, Regimen


@dataclass(frozen=True)
class Block:
    """One block of the article as its rendition gives it: a heading, a paragraph or a list item."""

    kind: str  # heading, paragraph, list_item
    text: str  # as read (list marker removed), not normalized
    line: int | None  # 1-based line of the rendition where the block starts


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block, normalized, with the repairs its splitting needed."""

    text: str
    raw_text: str
    block_index: int  # position of its block among the rendition's blocks
    block_kind: str  # paragraph or list_item
    section: str | None  # normalized text of the heading it sits under
    line: int | None
    repairs: tuple[str, ...] = ()
    continues: tuple[str, ...] = ()  # the list items that complete a sentence ending with ":"


@dataclass(frozen=True)
class IndicationMatch:
    """Which canonical indication a statement speaks of, and how surely."""

    indication_id: str | None  # None when nothing or several indications match equally
    candidates: tuple[str, ...]  # every indication whose aliases match, best first
    strong: bool  # an alias names it in the sentence itself (or the sentence and its heading)
    evidence: str  # what matched, for the curator: "'CMV' in the sentence; '巨细胞病毒(CMV)肺炎' in the section"


@dataclass(frozen=True)
class Statement:
    statement_id: str
    doc_id: str
    position: int  # 1-based reading order
    section: str | None
    block: str  # paragraph or list_item
    paragraph: int  # index of the block it came from
    line: int | None
    text: str
    raw_text: str
    tokens: tuple[str, ...]
    kind: str  # dose, threshold, policy, outcome, adverse_effect, reference, other
    indication_id: str | None
    indication_candidates: tuple[str, ...] = ()
    citations: tuple[int, ...] = ()
    numbers: tuple[float, ...] = ()
    repairs: tuple[str, ...] = ()
    review_reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Reference:
    doc_id: str
    number: int  # its place in the reference list, the n of the text's [n]
    statement_id: str
    text: str
    authors: tuple[str, ...]
    et_al: bool
    title: str | None
    venue: str | None
    year: int | None
    doi: str | None
    url: str | None
    review_reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Link:
    """How one thing an article statement says relates to what the circular says for an indication."""

    statement_id: str
    indication_id: str
    relation: str  # agrees, differs, adds
    note: str
    aspect: str  # the analyte of a criterion (igg, age, ...) or "regimen"
    article_value: str
    circular_value: str | None
    circular_row_ids: tuple[str, ...]
    regimen_id: str | None = None
    strong_match: bool = True  # False: the statement's indication was matched weakly (see statements)
    circular_doc_id: str = ""  # the circular compared with (one link per circular stating the indication)


@dataclass(frozen=True)
class AdverseEffect:
    effect_id: str
    name_en: str
    name_fa: str | None
    name_zh: str | None
    severity: str | None  # serious or mild, as the documents class it
    sources_fa: tuple[str, ...]  # the circular's sentences that name it
    sources_zh: tuple[str, ...]  # the article's sentences that name it
    statement_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class ArticleReading:
    """Everything read from one article."""

    document: Document
    statements: tuple[Statement, ...]
    regimens: tuple[Regimen, ...]
    criteria: tuple[Criterion, ...]
    references: tuple[Reference, ...]
    flags: tuple[Flag, ...]
