"""One document's results -> its fragment: the document reconciled and turned into its tables' rows.

Reconciliation is per document (rows merge by (doc_id, indication); conflicts are between rows of one
document), so each document's rows, regimens, thresholds, statements, flags, review sections and
row images are made on their own, checked (check.py) and stored in the build cache as JSON lines,
one file per table, the lines exactly as the JSON twin writes them. What the build's global tables
need of the document (the indications' traces, the links' side, the corrections' outcomes, counts)
is kept in the fragment's meta.json. A fragment is reused when its key is: the document's files and
their hashes, the code and data versions, and the corrections (any change to corrections.yaml makes
every fragment again: simplest, and correct). JSON only, never pickles (see cache.py).
"""
from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from . import labels, tables
from .article.read import merge_article_renditions
from .cache import from_json, to_json
from .check import DatasetCheck, fhir_problems
from .corrections import Ledger
from .documents import DocumentResult, circular_renditions_to_documents
from .errors import AccountingError
from .export import clean_row
from .fhir import is_exported, regimen_to_dosage
from .pdf.crops import crops_to_images, dataset_to_crops
from .reconcile import reconcile
from .records import CircularReading

FORMAT = 2  # bump when a fragment's files change: older fragments are then misses
# the tables a document's fragment holds rows of, in the curated dataset's order
TABLES = ("documents", "source_rows", "regimens", "criteria", "statements", "references", "flags")


def reading_to_accounting(reading: CircularReading) -> dict:
    """Lines in = rows kept + lines joined to the row before (continuations); fails when not."""
    kept = len(reading.rows)
    if reading.lines_in != kept + reading.lines_joined:
        raise AccountingError(f"{reading.lines_in} table lines read but {kept} rows + "
                              f"{reading.lines_joined} continuations kept")
    return {"lines_in": reading.lines_in, "rows": kept, "continuations_joined": reading.lines_joined}


