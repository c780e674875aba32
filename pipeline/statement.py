"""One dose statement, as a person or a document writes it -> a Reading: regimens, criteria, flags.

`read_statement` is the public door (downstream apps read a dose a person typed); `statement_to_reading`
is the same reading tied to a place in a document (doc, row or statement ids, field), which the build
calls for every cell and sentence. Both run the language's grammar, then the safety net: every
dose-like mention the grammar did not account for becomes a flag with its words. Never raises on text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from .records import Criterion, Flag, Regimen

__all__ = ["Reading", "read_statement", "statement_to_reading"]

MAX_CHARS = 20_000  # a statement longer than this is not a statement; it is flagged, not read


@dataclass(frozen=True)
class Reading:
    """What one statement says: regimens and criteria in the tables' columns, and the flags raised."""

    text: str  # as given
    normalized: str  # what the grammar read (spans point here)
    lang: str
    regimens: tuple[Regimen, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    flags: tuple[Flag, ...] = ()

    def to_dict(self) -> dict:
        """{"regimens": [...], "criteria": [...], "flags": [...]} with the curated tables' column names."""
        from .tables import criterion_row, regimen_row

        # a value that is not finite is no value: null, so the dict is always valid JSON (the grammar
        # reads such numbers as unreadable already; this is the backstop)
        return {"regimens": [_finite(regimen_row(r)) for r in self.regimens],
                "criteria": [_finite(criterion_row(c)) for c in self.criteria],
                "flags": [{"code": f.code, "severity": f.severity, "message": f.message,
                           "span_start": f.span[0] if f.span else None, "span_end": f.span[1] if f.span else None}
                          for f in self.flags]}


def _finite(row: dict) -> dict:
    return {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in row.items()}


def detect_lang(text: str) -> str:
    """fa or zh by the script most of the letters are in; Latin-only text is read with the Persian pack
    (both packs read Latin units), unless it has Chinese punctuation."""
    from .ingest import script_of

    lang = script_of(text)
    if lang in ("fa", "zh"):
        return lang
    # no letter of either script: CJK punctuation or full-width forms ("，", "：") still say Chinese
    return "zh" if any("\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text) else "fa"


def read_statement(text: str, lang: str | None = None) -> Reading:
    """The regimens, thresholds and flags of one statement; lang ("fa", "zh") is detected when None."""
    return statement_to_reading(text, lang)


def statement_to_reading(text: str, lang: str | None = None, *, doc_id: str = "", row_ids: tuple[str, ...] = (),
                         field: str = "statement", population: str | None = None) -> Reading:
    """One statement at a place in a document -> its Reading (the build's entry to the grammar)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if lang not in ("fa", "zh"):
        flags = () if lang is None else (Flag("lang_unknown", f"no language pack for {lang!r}; read by script",
                                              doc_id=doc_id or None),)
        return _with_flags(statement_to_reading(text, detect_lang(text), doc_id=doc_id, row_ids=row_ids,
                                                field=field, population=population), flags)
    if len(text) > MAX_CHARS:
        return Reading(text, "", lang, flags=(Flag("statement_too_long", f"{len(text)} characters, more than "
                                                   f"{MAX_CHARS}: not read as one statement", doc_id=doc_id or None),))
    try:
        return _engine().text_to_reading(text, lang, doc_id=doc_id, row_ids=row_ids, field=field, population=population)
    except (ValueError, KeyError, IndexError, TypeError, ArithmeticError, RecursionError) as exc:
        # a text the grammar cannot take (it should never happen) is a flag, not a crash
        return Reading(text, "", lang, flags=(Flag("statement_unread", f"the grammar failed on this text: {exc!r}",
                                                   doc_id=doc_id or None),))


@cache
def _engine():
    """The grammar's module (pipeline.dosing.read), imported at the first statement (it imports this
    module), then found without an import statement per statement (a package's `from . import` runs
    importlib's Python code every time)."""
    from .dosing import read

    return read


def _with_flags(reading: Reading, flags: tuple[Flag, ...]) -> Reading:
    return Reading(reading.text, reading.normalized, reading.lang, reading.regimens, reading.criteria,
                   flags + reading.flags)
