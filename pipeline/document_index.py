"""raw_documents/ files -> an index of their documents (file, hash, doc_id, kind), results kept in the
cache rather than in memory: the build then takes one document at a time.

A file unchanged since a build is not read back at all when its document's fragment is still good;
a file not in the cache is read by the per-document stage (on the executor, a chunk at a time, so
that the results of a large corpus are never all held at once) and stored.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .cache import DocumentCache, DocumentIndex
from .documents import DocumentResult, Duplicate, LeftOut, payload_to_outcome
from .errors import DocumentError
from .executors import Serial
from .ingest import read_file

_ARTICLE_ORDER = {"text": 0, "html": 1}  # merge_article_renditions' order of an article's renditions


@dataclass(frozen=True)
class Entry:
    position: int
    file: str
    sha256: str
    doc_id: str
    circular: bool
    format: str


class Results:
    """Each file's result: from the cache, else held (a cache that cannot be written costs memory, never the build)."""

    def __init__(self, cache: DocumentCache):
        self.cache, self.index, self.held = cache, DocumentIndex(cache), {}
        self.paths: dict[str, Path] = {}  # sha256 -> its file, to read again a result the cache lost
        self.reparsed = 0

    def store(self, sha256: str, result: DocumentResult) -> None:
        if self.cache.put(sha256, result):
            self.index.put(sha256, _info(result))
        else:
            self.held[sha256] = result

    def get(self, sha256: str) -> DocumentResult:
        found = self.held.get(sha256) or self.cache.get(sha256)
        if found is None:  # a damaged or vanished entry is never trusted: the file is read again
            found = payload_to_outcome(*read_file(self.paths[sha256]))
            if isinstance(found, DocumentError):
                raise found
            self.reparsed += 1
            self.store(sha256, found)
        return found


def _info(result: DocumentResult) -> dict:
    return {"doc_id": result.document.doc_id, "circular": result.reading is not None,
            "format": result.document.format}


def index_documents(paths: list[Path], results: Results, keep_going: bool = False, tick=lambda name: None,
                    run=None, chunk: int = 8) -> tuple[list[Entry], list[LeftOut], int, list[Duplicate]]:
    """Every file -> its Entry (results stored in `results`); what was left out, how many documents
    were parsed, the files that duplicate another."""
    entries, left_out, todo, duplicates, seen, parsed = [], [], [], [], {}, 0
    for position, path in enumerate(paths):
        tick(path.name)
        try:
            name, data = read_file(path)
        except DocumentError as error:
            if not keep_going:
                raise
            left_out.append(LeftOut(error.file, error.reason))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            duplicates.append(Duplicate(name, seen[digest]))
            continue
        seen[digest] = name
        results.paths[digest] = path
        info = results.index.get(digest)
        if info is None and (cached := results.cache.get(digest)) is not None:
            info = _info(cached)
            results.index.put(digest, info)
        if info is not None:
            entries.append(Entry(position, name, digest, info["doc_id"], info["circular"], info["format"]))
        else:
            todo.append((position, path, name, digest))  # its bytes read again when its turn comes, not held
    for start in range(0, len(todo), chunk):
        part = todo[start:start + chunk]
        outcomes = (run or Serial()).map(payload_to_outcome, [read_file(path) for _, path, _, _ in part])
        for (position, _, name, digest), outcome in zip(part, outcomes):
            if isinstance(outcome, DocumentError):
                if not keep_going:
                    raise outcome
                left_out.append(LeftOut(outcome.file, outcome.reason))
                continue
            parsed += 1
            results.store(digest, outcome)
            entries.append(Entry(position, name, digest, *_info(outcome).values()))
    return sorted(entries, key=lambda e: e.position), left_out, parsed, duplicates


def entries_to_groups(entries: list[Entry]) -> list[list[Entry]]:
    """The files of each document together, in the order reconciliation takes them: circulars by
    doc_id, then articles in merge_article_renditions' order (format, then file name)."""
    circulars: dict[str, list[Entry]] = {}
    articles: dict[str, list[Entry]] = {}
    for entry in entries:
        (circulars if entry.circular else articles).setdefault(entry.doc_id, []).append(entry)
    article_order = sorted(articles, key=lambda d: min((_ARTICLE_ORDER.get(e.format, 2), e.file) for e in articles[d]))
    return [circulars[d] for d in sorted(circulars)] + [articles[d] for d in article_order]
