"""The orchestrator: raw_documents/ -> read -> tables -> curated/. It calls the stages, nothing else."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import export, tables
from .article.read import read_article
from .circular.read import read_circular_pdf, read_circular_text
from .errors import AccountingError, DocumentError
from .ingest import discover, read_source, script_of
from .lexicon import data_version
from .records import CircularReading, Document, Flag, SourceFile
from .renditions import merge_renditions
from .version import PIPELINE_VERSION


@dataclass(frozen=True)
class DocumentResult:
    """What the per-document stages yield for one source file."""

    document: Document
    reading: CircularReading | None
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class BuildReport:
    out_dir: str
    documents: int
    rows: int
    flags: int
    needs_review: int
    skipped: tuple[str, ...]
    accounting: dict = field(default_factory=dict)


def source_to_result(source: SourceFile) -> DocumentResult:
    """One source file -> its document and what was read from it (dispatch on format and script)."""
    if source.format == "pdf":
        document, reading = read_circular_pdf(source)
        return DocumentResult(document, reading, reading.flags)
    lang = script_of(source.text or "")
    if lang == "fa":
        document, reading = read_circular_text(source)
        return DocumentResult(document, reading, reading.flags)
    if lang == "zh":
        return DocumentResult(read_article(source), None, ())
    raise DocumentError(source.name, "neither Persian nor Chinese text: not a document this pipeline reads")


def results_to_documents(results: list[DocumentResult]) -> list[DocumentResult]:
    """One result per document: the renditions of one circular (same doc_id) merged, sorted by doc_id."""
    by_id: dict[str, list[DocumentResult]] = {}
    for result in results:
        by_id.setdefault(result.document.doc_id, []).append(result)
    merged = []
    for doc_id in sorted(by_id):
        group = by_id[doc_id]
        if len(group) == 1 or any(r.reading is None for r in group):
            merged.extend(group)
            continue
        document, reading = merge_renditions([(r.document, r.reading) for r in group])
        merged.append(DocumentResult(document, reading, reading.flags))
    return merged


def account(reading: CircularReading) -> dict:
    """Lines in = rows kept + lines joined to the row before (continuations); fails when not."""
    kept = len(reading.rows)
    if reading.lines_in != kept + reading.lines_joined:
        raise AccountingError(f"{reading.lines_in} table lines read but {kept} rows + "
                              f"{reading.lines_joined} continuations kept")
    return {"lines_in": reading.lines_in, "rows": kept, "continuations_joined": reading.lines_joined}


def build(raw_dir: str | Path = "raw_documents", out_dir: str | Path = "curated",
          wait_seconds: float = 600.0) -> BuildReport:
    """Read every document of raw_dir and write the curated dataset to out_dir, atomically."""
    out_dir = Path(out_dir)
    with export.locked(out_dir, wait_seconds):
        paths, skipped = discover(raw_dir)
        if not paths:
            raise DocumentError(str(raw_dir), "holds no document (.txt, .html or .pdf)")
        sources = [read_source(path) for path in paths]
        results = [source_to_result(s) for s in sources]
        for result in results:
            if result.reading:
                account(result.reading)  # each rendition on its own, before they are merged
        results = results_to_documents(results)
        accounting, rows, flags = {}, [], []
        for result in results:
            flags.extend(result.flags)
            if result.reading:
                accounting[result.document.doc_id] = account(result.reading)
                rows.extend(result.reading.rows)
        manifest = {
            "pipeline_version": PIPELINE_VERSION, "data_version": data_version(),
            "documents": [{"doc_id": r.document.doc_id, "files": [
                {"file": x.file, "sha256": x.sha256} for x in r.document.renditions]} for r in results],
            "accounting": accounting,
            "tables": {"documents": len(results), "source_rows": len(rows), "flags": len(flags)},
        }
        export.write_dataset(out_dir, {
            "documents": [tables.document_row(r.document) for r in results],
            "source_rows": [tables.source_row(row) for row in rows],
            "flags": [tables.flag_row(f) for f in flags],
        }, {"manifest.json": manifest})
    return BuildReport(str(out_dir), len(results), len(rows), len(flags),
                       sum(1 for f in flags if f.severity == "review"), tuple(p.name for p in skipped),
                       accounting)
