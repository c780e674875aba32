"""The curated tables -> review.html: every flagged row, regimen, threshold and statement, the source
beside the reading, filters, and a correction ready to paste for each.

One self-contained page (its style and script inline, no network) beside the images of the flagged
rows of a PDF rendition (review/*.png, cut by pipeline.pdf.crops). Persian right-to-left, Chinese
and English left-to-right, every quoted fragment isolated. Built from the same row dicts the build
exports, so that the page and the data cannot disagree; the counts at its top are the build
summary's. `ivig-kb review --against DIR` adds what changed since another build.
"""
from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from pathlib import Path

from ..pdf.crops import FOLDER, dataset_to_crops
from . import items as it
from .assets import CSS, JS
from .words import block, inline, spans_in_raw

TABLES = ("documents", "source_rows", "regimens", "criteria", "indications", "corrections", "statements", "flags")


class _Page:
    """A dataset indexed the ways its sections read it."""

    def __init__(self, dataset: dict[str, list[dict]], images: set[str] | None):
        self.dataset = dataset
        self.rows = {r["row_id"]: r for r in dataset.get("source_rows", [])}
        self.statements = {s["statement_id"]: s for s in dataset.get("statements", [])}
        self.of_row: dict[str, list[dict]] = defaultdict(list)
        for table in ("regimens", "criteria"):
            for item in dataset.get(table, []):
                self.of_row[(item.get("row_ids") or [""])[0]].append(item)
        self.images: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for crop in dataset_to_crops(dataset):
            if images is None or crop.file in images:
                self.images[crop.row_id].append((crop.file, crop.page))

    def spans(self, row_id: str, only: dict | None = None) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for item in [only] if only else self.of_row.get(row_id, []):
            out[item.get("source_field")].append((item.get("span_start"), item.get("span_end")))
        return out

    def row_section(self, row: dict) -> str:
        rid = row["row_id"]
        return (f'<section {it.attributes(row, "row", rid)}><h3>Row {row["row_number"]} · page {row.get("page")} · '
                f'{escape(row.get("indication_id") or "no indication")}</h3>'
                f'<p class="meta">{escape(rid)} · {escape(", ".join(row.get("renditions") or []))}</p>'
                f'{it.reasons(row)}{it.images(row, self.images)}<div class="pair">'
                f'<div class="as-read"><p class="meta">cells as read, the words of each regimen and threshold marked'
                f'</p>{it.cells(row, self.spans(rid))}{self.lines(row)}</div>'
                f'<div class="reading">{it.readings(self.of_row.get(rid, []))}</div>'
                f'</div>{it.correction("source_rows", row, it.row_expect(row))}</section>')

    def lines(self, row: dict) -> str:
        """The text rendition's cells as they stand in the file, the words read marked there too."""
        if not (row.get("raw_text") and row.get("lines")):
            return ""
        spans = self.spans(row["row_id"])
        cells = "".join(
            f'<p class="meta">{cell}</p>' + block(row[f"raw_{cell}"], spans_in_raw(
                row.get(f"{cell}_text") or "", row[f"raw_{cell}"], spans.get(cell, [])), tag="pre")
            for cell in it.CELLS if row.get(f"raw_{cell}"))
        lines = ", ".join(map(str, row["lines"]))
        shown = "" if self.images.get(row["row_id"]) else " open"  # the source itself when no image shows it
        return (f'<details class="lines"{shown}><summary>text rendition, line {lines}, as in the file</summary>'
                f"{cells}</details>")

    def item_section(self, table: str, item: dict) -> str:
        kind, id_column = it.TARGET[table]
        first = (item.get("row_ids") or [""])[0]
        row = self.rows.get(first)
        span = [(item.get("span_start"), item.get("span_end"))]
        if row is not None:
            cell, where = row.get(f"{item['source_field']}_text"), f"row {row['row_number']} · {item['source_field']}"
        elif first in self.statements:
            cell, where = self.statements[first].get("text"), "article"
        else:  # the words alone, all of them read
            cell, where, span = item.get("source_text"), "", [(0, len(item.get("source_text") or ""))]
        title = "Regimen" if table == "regimens" else "Threshold"
        image = it.images(row, self.images) if row is not None else ""
        return (f'<section {it.attributes(item, "regimen" if table == "regimens" else "criterion", item[id_column])}>'
                f'<h3>{title} · {escape(item.get("indication_id") or "")} · {escape(where)}</h3>'
                f'<p class="meta">{escape(item[id_column])}</p>{it.reasons(item)}'
                f'{image}<div class="pair"><div class="as-read">{block(cell, span)}</div>'
                f'<div class="reading">{it.values(table, item)}</div></div>'
                f'{it.correction(table, item, item.get("source_text"))}</section>')


