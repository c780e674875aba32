"""The orchestrator: raw_documents/ -> read -> reconcile -> tables -> curated/. It calls the stages."""
from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from . import export
from .article.segment import dictionary_in
from .cache import DocumentCache, LastBuild
from .errors import DocumentError, NothingReadError
from .ingest import discover, why_skipped
from .lexicon import data_version
from .version import code_version

if TYPE_CHECKING:
    from .corrections import Ledger
    from .document_index import Results
    from .documents import LeftOut
    from .fragments import FragmentStore
    from .running import Running

# The stages (reading, reconciliation, fragments, export, review pages) are imported by build() only
# once it knows there is work: importing them is most of a build that finds nothing changed.

__all__ = ["build", "BuildReport"]


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


def build(raw_dir: str | Path = "raw_documents", out_dir: str | Path = "curated", *,
          corrections: str | Path | None = None, keep_going: bool = False, wait_seconds: float = 600.0,
          cache_dir: str | Path | None = None, progress=None, workers: int = 1, executor: str = "serial",
          scheduler: str | None = None, partitioned: bool = False) -> BuildReport:
    """Read every document of raw_dir and write the curated dataset to out_dir, atomically.

    workers / executor / scheduler choose where the per-document stages run (here, a process pool,
    a Dask cluster); reconciliation and export always run here, so the output is the same.
    partitioned writes each table with a doc_id as a Parquet dataset, one folder per document.

    Documents are taken one at a time: each is reconciled into its fragment (fragments.py, kept in
    the cache: an unchanged document is neither read back nor reconciled again), folded into the
    small global state (running.py), and the export streams the fragments (export_stream.py)."""
    out_dir = export.output_folder(out_dir)
    default_cache = out_dir.parent / f".{out_dir.name}-cache"
    cache = DocumentCache(cache_dir if cache_dir is not None else default_cache)
    tick = progress or (lambda name: None)
    # jieba's dictionary index is not made from any document: it stays in the cache folder even when
    # the documents are read again (no cache), so a full build does not pay for loading jieba.
    paths, skipped = discover(raw_dir)  # before the lock: a mistyped folder leaves no folder or lock behind
    if not paths:
        raise DocumentError(str(raw_dir), "holds no document (.txt, .html or .pdf)")
    with export.locked(out_dir, wait_seconds), dictionary_in(cache.folder or default_cache):
        export.remove_abandoned_stages(out_dir)
        last = LastBuild(cache, out_dir)
        key = LastBuild.key(paths, Path(corrections) if corrections else None,
                            {"keep_going": keep_going, "partitioned": partitioned})
        if (unchanged := _stored_report(last.report(key))) is not None:
            return unchanged
        from . import executors
        from .corrections import Ledger, load_corrections
        from .document_index import Results, entries_to_groups, index_documents
        from .fragments import keep_only, remove_stale_temporaries
        from .publish import write_streamed

        ledger = Ledger(*load_corrections(corrections))
        with _work_folder(cache, out_dir) as (work, store):
            results = Results(work)
            with executors.executor(executor, workers, scheduler, idle=_import_export) as run:
                entries, left_out, parsed, duplicates = index_documents(paths, results, keep_going, tick, run)
            _refuse_nothing_read(entries, left_out)
            remove_stale_temporaries(store)
            with export.output_errors(store.folder):  # a full disk names the cache folder, never a traceback
                running = _fragments(entries_to_groups(entries), results, store, ledger, paths, out_dir,
                                     _corrections_digest(corrections))
            tick("writing")
            figures = write_streamed(out_dir, store, running, ledger, left_out, duplicates, partitioned)
            if cache_dir is None:
                keep_only(store, {m["key"] for m in running.metas})
        report = BuildReport(str(out_dir), files=len(entries), parsed=parsed + results.reparsed, skipped=tuple(p.name for p in skipped),
                             skipped_why=tuple({"file": p.name, "reason": why_skipped(p)} for p in skipped), **figures)
        last.save(key, asdict(report))
    return report


def _import_export() -> None:
    """Import what the export and the row images need (pyarrow and the pandas it converts through, the
    page renderer), while a document is still being read in another process: the time is then spent
    in parallel, not after."""
    import pandas  # noqa: F401
    import pyarrow.parquet  # noqa: F401
    from pdfplumber.display import PageImage  # noqa: F401

    from . import describe, export_stream  # noqa: F401


@contextlib.contextmanager
def _work_folder(cache: DocumentCache, out_dir: Path):
    """The document cache and fragment store the build works in: the user's cache, or (no cache, or
    one that cannot be written) a folder beside out_dir for this build only."""
    from .fragments import FragmentStore

    if cache.folder is not None and _writable(cache.folder / "fragments"):
        yield cache, FragmentStore(cache.folder)
        return
    with export.output_errors(out_dir), \
            tempfile.TemporaryDirectory(prefix=f".{out_dir.name}-work-", dir=out_dir.parent) as folder:
        work = cache if cache.folder is not None else DocumentCache(folder)
        yield work, FragmentStore(Path(folder))


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        os.close(fd)
        os.unlink(probe)
    except OSError:
        return False
    return True


def _corrections_digest(corrections: str | Path | None) -> str:
    path = Path(corrections) if corrections else None
    return hashlib.sha256(path.read_bytes()).hexdigest() if path and path.is_file() else ""


def _fragments(groups, results: Results, store: FragmentStore, ledger: Ledger, paths: list[Path], out_dir: Path,
               corrections: str) -> Running:
    """Each document's fragment (the cached one when its key is unchanged), folded into the running state."""
    from .fragments import fragment_key, make_fragment
    from .running import Running
    from .stream_review import fragment_review

    versions = f"{code_version()}-{data_version()}"
    pdf_paths = {p.name: p for p in paths}
    previous = out_dir if out_dir.is_dir() else None
    running = Running()
    for group in groups:
        key = fragment_key([(e.file, e.sha256) for e in group], versions, corrections)
        meta = store.meta(key) or make_fragment(store, key, [results.get(e.sha256) for e in group], ledger,
                                                pdf_paths, previous, fragment_review)
        running.add(meta)
    return running


def _refuse_nothing_read(results: list, left_out: list[LeftOut]) -> None:
    """A build that read nothing (every document left out with keep_going) publishes nothing."""
    if not results:
        raise NothingReadError("no document could be read, so nothing is published: " + "; ".join(
            f"{x.file}: {x.reason}" for x in left_out))


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
