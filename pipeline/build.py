"""The orchestrator: raw_documents/ -> read -> reconcile -> tables -> curated/. It calls the stages."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import export
from .article.segment import dictionary_in
from .cache import DocumentCache, LastBuild
from .errors import AccountingError, DocumentError, NothingReadError
from .ingest import discover, why_skipped
from .lexicon import data_version
from .version import PIPELINE_VERSION

if TYPE_CHECKING:
    from .documents import DocumentResult, LeftOut
    from .records import CircularReading, Document

# The stages (reading, reconciliation, tables, review page, images) are imported by build() only once it
# knows there is work: importing them is most of a build that finds nothing changed (0.15 of 0.3 s).


@dataclass(frozen=True)
class BuildReport:
    out_dir: str
    documents: int
    files: int  # files read (a document may come as several renditions)
    rows: int
    regimens: int
    statements: int
    flags: int
    needs_review: int
    parsed: int  # documents read anew (the others came unchanged from the cache)
    skipped: tuple[str, ...]  # files of raw_dir that are not documents
    left_out: tuple[dict, ...] = ()  # documents that could not be read (with keep_going)
    corrections: dict = field(default_factory=dict)  # applied / stale / invalid counts
    accounting: dict = field(default_factory=dict)
    up_to_date: bool = False  # nothing changed since the last build: curated/ was left as it was
    skipped_why: tuple[dict, ...] = ()  # each skipped path with the reason it was left aside
    duplicates: tuple[dict, ...] = ()  # files byte for byte the same as another, read once
    corrections_not_applied: tuple[dict, ...] = ()  # stale and invalid corrections, by id, with why


def reading_to_accounting(reading: CircularReading) -> dict:
    """Lines in = rows kept + lines joined to the row before (continuations); fails when not."""
    kept = len(reading.rows)
    if reading.lines_in != kept + reading.lines_joined:
        raise AccountingError(f"{reading.lines_in} table lines read but {kept} rows + "
                              f"{reading.lines_joined} continuations kept")
    return {"lines_in": reading.lines_in, "rows": kept, "continuations_joined": reading.lines_joined}


@dataclass(frozen=True)
class Read:
    """What the documents gave, renditions merged: circulars with their rows, the articles' parts."""

    circulars: list[DocumentResult]
    documents: list[Document]
    statements: list
    references: list
    article_regimens: list
    article_criteria: list
    flags: list
    accounting: dict[str, dict]
    row_readings: dict[str, tuple]  # row id -> its regimens and thresholds, read by the per-document stage

    @property
    def mentioned(self) -> tuple[str, ...]:
        """Indication ids the articles' statements speak of (each needs its indications row)."""
        return tuple(i for s in self.statements for i in (s.indication_id, *s.indication_candidates) if i)


def results_to_read(results: list[DocumentResult]) -> Read:
    """Per-file results -> documents: the renditions of one circular or article made one, the lines of
    each rendition accounted for before they merge."""
    from .article.read import merge_article_renditions
    from .documents import circular_renditions_to_documents

    articles, rendition_flags = merge_article_renditions([r.article for r in results if r.article])
    counted = _counted(results)  # before the renditions merge: a rendition that fails is named
    circulars = circular_renditions_to_documents([r for r in results if r.reading])
    return Read(
        circulars=circulars,
        documents=sorted([r.document for r in circulars] + [a.document for a in articles], key=lambda d: d.doc_id),
        statements=[s for a in articles for s in a.statements],
        references=[ref for a in articles for ref in a.references],
        article_regimens=[g for a in articles for g in a.regimens],
        article_criteria=[c for a in articles for c in a.criteria],
        flags=[f for r in circulars for f in r.flags] + [f for a in articles for f in a.flags] + rendition_flags,
        accounting=_accounting(counted, circulars),
        row_readings={row_id: found for r in circulars for row_id, found in r.row_readings.items()})


def _counted(results: list[DocumentResult]) -> dict[int, dict]:
    """Each rendition's lines accounted for, once (by the reading's identity)."""
    return {id(r.reading): reading_to_accounting(r.reading) for r in results if r.reading}


def _accounting(counted: dict[int, dict], circulars: list[DocumentResult]) -> dict[str, dict]:
    """doc_id -> its accounting: a circular of one rendition keeps that rendition's count, a merged
    one is accounted for as merged."""
    return {r.document.doc_id: dict(counted.get(id(r.reading)) or reading_to_accounting(r.reading)) for r in circulars}