def _statement_section(statement: dict) -> str:
    return (f'<section {it.attributes(statement, "statement", statement["statement_id"])}>'
            f'<h3>Statement · {escape(statement.get("kind") or "")} · {escape(statement.get("indication_id") or "")}</h3>'
            f'<p class="meta">{escape(statement["statement_id"])} · {inline(statement.get("section") or "")}</p>'
            f'{it.reasons(statement)}{block(statement.get("text"))}</section>')


def _summary(dataset: dict) -> str:
    flagged: dict[str, int] = defaultdict(int)
    for table in ("source_rows", "regimens", "criteria", "statements"):
        for item in dataset.get(table, []):
            if item.get("needs_review"):
                flagged[item.get("indication_id")] += 1
    rows = "".join(
        f'<tr data-filterable data-indication="{escape(i["indication_id"])}" data-doc="{escape(" ".join(i.get("doc_ids") or []))}">'
        f'<td>{escape(i["indication_id"])}</td><td>{escape(i.get("name_en") or "")}</td>'
        f'<td>{block(i.get("name_fa"))}</td><td>{escape(i.get("icd10") or "")}</td><td>{len(i.get("row_ids") or [])}</td>'
        f'<td>{i.get("regimen_count", 0)}</td><td>{i.get("conflict_count", 0)}</td>'
        f'<td>{flagged.get(i["indication_id"], 0)}</td></tr>' for i in dataset.get("indications", []))
    return ("<table><tr><th>indication</th><th>English</th><th>Persian</th><th>ICD-10</th><th>rows</th>"
            f"<th>regimens</th><th>conflicts</th><th>flagged</th></tr>{rows}</table>")


def _counts(dataset: dict, to_review: int) -> str:
    """The build summary's figures: documents, rows, statements, regimens, flags (for review)."""
    flags = dataset.get("flags", [])
    figures = [("documents", len(dataset.get("documents", []))), ("rows", len(dataset.get("source_rows", []))),
               ("statements", len(dataset.get("statements", []))), ("regimens", len(dataset.get("regimens", []))),
               ("flags", len(flags)), ("for review", sum(1 for f in flags if f.get("severity") == "review")),
               ("items to review", to_review)]
    return '<ul id="counts">' + "".join(
        f'<li><b id="count-{name.replace(" ", "-")}">{n}</b> {name}</li>' for name, n in figures) + "</ul>"


