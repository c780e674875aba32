"""The orchestrator: raw_documents/ -> read -> tables -> curated/. It calls the stages, nothing else."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import export, fhir, labels, tables
from .article.read import read_article
from .circular.read import read_circular_text
from .errors import AccountingError, DocumentError
from .ingest import discover, read_source, script_of
from .lexicon import data_version
from .reconcile import reconcile
from .records import CircularReading, Document, Flag, SourceFile
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
        raise DocumentError(source.name, "PDF renditions are not read yet")
    lang = script_of(source.text or "")
    if lang == "fa":
        document, reading = read_circular_text(source)
        return DocumentResult(document, reading, reading.flags)
    if lang == "zh":
        return DocumentResult(read_article(source), None, ())
    raise DocumentError(source.name, "neither Persian nor Chinese text: not a document this pipeline reads")


def row_flags(rows) -> list[Flag]:
    """Review reasons reconciliation added to rows (unmatched or inferred indications) as flags."""
    return [Flag(code, message, doc_id=r.doc_id, row_id=r.row_id, field="indication_id")
            for r in rows for code, _, message in (x.partition(": ") for x in r.review_reasons)
            if code.startswith("indication_")]


def regimen_flags(regimens) -> list[Flag]:
    """A regimen's review reasons as flags, so that the curator finds them in one place."""
    return [Flag(code, message, doc_id=r.doc_id, row_id=r.row_ids[0], field=r.regimen_id)
            for r in regimens for code, _, message in (reason.partition(": ") for reason in r.review_reasons)]


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
        # PDF renditions are read by a later stage; until then they are listed, never silently lost.
        skipped += [Path(s.path) for s in sources if s.format == "pdf"]
        results = [source_to_result(s) for s in sources if s.format != "pdf"]
        results.sort(key=lambda r: r.document.doc_id)
        accounting, rows, flags = {}, [], []
        for result in results:
            flags.extend(result.flags)
            if result.reading:
                accounting[result.document.doc_id] = account(result.reading)
                rows.extend(result.reading.rows)
        kb = reconcile(rows)
        flags.extend(row_flags(kb.rows))
        flags.extend(regimen_flags(kb.regimens))
        manifest = {
            "pipeline_version": PIPELINE_VERSION, "data_version": data_version(),
            "documents": [{"doc_id": r.document.doc_id, "files": [
                {"file": x.file, "sha256": x.sha256} for x in r.document.renditions]} for r in results],
            "accounting": {doc_id: {**lines, **kb.accounting.get(doc_id, {})} for doc_id, lines in accounting.items()},
            "tables": {"documents": len(results), "source_rows": len(kb.rows), "regimens": len(kb.regimens),
                       "indications": len(kb.indications), "criteria": len(kb.criteria), "flags": len(flags)},
        }
        curated = labels.add_labels({
            "documents": [tables.document_row(r.document) for r in results],
            "source_rows": [tables.source_row(row) for row in kb.rows],
            "regimens": [tables.regimen_row(r) for r in kb.regimens],
            "indications": [tables.indication_row(i) for i in kb.indications],
            "criteria": [tables.criterion_row(c) for c in kb.criteria],
            "flags": [tables.flag_row(f) for f in flags],
        })
        export.write_dataset(out_dir, curated, {"manifest.json": manifest, fhir.FILE: fhir.tables_to_medication_knowledge(
            curated["indications"], curated["regimens"])})
    return BuildReport(str(out_dir), len(results), len(kb.rows), len(flags),
                       sum(1 for f in flags if f.severity == "review"), tuple(p.name for p in skipped),
                       accounting)
