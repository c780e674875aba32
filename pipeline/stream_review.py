"""The review pages, streamed: each document's page and summary made with its fragment
(fragment_review, kept in the fragment), the pages written and the index assembled at the end from
the summaries alone (write_review), so that no step holds more than one document's flags. The same
files as review.dataset_to_review_pages of the whole dataset (and `ivig-kb review`)."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .review import ASSETS, INDEX, DocumentSummary, document_to_review_page, document_to_summary
from .review.summary import ITEM_TABLES


def fragment_review(rows: dict[str, list[dict]], images: set[str]) -> dict:
    """One document's page and its summary (JSON-ready), from its fragment's labelled rows."""
    doc_id = rows["documents"][0]["doc_id"]
    tables = {"documents": rows["documents"], **{t: rows.get(t, []) for t in ITEM_TABLES},
              "flags": [f for f in rows.get("flags", []) if f.get("doc_id") == doc_id]}
    summary = document_to_summary(tables)
    return {"page": document_to_review_page(tables, images), "summary": dataclasses.asdict(summary),
            # a flag of the fragment that names no document of its own is listed on the index
            "loose_flags": [f for f in rows.get("flags", []) if f.get("doc_id") != doc_id]}


def _put(path: Path, text: str) -> None:
    """A page into the staged folder, as export.write_dataset writes its text files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _summary(data: dict) -> DocumentSummary:
    return DocumentSummary(**{**data, "codes": tuple(map(tuple, data["codes"])),
                              "flagged_by_indication": tuple(map(tuple, data["flagged_by_indication"]))})


def write_review(stage: Path, store, fragments: list[tuple[str, str, list[str]]], manifest: dict,
                 indications: list[dict], flags: list[dict], corrections: list[dict]) -> None:
    """Each document's page (fragments: each fragment's key, doc_id and images, in order), the pages'
    style and script, then the index from the summaries, into the staged folder. A flag made after
    the documents (an adverse effect's) that names a document goes on that document's page: its page
    is made again from its fragment's rows, one document at a time."""
    from .review import summaries_to_review_index

    doc_ids = {doc_id for _, doc_id, _ in fragments}
    later: dict[str, list[dict]] = {}
    for flag in flags:
        if flag.get("doc_id") in doc_ids:
            later.setdefault(flag["doc_id"], []).append(flag)
    summaries, loose = [], []
    for key, doc_id, images in fragments:
        part = store.review(key)
        if doc_id in later:
            rows = {t: [json.loads(x) for x in store.lines(key, t)] for t in ("documents", *ITEM_TABLES, "flags")}
            read = sum(1 for _ in store.lines(key, "flags.read"))  # as the flags table: after the reading's
            own = rows["flags"][:read] + later[doc_id] + rows["flags"][read:]
            part = fragment_review({**rows, "flags": own}, set(images))
        summary = _summary(part["summary"])
        _put(stage / summary.file, part["page"])
        summaries.append(summary)
        loose += part["loose_flags"]
    for name, text in ASSETS.items():
        _put(stage / name, text)
    _put(stage / INDEX, summaries_to_review_index(
        summaries, manifest, indications=indications, flags=loose + list(flags), corrections=corrections))