def _filters(dataset: dict, flagged: list[dict]) -> str:
    codes = sorted({c for item in flagged for c in it.codes(item)} | {f["code"] for f in dataset.get("flags", [])})
    docs = sorted(d["doc_id"] for d in dataset.get("documents", []))
    indications = sorted({i.get("indication_id") for i in flagged if i.get("indication_id")})

    def select(name: str, label: str, options: list[str]) -> str:
        return (f'<label>{label} <select name="{name}"><option value="">all</option>'
                + "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in options) + "</select></label>")

    return (f'<form id="filters">{select("code", "flag", codes)}{select("doc", "document", docs)}'
            f'{select("indication", "indication", indications)}<span><b id="shown">{len(flagged)}</b> items shown'
            "</span></form>")


def _changes(found: list, against: str) -> str:
    from ..diff.render import change_line

    lines = "".join(f'<li data-filterable data-indication="{escape(c.indication_id or "")}" '
                    f'data-doc="{escape(c.doc_id or "")}">{inline(change_line(c))}</li>' for c in found)
    return (f'<h2 id="changes">Changes since {escape(against)} ({len(found)})</h2>'
            f'<ul class="changes">{lines or "<li>no changes</li>"}</ul>')


def _sections(page: _Page, flagged: dict[str, list[dict]]) -> list[str]:
    return [f"<h2>Rows to review ({len(flagged['source_rows'])})</h2>", *map(page.row_section, flagged["source_rows"]),
            f"<h2>Regimens to review ({len(flagged['regimens'])})</h2>",
            *(page.item_section("regimens", g) for g in flagged["regimens"]),
            f"<h2>Thresholds to review ({len(flagged['criteria'])})</h2>",
            *(page.item_section("criteria", c) for c in flagged["criteria"]),
            f"<h2>Article statements to review ({len(flagged['statements'])})</h2>",
            *map(_statement_section, flagged["statements"])]


def _listed(flags: list[dict]) -> str:
    """Flags that belong to no row or regimen: the documents', the corrections' outcomes."""
    return "<ul>" + "".join(f'<li data-filterable data-code="{escape(f["code"])}" data-codes="{escape(f["code"])}" '
                            f'data-doc="{escape(f.get("doc_id") or "")}">{inline(f["message"])}</li>'
                            for f in flags) + "</ul>"


def review_html(dataset: dict[str, list[dict]], manifest: dict, images: set[str] | None = None,
                changes: list | None = None, against: str | None = None) -> str:
    """The review page for a built dataset (its tables as row dicts, its manifest, the review images
    written beside it, and optionally its changes since another build)."""
    page = _Page(dataset, images)
    flagged = {t: [x for x in dataset.get(t, []) if x.get("needs_review")] for t in
               ("source_rows", "regimens", "criteria", "statements")}
    everything = [x for xs in flagged.values() for x in xs]
    stale = [o for o in dataset.get("corrections", []) if o.get("status") != "applied"]
    other = [f for f in dataset.get("flags", []) if f.get("table") not in ("source_rows", "regimens", "criteria",
                                                                            "corrections")]
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<title>ivig-kb review</title>", f"<style>{CSS}</style></head><body>",
        "<h1>ivig-kb: what the pipeline doubted</h1>",
        f'<p class="meta">pipeline {escape(str(manifest.get("pipeline_version")))} · data '
        f'{escape(str(manifest.get("data_version")))}</p>', _counts(dataset, len(everything)),
        _changes(changes, against or "the previous build") if changes is not None else "",
        _filters(dataset, everything), *_sections(page, flagged),
        "<h2>Indications</h2>", _summary(dataset),
        f"<h2>Documents ({len(other)} flags)</h2>", _listed(other), f"<h2>Corrections not applied ({len(stale)})</h2>",
        _listed([{"code": f"correction_{o['status']}", "message": f"{o['correction_id']}: {o['status']}, {o['message']}"}
                 for o in stale]),
        f"<script>{JS}</script></body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def review_folder(folder: str | Path, against: str | Path | None = None) -> Path:
    """Write review.html for an existing curated folder (from its JSON tables and the images beside
    it); with against, the page also lists what changed since that build. Returns its path."""
    from ..export import write_file_atomically

    folder = Path(folder)
    dataset = {}
    for name in TABLES:
        path = folder / f"{name}.json"
        if path.exists():
            dataset[name] = json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    images = {p.relative_to(folder).as_posix() for p in (folder / FOLDER).glob("*.png")}
    found = None
    if against is not None:
        from ..diff import changes

        found = changes(against, folder)
    target = folder / "review.html"
    write_file_atomically(target, review_html(dataset, manifest, images, found, str(against) if against else None))
    return target
