"""Flagged rows, regimens, thresholds and statements -> their sections of the review page: the
source (the row's image cut from the PDF, the text's lines) beside the reading (the cells as read,
the regimens and thresholds with their fields), the reasons, and a correction ready to paste."""
from __future__ import annotations

import json
from html import escape

from .words import block, inline

CELLS = ("indication", "contraindication", "dosing", "conditions", "recommendations", "unplaced")
REGIMEN_VALUES = ("dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_basis", "course_days_low", "course_days_high",
                  "every_low", "every_high", "every_unit", "doses_count_low", "doses_count_high",
                  "infusion_hours_low", "infusion_hours_high", "max_total_mg_per_kg", "phase", "population",
                  "evidence", "indication_id")
CRITERION_VALUES = ("analyte", "op", "value_low", "value_high", "unit", "kind", "indication_id")
TARGET = {"source_rows": ("row", "row_id"), "regimens": ("regimen", "regimen_id"), "criteria": ("criterion", "criterion_id")}


def codes(item: dict) -> list[str]:
    """The codes of the item's review reasons (its review_codes column, never parsed from the text)."""
    return sorted(set(_codes_of(item)))


def attributes(item: dict, kind: str, item_id: str) -> str:
    """The section's id and what the filters read: its flag codes, document and indication."""
    return (f'class="item" id="{escape(item_id)}" data-kind="{kind}" data-filterable data-counted '
            f'data-codes="{escape(" ".join(codes(item)))}" data-doc="{escape(item.get("doc_id") or "")}" '
            f'data-indication="{escape(item.get("indication_id") or "")}"')


def _codes_of(item: dict) -> list[str]:
    """The reasons' codes: the review_codes column, or for a dataset built before it had one (a review
    --against an older build), the code each text starts with."""
    if item.get("review_codes") is not None:
        return list(item["review_codes"])
    return [r.split(":", 1)[0] for r in item.get("review_reasons") or []]


def reasons(item: dict) -> str:
    out = ""
    if item.get("review_reasons"):
        out += '<ul class="reasons">' + "".join(
            f'<li data-code="{escape(code)}">{inline(r)}</li>'
            for r, code in zip(item["review_reasons"], _codes_of(item), strict=True)) + "</ul>"
    if item.get("reviewed_reasons"):
        out += '<ul class="reviewed">' + "".join(f"<li>{inline(r)}</li>" for r in item["reviewed_reasons"]) + "</ul>"
    return out


def values(table: str, item: dict) -> str:
    """The item's fields as the diff names them (dose 200-400 mg/kg, interval 3-4 wk ...)."""
    from ..diff.fields import field_value, spec

    pairs = [(name, field_value(item, field)) for name, field in spec()["fields"][table].items()]
    return "<dl>" + "".join(f"<dt>{escape(n)}</dt><dd>{inline(v)}</dd>" for n, v in pairs if v is not None) + "</dl>"


def correction(table: str, item: dict, expect: str | None) -> str:
    """The corrections.yaml entry for the item, its id and words filled in: marks it reviewed as it
    stands; uncomment `set` to change a value."""
    key, id_column = TARGET[table]
    item_id = item[id_column]
    lines = [f"- id: {key}-{item_id.rsplit('-', 1)[-1]}", f"  {key}: {item_id}"]
    if expect:
        lines.append(f"  expect: {json.dumps(expect, ensure_ascii=False)}")
    if table == "source_rows":
        lines.append(f"  # set: {{indication_id: {item.get('indication_id') or '...'}}}")
    else:
        names = REGIMEN_VALUES[:3] if table == "regimens" else CRITERION_VALUES[1:4]
        current = ", ".join(f"{n}: {json.dumps(item.get(n), ensure_ascii=False)}" for n in names)
        lines.append(f"  # set: {{{current}}}")
    lines += ["  reviewed: true", "  reason: ", "  by: "]
    return (f'<details class="fix"><summary>correction for corrections.yaml</summary>'
            f'<pre>{escape(chr(10).join(lines))}</pre></details>')


def row_expect(row: dict) -> str | None:
    """Words of the row a correction quotes: its indication cell, else its first cell with text."""
    for cell in CELLS:
        text = row.get(f"{cell}_text")
        if text:
            return text[:60].rsplit(" ", 1)[0] if len(text) > 60 else text
    return None


def images(row: dict, found: dict[str, list[tuple[str, int]]]) -> str:
    """The row as printed: its region of each PDF page it stands on (empty for a text rendition);
    found holds each image's link from the page."""
    out = [f'<figure><img src="{escape(file)}" alt="row {row.get("row_number")} as printed, page {page}" '
           f'data-row="{escape(row["row_id"])}"><figcaption>the row as printed, PDF page {page}</figcaption></figure>'
           for file, page in found.get(row.get("row_id"), [])]
    if row.get("pdf_bbox_pages") and not out:
        out.append('<p class="meta">the image of this row could not be made</p>')
    return f'<div class="source">{"".join(out)}</div>' if out else ""


def cells(row: dict, spans: dict[str, list[tuple[int, int]]]) -> str:
    body = "".join(f"<tr><th>{c}</th><td>{block(row.get(c + '_text'), spans.get(c, []))}</td></tr>"
                   for c in CELLS if row.get(c + "_text"))
    return f"<table>{body}</table>"


def readings(items: list[dict]) -> str:
    """The regimens and thresholds read from a row, each with its fields."""
    out = []
    for item in items:
        table = "regimens" if "regimen_id" in item else "criteria"
        title = f"{'regimen' if table == 'regimens' else 'threshold'} · {item['source_field']}"
        flag = " · <b>to review</b>" if item.get("needs_review") else ""
        out.append(f"<div><p class=\"meta\">{escape(title)}{flag}</p>{values(table, item)}"
                   f"{block(item.get('source_text'), tag='p')}</div>")
    return '<div class="readings">' + "".join(out) + "</div>" if out else ""