def build(raw_dir: str | Path = "raw_documents", out_dir: str | Path = "curated", *,
          corrections: str | Path | None = None, keep_going: bool = False, wait_seconds: float = 600.0,
          cache_dir: str | Path | None = None, progress=None, workers: int = 1, executor: str = "serial",
          scheduler: str | None = None, partitioned: bool = False) -> BuildReport:
    """Read every document of raw_dir and write the curated dataset to out_dir, atomically.

    workers / executor / scheduler choose where the per-document stages run (here, a process pool,
    a Dask cluster); reconciliation and export always run here, so the output is the same.
    partitioned writes each table with a doc_id as a Parquet dataset, one folder per document."""
    out_dir = export.output_folder(out_dir)
    default_cache = out_dir.parent / f".{out_dir.name}-cache"
    cache = DocumentCache(cache_dir if cache_dir is not None else default_cache)
    tick = progress or (lambda name: None)
    # jieba's dictionary index is not made from any document: it stays in the cache folder even when
    # the documents are read again (no cache), so a full build does not pay for loading jieba.
    with export.locked(out_dir, wait_seconds), dictionary_in(cache.folder or default_cache):
        export.remove_abandoned_stages(out_dir)
        paths, skipped = discover(raw_dir)
        if not paths:
            raise DocumentError(str(raw_dir), "holds no document (.txt, .html or .pdf)")
        last = LastBuild(cache, out_dir)
        key = LastBuild.key(paths, Path(corrections) if corrections else None,
                            {"keep_going": keep_going, "partitioned": partitioned})
        if (unchanged := _stored_report(last.report(key))) is not None:
            return unchanged
        from . import executors, fhir, labels, tables
        from .adverse_effects import documents_to_effects
        from .article.links import CircularSide, statements_to_links
        from .corrections import Ledger, load_corrections
        from .documents import duplicates_to_flags, read_documents
        from .pdf.crops import dataset_to_images
        from .reconcile import reconcile
        from .review import dataset_to_review_pages

        ledger = Ledger(*load_corrections(corrections))
        with executors.executor(executor, workers, scheduler) as run:
            results, left_out, parsed, duplicates = read_documents(paths, cache, keep_going, tick, run)
        _refuse_nothing_read(results, left_out)
        read = results_to_read(results)
        kb = reconcile([row for r in read.circulars for row in r.reading.rows], ledger, read.article_regimens,
                       read.article_criteria, read.mentioned, read.row_readings)
        links = statements_to_links(read.statements, read.article_regimens, read.article_criteria,
                                    CircularSide.of(kb))
        effects, effect_flags = documents_to_effects(read.documents, read.statements)
        flags = tables.distinct_flags(read.flags + effect_flags + tables.review_flags(kb)
                                      + tables.left_out_flags(left_out) + duplicates_to_flags(duplicates))
        for doc_id, counts in kb.accounting.items():
            read.accounting[doc_id].update(counts)
        dataset = labels.add_labels(tables.dataset(read.documents, kb, flags, read.statements, links,
                                                   read.references, effects))
        manifest = _manifest(read.documents, left_out, read.accounting, dataset)
        tick("writing")
        images = dataset_to_images(dataset, paths, out_dir)  # flagged PDF rows' images (the last build's kept)
        export.write_dataset(out_dir, dataset, {
            "manifest.json": manifest,
            fhir.FILE: fhir.tables_to_medication_knowledge(dataset["indications"], dataset["regimens"]),
        }, {**dataset_to_review_pages(dataset, manifest, set(images)), **images}, partitioned)
        report = _report(str(out_dir), read, kb, len(results), flags, parsed, skipped, left_out, duplicates)
        last.save(key, asdict(report))
    return report


def _refuse_nothing_read(results: list[DocumentResult], left_out: list[LeftOut]) -> None:
    """A build that read nothing (every document left out with keep_going) publishes nothing."""
    if not results:
        raise NothingReadError("no document could be read, so nothing is published: " + "; ".join(
            f"{x.file}: {x.reason}" for x in left_out))


def _report(out_dir: str, read: Read, kb, files: int, flags: list, parsed: int, skipped: list[Path],
            left_out: list[LeftOut], duplicates: list) -> BuildReport:
    return BuildReport(
        out_dir, len(read.documents), files, len(kb.rows), len(kb.regimens), len(read.statements),
        len(flags), sum(1 for f in flags if f.severity == "review"), parsed, tuple(p.name for p in skipped),
        tuple({"file": x.file, "reason": x.reason} for x in left_out),
        {s: sum(1 for o in kb.corrections if o.status == s) for s in ("applied", "stale", "invalid")},
        read.accounting, skipped_why=tuple({"file": p.name, "reason": why_skipped(p)} for p in skipped),
        duplicates=tuple({"file": d.file, "same_as": d.same_as} for d in duplicates),
        corrections_not_applied=tuple({"id": o.correction_id, "status": o.status, "why": o.message}
                                      for o in kb.corrections if o.status != "applied"))


def _stored_report(stored: dict | None) -> BuildReport | None:
    """The last build's report, marked up to date; None when there is none (or it is of an older form)."""
    if stored is None:
        return None
    try:
        return BuildReport(**{**stored, "parsed": 0, "up_to_date": True, **{
            name: tuple(stored[name]) for name in ("skipped", "left_out", "skipped_why", "duplicates",
                                                   "corrections_not_applied")}})
    except (KeyError, TypeError):
        return None


def _manifest(documents: list[Document], left_out: list[LeftOut], accounting: dict, dataset: dict) -> dict:
    """What was built from what: versions, each document's files and hashes, counts. No timestamps,
    so that two builds of the same input are identical."""
    return {
        "pipeline_version": PIPELINE_VERSION, "data_version": data_version(),
        "documents": [{"doc_id": d.doc_id, "files": [
            {"file": x.file, "sha256": x.sha256} for x in d.renditions]} for d in documents],
        "left_out": [{"file": x.file, "reason": x.reason} for x in left_out],
        "accounting": accounting,
        "tables": {name: len(rows) for name, rows in dataset.items()},
    }
