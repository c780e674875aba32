"""The circular's notes + the article's statements -> one bilingual vocabulary of side effects.

The vocabulary is reviewed data (pipeline/data/adverse_effects.yaml); this stage only finds where
each effect is named: in the Persian sentences of the circular's general considerations (whole
words, spacing and ZWNJ ignored) and in the article's sentences. An entry named nowhere, and an
item of the article's side-effect lists that no entry names, are flagged for review.
"""
from __future__ import annotations

import re
from functools import cache

from .article.records import AdverseEffect, Statement
from .lexicon import load
from .normalize.fa import normalize_fa
from .records import Document, Flag



@cache
def _fa_sentence_end() -> re.Pattern:
    marks = "".join(map(re.escape, load("letter_fa.yaml")["note_sentence_end"]))
    return re.compile(rf"(?<=[{marks}])\s+")


@cache
def vocabulary() -> tuple[dict, ...]:
    return tuple(load("adverse_effects.yaml"))


@cache
def _fa_pattern(alias: str) -> re.Pattern:
    # Spaces and ZWNJ are interchangeable in Persian compounds ("واکنش های" / "واکنش‌های").
    parts = [re.escape(p) for p in re.split(r"[\s\u200c]+", normalize_fa(alias)) if p]
    return re.compile(r"(?<![\w\u200c])" + r"[\s\u200c]*".join(parts) + r"(?![\w\u200c])")


def effects_named_zh(text: str) -> list[str]:
    """Ids of the effects a normalized Chinese sentence names."""
    return [e["id"] for e in vocabulary() if any(a in text for a in e.get("aliases_zh") or ())]


def effects_named_fa(text: str) -> list[str]:
    """Ids of the effects a normalized Persian sentence names."""
    return [e["id"] for e in vocabulary() if any(_fa_pattern(a).search(text) for a in e.get("aliases_fa") or ())]


def fa_sentences(notes: tuple[str, ...]) -> list[str]:
    return [s.strip() for note in notes for s in _fa_sentence_end().split(note) if s.strip()]


def documents_to_effects(documents: list[Document], statements: list[Statement]
                         ) -> tuple[list[AdverseEffect], list[Flag]]:
    """One AdverseEffect per vocabulary entry some document names, with its sentences in both languages."""
    fa = notes_to_mentions(documents)
    zh, flags = statements_to_mentions(statements)
    effects = []
    for entry in vocabulary():
        fa_hits, zh_hits = fa.get(entry["id"], []), zh.get(entry["id"], [])
        if not fa_hits and not zh_hits:
            # a vocabulary entry no document uses is a fact about the vocabulary, not a problem in a document
            flags.append(Flag("vocabulary_unmatched", f"side effect '{entry['id']}' is named by no document",
                              severity="info"))
            continue
        effects.append(mentions_to_effect(entry, fa_hits, zh_hits))
    return effects, flags


def notes_to_mentions(documents: list[Document]) -> dict[str, list[tuple[str, str]]]:
    """effect id -> (doc_id, sentence) of each sentence of a Persian document's notes that names it."""
    fa: dict[str, list[tuple[str, str]]] = {}
    for doc in (d for d in documents if d.lang == "fa"):
        for sentence in fa_sentences(doc.notes):
            for effect_id in effects_named_fa(sentence):
                fa.setdefault(effect_id, []).append((doc.doc_id, sentence))
    return fa


def statements_to_mentions(statements: list[Statement]) -> tuple[dict[str, list[Statement]], list[Flag]]:
    """effect id -> the statements that name it; a listed side effect no entry names is flagged."""
    zh: dict[str, list[Statement]] = {}
    flags = []
    for statement in statements:
        named = effects_named_zh(statement.text)
        for effect_id in named:
            zh.setdefault(effect_id, []).append(statement)
        if not named and statement.kind == "adverse_effect" and statement.block == "list_item":
            flags.append(Flag("side_effect_not_in_vocabulary", f"the article lists '{statement.text}' as a side "
                              "effect; no entry of data/adverse_effects.yaml names it", doc_id=statement.doc_id,
                              row_id=statement.statement_id))
    return zh, flags


def mentions_to_effect(entry: dict, fa_hits: list[tuple[str, str]], zh_hits: list[Statement]) -> AdverseEffect:
    """One vocabulary entry and the sentences that name it -> its AdverseEffect."""
    return AdverseEffect(
        effect_id=entry["id"], name_en=entry["name_en"], name_fa=entry.get("name_fa"),
        name_zh=entry.get("name_zh"), severity=entry.get("severity"),
        sources_fa=tuple(dict.fromkeys(s for _, s in fa_hits)),
        sources_zh=tuple(dict.fromkeys(s.text for s in zh_hits)),
        statement_ids=tuple(dict.fromkeys(s.statement_id for s in zh_hits)),
        doc_ids=tuple(sorted({d for d, _ in fa_hits} | {s.doc_id for s in zh_hits})), note=entry.get("note"))
