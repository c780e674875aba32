"""One document's slice of the tables -> its summary (a few counts) and the name of its review page.

The review index lists documents, not flags: it is built from one small DocumentSummary a document,
so that a build can make each document's page as soon as the document is reconciled, keep only its
summary, and write the index at the end with memory that grows with documents, never with flags."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from ..pdf.crops import FOLDER
from .items import codes

PAGES = FOLDER  # document pages stand beside the row images: an image's link is its file name
ITEM_TABLES = ("source_rows", "regimens", "criteria", "statements")
# a doc_id used as a file name as it is: lower-case letters, digits, '-', '_' and inner dots (ids are
# slugs of issuer, date and letter number, or of a digest); anything else gets a slug and a digest
_SAFE = re.compile(r"[a-z0-9](?:[a-z0-9_-]|\.(?!\.)){0,99}")


def page_file(doc_id: str) -> str:
    """The document's page inside the curated folder, review/<doc_id>.html: stable, and safe on any
    file system and in a URL (an id that is not a plain lower-case slug is named by slug and digest,
    so that two ids that differ only in case or in letters outside ASCII never share a page)."""
    if _SAFE.fullmatch(doc_id) and not doc_id.endswith("."):
        return f"{PAGES}/{doc_id}.html"
    slug = re.sub(r"[^a-z0-9]+", "-", doc_id.lower()).strip("-")[:60] or "document"
    return f"{PAGES}/{slug}-{hashlib.sha256(doc_id.encode()).hexdigest()[:10]}.html"


@dataclass(frozen=True)
class DocumentSummary:
    """What the index shows of one document: its name, kind, and its counts."""

    doc_id: str
    file: str  # its page, inside the curated folder
    title: str
    kind: str
    rows: int
    statements: int
    regimens: int
    flags: int
    flags_review: int
    flags_info: int
    items_to_review: int  # flagged rows, regimens, thresholds and statements (the page's sections)
    regimens_to_review: int
    codes: tuple[tuple[str, int], ...]  # flag code -> flags and items that carry it (bounded by the codes)
    flagged_by_indication: tuple[tuple[str, int], ...]  # indication -> its items to review
    is_document: bool = True  # False: items whose doc_id names no row of the documents table


def document_title(document: dict) -> str:
    """Its title, else its subject line; '' when it states neither (an article: then its doc_id shows)."""
    return document.get("title") or document.get("subject") or ""


def _doc_id(doc_tables: dict[str, list[dict]]) -> str:
    document = (doc_tables.get("documents") or [{}])[0]
    ids = (x.get("doc_id") for t in ("documents", *ITEM_TABLES) for x in doc_tables.get(t, []))
    return document.get("doc_id") or next((i for i in ids if i), "")


def flagged_items(doc_tables: dict[str, list[dict]]) -> list[dict]:
    """The rows, regimens, thresholds and statements to review: the sections of the document's page."""
    return [x for t in ITEM_TABLES for x in doc_tables.get(t, []) if x.get("needs_review")]


def _with(items: list[dict], column: str, value) -> int:
    return sum(1 for x in items if x.get(column) == value)


def document_to_summary(doc_tables: dict[str, list[dict]]) -> DocumentSummary:
    """One document's tables (documents: its one row; source_rows, regimens, criteria, statements,
    flags: its own) -> its summary."""
    document = (doc_tables.get("documents") or [{}])[0]
    doc_id, flags, flagged = _doc_id(doc_tables), doc_tables.get("flags", []), flagged_items(doc_tables)
    code_counts = Counter(f["code"] for f in flags) + Counter(c for x in flagged for c in codes(x))
    by_indication = Counter(x.get("indication_id") for x in flagged if x.get("indication_id"))
    return DocumentSummary(
        doc_id=doc_id, file=page_file(doc_id), title=document_title(document), kind=document.get("kind") or "",
        rows=len(doc_tables.get("source_rows", [])), statements=len(doc_tables.get("statements", [])),
        regimens=len(doc_tables.get("regimens", [])), flags=len(flags), flags_review=_with(flags, "severity", "review"),
        flags_info=_with(flags, "severity", "info"), items_to_review=len(flagged),
        regimens_to_review=_with(doc_tables.get("regimens", []), "needs_review", True),
        codes=tuple(sorted(code_counts.items())), flagged_by_indication=tuple(sorted(by_indication.items())),
        is_document=bool(doc_tables.get("documents")))
