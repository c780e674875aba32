"""The orchestrator: raw_documents/ -> read -> tables -> curated/. It calls the stages, nothing else."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import export, tables
from .adverse_effects import documents_to_effects
from .article.circular_stand_in import rows_to_circular_side
from .article.links import statements_to_links
from .article.read import merge_renditions, read_article
from .article.records import ArticleReading
from .circular.read import read_circular_text
from .errors import AccountingError, DocumentError
from .ingest import discover, read_source, script_of
from .lexicon import data_version
from .records import CircularReading, Document, Flag, SourceFile
from .version import PIPELINE_VERSION


@dataclass(frozen=True)
class DocumentResult:
    """What the per-document stages yield for one source file."""

    document: Document
    reading: CircularReading | None
    flags: tuple[Flag, ...]
    article: ArticleReading | None = None


@dataclass(frozen=True)
class BuildReport:
    out_dir: str
    documents: int
    rows: int
    flags: int
    needs_review: int
    skipped: tuple[str, ...]
    accounting: dict = field(default_factory=dict)
    statements: int = 0


def source_to_result(source: SourceFile) -> DocumentResult:
    """One source file -> its document and what was read from it (dispatch on format and script)."""
    if source.format == "pdf":
        raise DocumentError(source.name, "PDF renditions are not read yet")
    lang = script_of(source.text or "")
    if lang == "fa":
        document, reading = read_circular_text(source)
        return DocumentResult(document, reading, reading.flags)
    if lang == "zh":
        article = read_article(source)
        return DocumentResult(article.document, None, article.flags, article)
    raise DocumentError(source.name, "neither Persian nor Chinese text: not a document this pipeline reads")


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
        # The same article as text and as HTML is one document with two renditions.
        articles, flags = merge_renditions([r.article for r in results if r.article])
        results = [r for r in results if not r.article] + [
            DocumentResult(a.document, None, a.flags, a) for a in articles]
        results.sort(key=lambda r: r.document.doc_id)
        documents = [r.document for r in results]
        accounting, rows = {}, []
        for result in results:
            flags.extend(result.flags)
            if result.reading:
                accounting[result.document.doc_id] = account(result.reading)
                rows.extend(result.reading.rows)
        statements = [s for a in articles for s in a.statements]
        regimens = [r for a in articles for r in a.regimens]
        criteria = [c for a in articles for c in a.criteria]
        # Stand-in for the circular's records until reconciliation gives them (see circular_stand_in.py).
        circular = rows_to_circular_side(rows, {i for s in statements for i in s.indication_candidates})
        links = statements_to_links(statements, regimens, criteria, circular)
        effects, effect_flags = documents_to_effects(documents, statements)
        flags.extend(effect_flags)
        out = {
            "documents": [tables.document_row(d) for d in documents],
            "source_rows": [tables.source_row(row) for row in rows],
            "statements": [tables.record_row(s, "statements") for s in statements],
            "regimens": [tables.record_row(r, "regimens") for r in regimens],
            "criteria": [tables.record_row(c, "criteria") for c in criteria],
            "links": [tables.record_row(link, "links") for link in links],
            "references": [tables.record_row(r, "references") for a in articles for r in a.references],
            "adverse_effects": [tables.record_row(e, "adverse_effects") for e in effects],
            "flags": [tables.flag_row(f) for f in flags],
        }
        manifest = {
            "pipeline_version": PIPELINE_VERSION, "data_version": data_version(),
            "documents": [{"doc_id": d.doc_id, "files": [
                {"file": x.file, "sha256": x.sha256} for x in d.renditions]} for d in documents],
            "accounting": accounting,
            "tables": {name: len(table) for name, table in out.items()},
        }
        export.write_dataset(out_dir, out, {"manifest.json": manifest})
    return BuildReport(str(out_dir), len(results), len(rows), len(flags),
                       sum(1 for f in flags if f.severity == "review"), tuple(p.name for p in skipped),
                       accounting, len(statements))
