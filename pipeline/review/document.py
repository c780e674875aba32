"""One document's tables -> its review page, review/<doc_id>.html: every flagged row, regimen,
threshold and statement of the document, the source beside the reading, and a correction for each.

The page is made from that document's slice of the tables alone (documents: its row; source_rows,
regimens, criteria, statements, flags: its own), so that a build can write it as soon as the
document is reconciled. Its row images stand beside it in the same folder (review/*.png, cut by
pipeline.pdf.crops): a page links each by its file name."""
from __future__ import annotations

import posixpath
from collections import defaultdict
from html import escape

from ..pdf.crops import dataset_to_crops
from . import items as it
from . import parts
from .summary import ITEM_TABLES, PAGES, document_title, document_to_summary, flagged_items
from .words import block, inline, spans_in_raw

ITEM_FLAG_TABLES = ("source_rows", "regimens", "criteria", "corrections")  # flags shown under their item


class _Page:
    """A document's tables indexed the ways its sections read them."""

    def __init__(self, tables: dict[str, list[dict]], images: set[str] | None):
        self.rows = {r["row_id"]: r for r in tables.get("source_rows", [])}
        self.statements = {s["statement_id"]: s for s in tables.get("statements", [])}
        self.of_row: dict[str, list[dict]] = defaultdict(list)
        for table in ("regimens", "criteria"):
            for item in tables.get(table, []):
                self.of_row[(item.get("row_ids") or [""])[0]].append(item)
        self.images: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for crop in dataset_to_crops(tables):
            if images is None or crop.file in images:  # linked from the page, which stands in PAGES
                self.images[crop.row_id].append((posixpath.relpath(crop.file, PAGES), crop.page))

    def spans(self, row_id: str) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for item in self.of_row.get(row_id, []):
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


def _sections(page: _Page, flagged: dict[str, list[dict]]) -> list[str]:
    return [f"<h2>Rows to review ({len(flagged['source_rows'])})</h2>", *map(page.row_section, flagged["source_rows"]),
            f"<h2>Regimens to review ({len(flagged['regimens'])})</h2>",
            *(page.item_section("regimens", g) for g in flagged["regimens"]),
            f"<h2>Thresholds to review ({len(flagged['criteria'])})</h2>",
            *(page.item_section("criteria", c) for c in flagged["criteria"]),
            f"<h2>Article statements to review ({len(flagged['statements'])})</h2>",
            *map(_statement_section, flagged["statements"])]


def _filters(flagged: list[dict], flags: list[dict]) -> str:
    codes = sorted({c for item in flagged for c in it.codes(item)} | {f["code"] for f in flags})
    indications = sorted({i.get("indication_id") for i in flagged if i.get("indication_id")})
    return parts.filters([parts.select("code", "flag", codes, key="codes"),
                          parts.select("indication", "indication", indications)], len(flagged), "items")


def _heading(document: dict, summary) -> list[str]:
    kind = escape(document.get("kind_label") or document.get("kind") or "")
    figures = [("rows", summary.rows), ("statements", summary.statements), ("regimens", summary.regimens),
               ("flags", summary.flags), ("for review", summary.flags_review),
               ("items to review", summary.items_to_review)]
    return [parts.head(f"ivig-kb review · {summary.doc_id}", ""),
            '<nav><a href="../review.html" id="index">all documents</a></nav>',
            f'<h1>{block(document_title(document) or summary.doc_id, tag="bdi")}</h1>',
            f'<p class="meta">{escape(summary.doc_id)} · {kind} · '
            f'{escape(", ".join(document.get("renditions") or []))}</p>', parts.counts(figures)]


def document_to_review_page(doc_tables: dict[str, list[dict]], images: set[str] | None = None,
                            changes: list | None = None, against: str | None = None) -> str:
    """A document's review page (review/<doc_id>.html, see page_file) from its slice of the tables.

    images: the row images written (paths inside the curated folder, review/*.png); None takes every
    image the rows would have. changes: this document's Change records since another build."""
    flagged = {t: [x for x in doc_tables.get(t, []) if x.get("needs_review")] for t in ITEM_TABLES}
    own = [f for f in doc_tables.get("flags", []) if f.get("table") not in ITEM_FLAG_TABLES]
    out = [
        *_heading((doc_tables.get("documents") or [{}])[0], document_to_summary(doc_tables)),
        (f'<h2 id="changes">Changes since {escape(against or "the previous build")} ({len(changes)})</h2>'
         + parts.change_list(changes)) if changes is not None else "",
        _filters(flagged_items(doc_tables), doc_tables.get("flags", [])),
        *_sections(_Page(doc_tables, images), flagged),
        f"<h2>The document's own flags ({len(own)})</h2>", parts.listed(own), parts.tail(""),
    ]
    return "\n".join(p for p in out if p)
