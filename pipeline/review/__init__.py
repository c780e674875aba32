"""The curated tables -> the review pages: curated/review.html, an index of the documents with the
build summary's figures, and one page a document beside it, curated/review/<doc_id>.html, with
every flagged row, regimen, threshold and statement of that document, the source beside the reading
and a correction ready to paste for each.

Pages and images share one folder (review/: the row images cut by pipeline.pdf.crops, review.css and
review.js that every page links; no network). Persian right-to-left, Chinese and English
left-to-right, every quoted fragment isolated. Built from the same row dicts the build exports, so
that the pages and the data cannot disagree. `ivig-kb review --against DIR` adds what changed since
another build.

A build that streams its documents calls, for each document as it is reconciled,
document_to_review_page (written to page_file(doc_id)) and document_to_summary, keeps the
summaries, and at the end writes summaries_to_review_index to INDEX and ASSETS once;
dataset_to_review_pages does all of it for a dataset held whole.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..pdf.crops import FOLDER
from .assets import ASSETS
from .document import document_to_review_page
from .index import summaries_to_review_index
from .summary import ITEM_TABLES, DocumentSummary, document_to_summary, page_file

__all__ = ["ASSETS", "INDEX", "DocumentSummary", "dataset_to_document_tables", "dataset_to_review_pages",
           "document_to_review_page", "document_to_summary", "page_file", "review_folder",
           "summaries_to_review_index"]

INDEX = "review.html"
TABLES = ("documents", "source_rows", "regimens", "criteria", "indications", "corrections", "statements", "flags")


def dataset_to_document_tables(dataset: dict[str, list[dict]]) -> dict[str, dict[str, list[dict]]]:
    """doc_id -> that document's slice of the tables (its documents row, its rows, regimens,
    thresholds, statements and flags), by doc_id. Items whose doc_id names no document get a page of
    their own (never left out); flags of no document stay out (the index lists them)."""
    groups: dict[str, dict[str, list[dict]]] = {d["doc_id"]: {"documents": [d]} for d in dataset.get("documents", [])}
    for table in ITEM_TABLES:
        for item in dataset.get(table, []):
            groups.setdefault(item.get("doc_id") or "", {}).setdefault(table, []).append(item)
    for flag in dataset.get("flags", []):
        if flag.get("doc_id") in groups:
            groups[flag["doc_id"]].setdefault("flags", []).append(flag)
    return dict(sorted(groups.items()))


def dataset_to_review_pages(dataset: dict[str, list[dict]], manifest: dict, images: set[str] | None = None,
                            changes: list | None = None, against: str | None = None) -> dict[str, str]:
    """file inside the curated folder -> text: the index (review.html), one page a document
    (review/<doc_id>.html) and the pages' style and script, for a dataset held whole (its tables as
    row dicts), built on the per-document calls a streaming build makes."""
    documents = dataset_to_document_tables(dataset)
    of_document: dict[str | None, list] = {}
    for change in changes or []:
        of_document.setdefault(change.doc_id, []).append(change)
    pages, summaries = dict(ASSETS), []
    for doc_id, tables in documents.items():
        summary = document_to_summary(tables)
        pages[summary.file] = document_to_review_page(
            tables, images, of_document.get(doc_id, []) if changes is not None else None, against)
        summaries.append(summary)
    pages[INDEX] = summaries_to_review_index(
        summaries, manifest, indications=dataset.get("indications", []),
        flags=[f for f in dataset.get("flags", []) if f.get("doc_id") not in documents],
        corrections=dataset.get("corrections", []), changes=changes, against=against)
    return pages


def review_folder(folder: str | Path, against: str | Path | None = None) -> Path:
    """Write the review pages of an existing curated folder (from its JSON tables and the images
    beside it): each document's page, then the index, each file replaced in one step; a page of a
    document the folder no longer holds is removed. With against, the pages also list what changed
    since that build. Returns the index's path."""
    from ..export import write_file_atomically

    folder = Path(folder)
    dataset = {}
    for name in TABLES:
        path = folder / f"{name}.json"
        if path.exists():
            dataset[name] = json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    images = {p.relative_to(folder).as_posix() for p in (folder / FOLDER).glob("*.png")}
    found = None
    if against is not None:
        from ..diff import changes

        found = changes(against, folder)
    pages = dataset_to_review_pages(dataset, manifest, images, found, str(against) if against else None)
    (folder / FOLDER).mkdir(exist_ok=True)
    for file_name, text in pages.items():
        if file_name != INDEX:
            write_file_atomically(folder / file_name, text)
    for old in (folder / FOLDER).glob("*.html"):
        if old.relative_to(folder).as_posix() not in pages:
            old.unlink()
    target = folder / INDEX
    write_file_atomically(target, pages[INDEX])  # last: the links of the index resolve once it is there
    return target
