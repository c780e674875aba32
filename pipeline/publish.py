"""Fragments + the running state -> curated/: the build's last stage.

The global tables are made from the running state (running.py); then, in export.py's staged folder,
every table is written (the documents' tables streamed from their fragments, export_stream.py), the
FHIR file, the descriptions, the manifest, the row images (hard-linked from the fragments) and the
review page; the pre-swap check covers the global tables and the references between tables (each
fragment checked its own rows when it was made), and only a dataset that passes is swapped in.
"""
from __future__ import annotations

from pathlib import Path

from . import export, export_stream
from .check import DatasetCheck
from .documents import duplicates_to_flags
from .export_stream import FHIR_FILE, checked_rows, raise_problems, write_fhir
from .fragments import FLAG_PARTS, FragmentStore, link_or_copy
from .running import Running, global_tables
from .stream_review import write_review

# the curated tables in the dataset's order
ORDER = ("documents", "source_rows", "regimens", "indications", "criteria", "statements", "links", "references",
         "adverse_effects", "corrections", "flags", "labels")
_GLOBAL = ("indications", "links", "adverse_effects", "corrections", "labels")


def _circular_sides(store: FragmentStore, metas: list[dict]):
    """indication ids -> the circulars' regimens and criteria of those indications, read from the
    fragments of the circulars that state one of them (the links compare only these)."""
    def sides(wanted: set[str]):
        regimens, criteria = [], []
        for m in (m for m in metas if m["circular"] and wanted & set(store.meta(m["key"])["indications"])):
            side = store.side(m["key"])
            regimens += [g for g in side["regimens"] if g.indication_id in wanted]
            criteria += [c for c in side["criteria"] if c.indication_id in wanted]
        return regimens, criteria
    return sides


def _counts(metas: list[dict], glob: dict) -> dict[str, int]:
    counts = {name: sum(m["counts"].get(name, 0) for m in metas) for name in ORDER}
    counts.update({name: len(glob[name]) for name in _GLOBAL})
    counts["flags"] += len(glob["flags"])
    return counts


def write_streamed(out_dir: Path, store: FragmentStore, running: Running, ledger, left_out: list, duplicates: list,
                   partitioned: bool) -> dict:
    """The global tables made from the running state, then everything written into a staged folder,
    checked, and swapped in. Returns the report's figures."""
    metas = running.metas
    frag_keys = [(m["key"], m["doc_id"]) for m in metas]
    articles = [store.side(m["key"]) for m in metas if not m["circular"]]
    glob = global_tables(running, ledger, articles, _circular_sides(store, metas), left_out,
                         duplicates_to_flags(duplicates))
    counts = _counts(metas, glob)
    manifest = _manifest(metas, left_out, counts)
    review_flags = sum(m["review_flags"] for m in metas) + sum(1 for f in glob["flags"] if f["severity"] == "review")
    with export.staged(Path(out_dir)) as stage:
        _write_tables(stage, store, frag_keys, glob, articles, running, partitioned)
        export.write_descriptions(stage, {name: [None] * counts[name] for name in ORDER})
        export.write_json(stage / "manifest.json", manifest)
        for m in metas:
            for image in m["images"]:
                link_or_copy(store.path(m["key"]) / "images" / Path(image).name, stage / image)
        # each document's review page (made with its fragment), then the index from their summaries
        write_review(stage, store, [(m["key"], m["doc_id"], m["images"]) for m in metas], manifest,
                     glob["indications"], glob["flags"], glob["corrections"])
    return _figures(counts, review_flags, left_out, duplicates, glob["corrections"], manifest)


def _write_tables(stage: Path, store: FragmentStore, frag_keys: list, glob: dict, articles: list,
                  running: Running, partitioned: bool) -> None:
    """Every table and the FHIR file, checked: raises InvalidDatasetError (nothing published) on a problem."""
    metas = running.metas
    check = DatasetCheck()
    problems = [p for m in metas for p in m["problems"]]
    tail = checked_rows(check, "flags", glob["flags"])
    for name in ORDER:
        if name in _GLOBAL:
            export.write_table(stage, name, glob[name], partitioned, check)
        else:
            export_stream.write_fragment_table(stage, name, store, sorted(frag_keys, key=lambda k: k[1]) if name == "documents"
                                               else frag_keys, partitioned, (), not problems,
                                               _flag_sections(tail, glob["effect_flags"]) if name == "flags" else None)
    _references(check, running, metas, articles)
    problems += check.result()
    if len({k[1] for k in frag_keys}) != len(frag_keys):
        problems.append("documents: a doc_id repeats an earlier document's")
    problems += write_fhir(stage / FHIR_FILE, store, [k for k, _ in frag_keys], glob["indications"])
    raise_problems(problems)


def _flag_sections(tail: list[dict], effects: int) -> list:
    """The flags table in the order a whole-in-memory build wrote it: every document's reading flags,
    the adverse effects' flags, the documents' review flags of rows, of regimens, of thresholds, then
    the rest of the flags of no document (corrections, files left out or duplicated)."""
    read, *review = FLAG_PARTS
    return [read, tail[:effects], *review, tail[effects:]]


def _figures(counts: dict, review_flags: int, left_out: list, duplicates: list, outcomes: list[dict],
             manifest: dict) -> dict:
    return {
        "documents": counts["documents"], "rows": counts["source_rows"], "regimens": counts["regimens"],
        "statements": counts["statements"], "flags": counts["flags"], "needs_review": review_flags,
        "left_out": tuple({"file": x.file, "reason": x.reason} for x in left_out),
        "corrections": {s: sum(1 for o in outcomes if o["status"] == s) for s in ("applied", "stale", "invalid")},
        "accounting": manifest["accounting"],
        "duplicates": tuple({"file": d.file, "same_as": d.same_as} for d in duplicates),
        "corrections_not_applied": tuple({"id": o["correction_id"], "status": o["status"], "why": o["message"]}
                                         for o in outcomes if o["status"] != "applied"),
    }


def _references(check: DatasetCheck, running: Running, metas: list[dict], articles: list[dict]) -> None:
    """What the fragments' rows point at, for the check of references across tables: every document
    and statement, and the values the fragments' rows point with (each fragment checked its own
    rows, and the references among them, when it was made)."""
    check.tables |= {"documents", "statements"}
    check.keys[("documents", "doc_id")] |= {m["doc_id"] for m in metas}
    check.keys[("statements", "statement_id")] |= {s.statement_id for a in articles for s in a["statements"]}
    for name, values in running.pointers.items():
        table, _, column = name.partition(".")
        check.tables.add(table)
        check.pointers[(table, column)] |= values


def _manifest(metas: list[dict], left_out: list, counts: dict) -> dict:
    """What was built from what: versions, each document's files and hashes, counts. No timestamps."""
    from .lexicon import data_version
    from .version import PIPELINE_VERSION

    return {
        "pipeline_version": PIPELINE_VERSION, "data_version": data_version(),
        "documents": [{"doc_id": m["doc_id"], "files": m["files"]} for m in sorted(metas, key=lambda m: m["doc_id"])],
        "left_out": [{"file": x.file, "reason": x.reason} for x in left_out],
        "accounting": {m["doc_id"]: m["accounting"] for m in metas if m["circular"]},
        "tables": {name: counts[name] for name in ORDER},
    }
