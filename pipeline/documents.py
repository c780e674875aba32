"""raw_documents/ files -> DocumentResults: the per-document stages, cached, one file at a time.

Each document is read on its own (so the stage can run in parallel and be cached); a document
that cannot be read either stops the build or, with keep_going, is left out and listed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .article.records import ArticleReading
from .circular.read import read_circular_pdf, read_circular_text
from .compiled import keep as keep_compiled
from .errors import DocumentError
from .ingest import bytes_to_source
from .kinds import kind_of, read_statements
from .criteria import row_to_criteria
from .dosing.read import row_to_unread_flags
from .dosing.regimens import row_to_regimens
from .records import CircularReading, Criterion, Document, Flag, Regimen, SourceFile
from .renditions import RENDITION_PRIORITY, merge_renditions


@dataclass(frozen=True)
class DocumentResult:
    """What the per-document stages yield for one source file."""

    document: Document
    reading: CircularReading | None
    flags: tuple[Flag, ...]
    article: ArticleReading | None = None
    # row id -> the regimens and thresholds its cells state, read here (so in parallel, and cached)
    # rather than in reconciliation, which only ties them to indications
    row_readings: dict[str, tuple[tuple[Regimen, ...], tuple[Criterion, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class LeftOut:
    file: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """A file byte for byte the same as another: one rendition, read once."""

    file: str
    same_as: str


def duplicates_to_flags(duplicates: list[Duplicate]) -> list[Flag]:
    return [Flag("duplicate_file", f"{d.file} is byte for byte the same as {d.same_as}: read once, as one rendition",
                 severity="info", table="documents", target=d.file) for d in duplicates]


def _circular(document: Document, reading: CircularReading) -> DocumentResult:
    row_readings = {row.row_id: (tuple(row_to_regimens(row)), tuple(row_to_criteria(row))) for row in reading.rows}
    unread = tuple(f for row in reading.rows for f in row_to_unread_flags(row))
    return DocumentResult(document, reading, reading.flags + unread, row_readings=row_readings)


def source_to_result(source: SourceFile) -> DocumentResult:
    """One source file -> its document and what was read from it (dispatch on the kind it is)."""
    kind = kind_of(source)
    if kind == "circular":
        return _circular(*(read_circular_pdf(source) if source.format == "pdf" else read_circular_text(source)))
    reading = read_statements(source, kind)
    return DocumentResult(reading.document, None, reading.flags, reading)


def payload_to_outcome(name: str, data: bytes) -> DocumentResult | DocumentError:
    """The per-document stage as a worker runs it: a file's name and bytes in, its result (or the
    error that says why it cannot be read) out. Needs no shared disk."""
    try:
        return source_to_result(bytes_to_source(name, data))
    except DocumentError as error:
        return error
    except MemoryError:
        from .limits import limits

        return DocumentError(name, f"needs more memory than a document may use ({limits().worker_memory_mib} "
                                   "MiB, limits.yaml worker_memory_mib): not a guideline")
    except RecursionError:
        return DocumentError(name, "nested too deeply to be read (a damaged or hostile file)")
    except Exception as error:  # noqa: BLE001 - a reader's fault on one file names that file, on every path
        return DocumentError(name, f"could not be read: {type(error).__name__}: {error} (an unexpected fault of "
                                   "the reader on this file; please report it with the file)")
    finally:
        keep_compiled()  # the patterns the reading compiled, for the next process (compiled.py)


def warm() -> None:
    """Load, before worker processes fork, what every document's reading needs (vocabularies)."""
    from .normalize.fa import warm_up

    warm_up()


def circular_renditions_to_documents(results: list[DocumentResult]) -> list[DocumentResult]:
    """One result per circular: the renditions of one letter (same doc_id) merged, sorted by doc_id."""
    by_id: dict[str, list[DocumentResult]] = {}
    for result in results:
        by_id.setdefault(result.document.doc_id, []).append(result)
    merged = []
    for doc_id in sorted(by_id):
        group = by_id[doc_id]
        if len(group) == 1:
            merged.extend(group)
            continue
        document, reading = merge_renditions([(r.document, r.reading) for r in group])
        row_readings: dict = {}
        for result in sorted(group, key=lambda r: RENDITION_PRIORITY.get(r.document.format, 9), reverse=True):
            row_readings.update(result.row_readings)  # the kept rendition's reading of a row wins, as in the merge
        merged.append(DocumentResult(document, reading, reading.flags, row_readings=row_readings))
    return merged
