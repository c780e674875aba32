"""review.html, streamed: each document's sections made with its fragment (fragment_review), the page
assembled at the end from the fragments' sections and the build's totals (write_review), the same
bytes as review.review_html of the whole dataset.

This is the seam for the review page split into an index and one page per document: the build calls
fragment_review once per document (with that document's labelled rows and images) and write_review
once at the end; a per-document page writer and an index slot in here.
"""
from __future__ import annotations

import contextlib
import shutil
from collections import Counter
from html import escape
from pathlib import Path

from .review import _counts, _filters, _listed, _Page, _statement_section, _summary
from .review import items as it
from .review.assets import CSS, JS

_SECTIONS = ("source_rows", "regimens", "criteria", "statements")
_OWN = ("source_rows", "regimens", "criteria", "corrections")  # tables whose flags show as sections


def fragment_review(rows: dict[str, list[dict]], images: set[str]) -> dict:
    """One document's part of the review page: its sections, the flags of no row, what the filters list."""
    flagged = {t: [x for x in rows.get(t, []) if x.get("needs_review")] for t in _SECTIONS}
    everything = [x for xs in flagged.values() for x in xs]
    return {
        **_sections_of(_Page(rows, images), flagged),
        "other": [{"code": f["code"], "message": f["message"], "doc_id": f.get("doc_id")}
                  for f in rows.get("flags", []) if f.get("table") not in _OWN],
        # what the filters list: the items' codes and the flags' (one set on the page)
        "codes": sorted({c for item in everything for c in it.codes(item)} | {f["code"] for f in rows.get("flags", [])}),
        "indications": dict(Counter(x.get("indication_id") for x in everything)),
    }


def _sections_of(page: _Page, flagged: dict[str, list[dict]]) -> dict[str, list[str]]:
    return {"source_rows": [page.row_section(r) for r in flagged["source_rows"]],
            "regimens": [page.item_section("regimens", g) for g in flagged["regimens"]],
            "criteria": [page.item_section("criteria", c) for c in flagged["criteria"]],
            "statements": [_statement_section(s) for s in flagged["statements"]]}


def flags_other(flags: list[dict]) -> list[dict]:
    return [f for f in flags if f.get("table") not in _OWN]


def write_review(path: Path, parts, manifest: dict, totals: dict, flag_codes: set[str], doc_ids: list[str],
                 indications: list[dict], corrections: list[dict], tail_flags: list[dict]) -> None:
    """The page from the fragments' parts (parts(): each fragment's fragment_review, in order), read
    once: their sections go to a spill file per group beside the page, so that only one fragment's
    part is held at a time, and are copied in after the figures at the page's top."""
    spills = {t: path.with_name(f".{path.name}-{t}") for t in _SECTIONS}
    try:
        counts, codes, other, flagged_ids = _tally(parts, flag_codes, tail_flags, spills)
        _write_page(path, spills, counts, codes, other, flagged_ids, manifest, totals, doc_ids, indications,
                    corrections)
    finally:
        for spill in spills.values():
            spill.unlink(missing_ok=True)


def _write_page(path: Path, spills: dict[str, Path], counts: Counter, codes: set, other: list, flagged_ids: dict,
                manifest: dict, totals: dict, doc_ids: list[str], indications: list[dict],
                corrections: list[dict]) -> None:
    to_review = sum(counts[t] for t in _SECTIONS)
    stale = [o for o in corrections if o.get("status") != "applied"]
    with open(path, "w", encoding="utf-8") as out:
        first = True

        def put(text: str) -> None:
            nonlocal first
            if text:
                out.write(text if first else "\n" + text)
                first = False

        for text in ("<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                     "<title>ivig-kb review</title>", f"<style>{CSS}</style></head><body>",
                     "<h1>ivig-kb: what the pipeline doubted</h1>",
                     f'<p class="meta">pipeline {escape(str(manifest.get("pipeline_version")))} · data '
                     f'{escape(str(manifest.get("data_version")))}</p>', _counts(_sized(totals), to_review),
                     _filters({"flags": [{"code": c} for c in sorted(codes)], "documents": [{"doc_id": d} for d in doc_ids]},
                              _flagged_stand_in(codes, flagged_ids, to_review))):
            put(text)
        titles = {"source_rows": "Rows to review", "regimens": "Regimens to review",
                  "criteria": "Thresholds to review", "statements": "Article statements to review"}
        for table in _SECTIONS:
            put(f"<h2>{titles[table]} ({counts[table]})</h2>")
            with open(spills[table], encoding="utf-8") as spill:
                shutil.copyfileobj(spill, out)  # each section written as a newline and its text
        summary = {"indications": indications,
                   "regimens": [x for i, n in flagged_ids.items() for x in [{"needs_review": True, "indication_id": i}] * n]}
        for text in ("<h2>Indications</h2>", _summary(summary), f"<h2>Documents ({len(other)} flags)</h2>",
                     _listed(other), f"<h2>Corrections not applied ({len(stale)})</h2>",
                     _listed([{"code": f"correction_{o['status']}",
                               "message": f"{o['correction_id']}: {o['status']}, {o['message']}"} for o in stale]),
                     f"<script>{JS}</script></body></html>"):
            put(text)
        out.write("\n")


def _tally(parts, flag_codes: set[str], tail_flags: list[dict], spills: dict[str, Path]
           ) -> tuple[Counter, set, list, dict]:
    """One pass over the fragments' parts: sections per table (written to their spill files), filter
    codes, flags of no row, flagged items per indication."""
    counts: Counter = Counter()
    flagged: Counter = Counter()
    codes, other = set(flag_codes), []
    handles = {t: open(spill, "w", encoding="utf-8") for t, spill in spills.items()}
    with contextlib.ExitStack() as stack:
        for handle in handles.values():
            stack.enter_context(handle)
        for part in parts():
            _take(part, handles, counts, flagged, codes, other)
    return counts, codes, other + flags_other(tail_flags), dict(flagged)


def _take(part: dict, handles: dict, counts: Counter, flagged: Counter, codes: set, other: list) -> None:
    for t in _SECTIONS:
        counts[t] += len(part[t])
        handles[t].write("".join("\n" + section for section in part[t] if section))
    flagged.update({i: n for i, n in part["indications"].items() if i and i != "null"})
    codes |= set(part["codes"])
    other += part["other"]


def _sized(totals: dict) -> dict:
    """What _counts reads of a dataset (its tables' lengths, the flags' severities), from the totals."""
    return {"documents": [None] * totals["documents"], "source_rows": [None] * totals["source_rows"],
            "statements": [None] * totals["statements"], "regimens": [None] * totals["regimens"],
            "flags": [{"severity": "review"}] * totals["review_flags"] + [{}] * (totals["flags"] - totals["review_flags"])}


def _flagged_stand_in(codes: set[str], indications: dict, to_review: int) -> list[dict]:
    """What _filters reads of the flagged items: their indications and how many there are (the item
    codes are already among the flag codes given beside them)."""
    items = [{"indication_id": i} for i in sorted(indications)]
    return items + [{}] * max(0, to_review - len(items))