def fragment_key(files: list[tuple[str, str]], versions: str, corrections: str) -> str:
    """The key of a document's fragment: its files (name, sha256), code and data, the corrections."""
    return hashlib.sha256(json.dumps([FORMAT, versions, corrections, sorted(files)]).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Parts:
    """What a document's renditions give, merged: the inputs of its reconciliation."""

    document: object
    rows: tuple
    row_readings: dict
    flags: tuple
    accounting: dict | None
    statements: tuple = ()
    regimens: tuple = ()
    criteria: tuple = ()
    references: tuple = ()


def group_to_parts(group: list[DocumentResult]) -> Parts:
    """The renditions of one document (circular or article) -> one document's parts."""
    if group[0].reading is not None:
        counted = {id(r.reading): reading_to_accounting(r.reading) for r in group}
        merged = circular_renditions_to_documents(group)[0]
        accounting = dict(counted.get(id(merged.reading)) or reading_to_accounting(merged.reading))
        return Parts(merged.document, merged.reading.rows, merged.row_readings, tuple(merged.flags), accounting)
    articles, rendition_flags = merge_article_renditions([r.article for r in group])
    a = articles[0]
    return Parts(a.document, (), {}, tuple(a.flags) + tuple(rendition_flags), None, a.statements, a.regimens,
                 a.criteria, a.references)


def _targets(parts: Parts) -> set[str]:
    """Every id a correction may name in this document (rows, their regimens and thresholds)."""
    ids = {r.row_id for r in parts.rows}
    for regimens, criteria in parts.row_readings.values():
        ids |= {g.regimen_id for g in regimens} | {c.criterion_id for c in criteria}
    return ids


def parts_to_tables(parts: Parts, ledger: Ledger):
    """The document reconciled (with the corrections that target it) -> (kb, its tables' rows)."""
    mine = ledger.of_targets(_targets(parts))
    kb = reconcile(list(parts.rows), mine, list(parts.regimens), list(parts.criteria), (), parts.row_readings)
    flags = tables.distinct_flags(list(parts.flags) + tables.review_flags(replace(kb, corrections=())))
    rows = {
        "documents": [tables.document_row(parts.document)],
        "source_rows": [tables.source_row(r) for r in kb.rows],
        "regimens": [tables.regimen_row(g) for g in kb.regimens],
        "criteria": [tables.criterion_row(c) for c in kb.criteria],
        "statements": [tables.record_row(s, "statements") for s in parts.statements],
        "references": [tables.record_row(r, "references") for r in parts.references],
        "flags": [tables.flag_row(f) for f in flags],
    }
    return kb, mine, {name: labels.label_rows(name, found) for name, found in rows.items()}


def _traces(kb) -> dict:
    """What the indications table needs of each row, regimen and threshold (reconcile._indications)."""
    return {"rows": [[r.row_id, r.doc_id, r.indication_id, r.evidence, [[x.code, x.message] for x in r.review_reasons],
                      r.cell("indication")]
                     for r in kb.rows],
            "regimens": [[g.indication_id, g.doc_id, list(g.conflicts_with)] for g in kb.regimens],
            "criteria": [[c.indication_id, c.doc_id] for c in kb.criteria]}


class FragmentStore:
    """Fragments in <cache>/fragments/<key>/: meta.json, <table>.jsonl, side.json, review.json, images/."""

    def __init__(self, folder: Path):
        self.folder = Path(folder) / "fragments"

    def path(self, key: str) -> Path:
        return self.folder / key

    def meta(self, key: str) -> dict | None:
        try:
            meta = json.loads((self.path(key) / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) and meta.get("format") == FORMAT and meta.get("key") == key else None

    def _table(self, key: str, table: str) -> Path | None:
        """The fragment's file of a table; None when it has no rows. A fragment that vanished while
        the build ran (another build pruned a shared cache) fails the build: never rows silently missing."""
        if not (self.path(key) / "meta.json").is_file():
            raise OSError(errno.ENOENT, "a fragment of this build vanished from the cache while it ran",
                          str(self.path(key)))
        path = self.path(key) / f"{table}.jsonl"
        return path if path.exists() else None

    def lines(self, key: str, table: str):
        """The table's rows of one fragment, as JSON lines (no newline), in order."""
        path = self._table(key, table)
        if path is None:
            return
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\n")

    def text(self, key: str, table: str) -> str:
        """The table's rows of one fragment as its file holds them: JSON lines, each ending with a newline."""
        path = self._table(key, table)
        return path.read_text(encoding="utf-8") if path else ""

    def side(self, key: str) -> dict:
        return from_json(json.loads((self.path(key) / "side.json").read_text(encoding="utf-8")))

    def review(self, key: str) -> dict:
        return json.loads((self.path(key) / "review.json").read_text(encoding="utf-8"))

    def save(self, key: str, meta: dict, table_lines: dict[str, list[str]], side: dict, review: dict,
             images: dict[str, bytes]) -> None:
        """Written into a fresh folder, then renamed into place: a killed build leaves no half fragment."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=self.folder, prefix=".tmp-"))
        try:
            for table, found in table_lines.items():
                if found:
                    (tmp / f"{table}.jsonl").write_text("".join(x + "\n" for x in found), encoding="utf-8")
            (tmp / "side.json").write_text(json.dumps(to_json(side), ensure_ascii=False), encoding="utf-8")
            (tmp / "review.json").write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
            for name, data in images.items():
                (tmp / "images").mkdir(exist_ok=True)
                (tmp / "images" / Path(name).name).write_bytes(data)
            (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            target = self.path(key)
            shutil.rmtree(target, ignore_errors=True)
            os.rename(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def make_fragment(store: FragmentStore, key: str, group: list[DocumentResult], ledger: Ledger,
                  pdf_paths: dict[str, Path], previous: Path | None, review_parts) -> dict:
    """A document's fragment, made, checked and stored; returns its meta. review_parts(rows, images):
    the document's part of the review page (stream_review.fragment_review)."""
    parts = group_to_parts(group)
    kb, mine, rows = parts_to_tables(parts, ledger)
    check = DatasetCheck()
    # each row checked, then cleaned as both twins write it (a value the check refused becomes null)
    written = {name: [clean_row(name, check.row(name, n, row)) for n, row in enumerate(found, start=1)]
               for name, found in rows.items()}
    lines = {name: [json.dumps(row, ensure_ascii=False, allow_nan=False) for row in found]
             for name, found in written.items()}
    if parts.accounting is not None and parts.document.doc_id in kb.accounting:
        parts.accounting.update(kb.accounting[parts.document.doc_id])
    lines.update(flag_parts(lines["flags"], rows["flags"], len(tables.distinct_flags(list(parts.flags)))))
    images = crops_to_images(dataset_to_crops(rows), pdf_paths, previous)
    meta = _meta(key, parts, kb, mine, rows, check, images)
    # the regimens FHIR exports, their Dosage made and written here: the FHIR file is put together
    # from these at the end (export_stream.write_fhir)
    lines["fhir"] = [g["indication_id"] + "\t" + dosage_line(g) for g in written["regimens"]
                     if g["indication_id"] and is_exported(g)]
    side = ({"regimens": kb.regimens, "criteria": kb.criteria} if meta["circular"] else
            {"statements": parts.statements, "regimens": kb.regimens, "criteria": kb.criteria})
    store.save(key, meta, lines, side, review_parts(rows, set(images)), images)
    return meta


# The flags table lists, as a whole-in-memory build did: every document's flags of reading, then the
# adverse effects' flags, then the review flags of every document's rows, then of their regimens, then
# of their thresholds, then the flags of no document. A fragment keeps its flags in these parts.
FLAG_PARTS = ("flags.read", "flags.source_rows", "flags.regimens", "flags.criteria")


def flag_parts(lines: list[str], flags: list[dict], read: int) -> dict[str, list[str]]:
    """A document's flags (its reading's first, `read` of them, then its review flags by table) ->
    the parts of the flags table."""
    out = {name: [] for name in FLAG_PARTS}
    out["flags.read"] = lines[:read]
    for line, flag in zip(lines[read:], flags[read:]):
        out[f"flags.{flag['table']}"].append(line)
    return out


def dosage_line(regimen: dict) -> str:
    """One exported regimen as the FHIR file needs it: what groups it (population, phase and their
    labels), its Dosage as JSON text (indented as the file is) and the dose problems found in it."""
    dosage = regimen_to_dosage(regimen)
    return json.dumps({**{k: regimen[k] for k in ("regimen_id", "population", "population_label", "phase",
                                                  "phase_label")},
                       "text": json.dumps(dosage, ensure_ascii=False, indent=1, allow_nan=False),
                       "problems": fhir_problems(dosage, "@")}, ensure_ascii=False)


def _meta(key: str, parts: Parts, kb, mine: Ledger, rows: dict, check: DatasetCheck, images: dict) -> dict:
    """What the build's global state needs of the document (running.py), and its check's outcome."""
    doc = parts.document
    return {
        "format": FORMAT, "key": key, "doc_id": doc.doc_id, "circular": parts.accounting is not None,
        "lang": doc.lang, "notes": list(doc.notes), "files": [{"file": x.file, "sha256": x.sha256} for x in doc.renditions],
        "accounting": parts.accounting, "counts": {name: len(found) for name, found in rows.items()},
        "review_flags": sum(1 for f in rows["flags"] if f["severity"] == "review"),
        "problems": check.result(), "traces": _traces(kb),
        # what its rows point at in the global tables, for the check of references across tables
        "pointers": {f"{t}.{c}": sorted(map(str, v)) for (t, c), v in check.pointers.items() if t in rows and v},
        "outcomes": [dataclasses.asdict(o) for o in mine.report()],
        "indications": sorted({x.indication_id for x in (*kb.rows, *kb.regimens, *kb.criteria) if x.indication_id}),
        "images": sorted(images),
    }


def link_or_copy(source: Path, target: Path) -> None:
    """A file of the cache into the staged folder: hard-linked (no bytes copied), else copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def keep_only(store: FragmentStore, keys: set[str]) -> None:
    """After a build into its own cache (the output's default, which the output's lock guards), the
    fragments it did not use (documents changed or gone) are removed: that cache holds one fragment
    per document of the last build. A cache given as build(cache_dir=...) may serve several outputs:
    never pruned."""
    if store.folder.is_dir():
        for path in store.folder.iterdir():
            if path.name not in keys and not path.name.startswith(".tmp-"):
                shutil.rmtree(path, ignore_errors=True)


def remove_stale_temporaries(store: FragmentStore) -> None:
    """Half-written fragments a killed build left (their names start with .tmp-)."""
    if store.folder.is_dir():
        for path in store.folder.glob(".tmp-*"):
            with contextlib.suppress(OSError):
                shutil.rmtree(path)
