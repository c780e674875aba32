"""The curated tables -> review.html: every flagged row, regimen and threshold, with its words.

A self-contained page (no external files, no script): Persian right-to-left, Chinese and English
left-to-right; the words a value was read from highlighted in their cell; the values read; the
reasons; a summary per indication. Built from the same row dicts the build exports, so the page and
the data cannot disagree.
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

_CSS = """
body{font-family:"DejaVu Sans",Tahoma,sans-serif;margin:1.5em;color:#222;line-height:1.5}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .5em;vertical-align:top}
th{background:#f4f4f4;text-align:start}.item{border:1px solid #ddd;border-radius:4px;margin:1em 0;padding:.6em}
.item h3{font-size:1em;margin:0 0 .4em}.reasons li{color:#8a1c1c}.meta{color:#666;font-size:.9em}
[lang=fa]{direction:rtl;unicode-bidi:isolate;text-align:right;font-size:1.05em}
[lang=zh]{direction:ltr;unicode-bidi:isolate}mark{background:#ffe08a}.reviewed li{color:#2a6b2a}
dl{display:grid;grid-template-columns:max-content auto;gap:.1em .8em;margin:.4em 0}dt{color:#555}dd{margin:0}
"""
_VALUES = ("dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_basis", "course_days_low", "course_days_high",
           "every_low", "every_high", "every_unit", "doses_count_low", "doses_count_high", "infusion_hours_low",
           "infusion_hours_high", "max_total_mg_per_kg", "phase", "population", "evidence", "indication_id")
_CRITERION_VALUES = ("analyte", "op", "value_low", "value_high", "unit", "kind", "indication_id")


def _lang(text: str | None) -> str:
    if not text:
        return "en"
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        return "fa"
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def _text(text: str | None, span: tuple[int | None, int | None] = (None, None)) -> str:
    """A cell's text in its language and direction, the span read from it highlighted."""
    text = text or ""
    start, end = span
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])
    else:
        body = escape(text)
    lang = _lang(text)
    return f'<p lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">{body}</p>'


def _reasons(item: dict) -> str:
    out = ""
    if item.get("review_reasons"):
        out += '<ul class="reasons">' + "".join(
            f'<li data-code="{escape(r.split(":")[0])}">{_text_inline(r)}</li>' for r in item["review_reasons"]) + "</ul>"
    if item.get("reviewed_reasons"):
        out += '<ul class="reviewed">' + "".join(f"<li>{_text_inline(r)}</li>" for r in item["reviewed_reasons"]) + "</ul>"
    return out


_QUOTED = re.compile(r"'([^']*)'")


def _text_inline(text: str) -> str:
    """An English message whose quoted source words keep their own direction."""
    if _lang(text) == "en":
        return escape(text)
    parts, last = [], 0
    for m in _QUOTED.finditer(text):
        lang = _lang(m.group(1))
        parts.append(escape(text[last:m.start()]))
        parts.append(f'\'<bdi lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">{escape(m.group(1))}</bdi>\'')
        last = m.end()
    if not parts:  # a bare value in another script (a name): isolate it whole
        lang = _lang(text)
        return f'<bdi lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">{escape(text)}</bdi>'
    return "".join(parts) + escape(text[last:])


def _values(item: dict, names: tuple[str, ...]) -> str:
    pairs = [(n, item.get(n)) for n in names if item.get(n) not in (None, [], "")]
    return "<dl>" + "".join(f"<dt>{escape(n)}</dt><dd>{_text_inline(str(v))}</dd>" for n, v in pairs) + "</dl>"


def _row_item(row: dict) -> str:
    cells = "".join(f"<tr><th>{c}</th><td>{_text(row.get(c + '_text'))}</td></tr>" for c in (
        "indication", "contraindication", "dosing", "conditions", "recommendations") if row.get(c + "_text"))
    return (f'<section class="item" id="{escape(row["row_id"])}" data-kind="row">'
            f'<h3>Row {row["row_number"]} · page {row.get("page")} · {escape(row.get("indication_id") or "")}</h3>'
            f'<p class="meta">{escape(row["row_id"])} · lines {", ".join(map(str, row.get("lines") or []))}</p>'
            f"{_reasons(row)}<table>{cells}</table></section>")


def _source(item: dict, rows: dict[str, dict], statements: dict[str, dict]) -> tuple[dict, str | None, tuple]:
    """The row (or article statement) an item was read from, its text, and the span read."""
    first = (item.get("row_ids") or [""])[0]
    span = (item.get("span_start"), item.get("span_end"))
    if first in rows:
        return rows[first], rows[first].get(f"{item['source_field']}_text"), span
    if first in statements:
        return {}, statements[first].get("text"), span
    return {}, item.get("source_text"), (None, None)


def _regimen_item(regimen: dict, rows: dict[str, dict], statements: dict[str, dict]) -> str:
    row, cell, span = _source(regimen, rows, statements)
    return (f'<section class="item" id="{escape(regimen["regimen_id"])}" data-kind="regimen">'
            f'<h3>Regimen · {escape(regimen.get("indication_id") or "")} · row {row.get("row_number", "")} '
            f'{escape(regimen["source_field"])}</h3><p class="meta">{escape(regimen["regimen_id"])}</p>'
            f"{_reasons(regimen)}{_values(regimen, _VALUES)}{_text(cell, span)}</section>")


def _criterion_item(criterion: dict, rows: dict[str, dict], statements: dict[str, dict]) -> str:
    _, cell, span = _source(criterion, rows, statements)
    return (f'<section class="item" id="{escape(criterion["criterion_id"])}" data-kind="criterion">'
            f'<h3>Threshold · {escape(criterion.get("indication_id") or "")}</h3>'
            f"{_reasons(criterion)}{_values(criterion, _CRITERION_VALUES)}{_text(cell, span)}</section>")


def _statement_item(statement: dict) -> str:
    return (f'<section class="item" id="{escape(statement["statement_id"])}" data-kind="statement">'
            f'<h3>Statement · {escape(statement.get("kind") or "")} · {escape(statement.get("indication_id") or "")}</h3>'
            f'<p class="meta">{escape(statement["statement_id"])} · {_text_inline(statement.get("section") or "")}</p>'
            f'{_reasons(statement)}{_text(statement.get("text"))}</section>')


def _summary(dataset: dict) -> str:
    flagged: dict[str, int] = {}
    for table in ("source_rows", "regimens", "criteria"):
        for item in dataset.get(table, []):
            if item.get("needs_review"):
                flagged[item.get("indication_id")] = flagged.get(item.get("indication_id"), 0) + 1
    rows = "".join(
        f'<tr><td>{escape(i["indication_id"])}</td><td>{escape(i.get("name_en") or "")}</td>'
        f'<td>{_text(i.get("name_fa"))}</td><td>{escape(i.get("icd10") or "")}</td><td>{len(i.get("row_ids") or [])}</td>'
        f'<td>{i.get("regimen_count", 0)}</td><td>{i.get("conflict_count", 0)}</td>'
        f'<td>{flagged.get(i["indication_id"], 0)}</td></tr>' for i in dataset.get("indications", []))
    return ("<table><tr><th>indication</th><th>English</th><th>Persian</th><th>ICD-10</th><th>rows</th>"
            f"<th>regimens</th><th>conflicts</th><th>flagged</th></tr>{rows}</table>")


def review_html(dataset: dict[str, list[dict]], manifest: dict) -> str:
    """The review page for a built dataset (its tables as row dicts, and its manifest)."""
    rows = {r["row_id"]: r for r in dataset.get("source_rows", [])}
    statements = {s["statement_id"]: s for s in dataset.get("statements", [])}
    flagged_statements = [s for s in dataset.get("statements", []) if s.get("needs_review")]
    flagged_rows = [r for r in dataset.get("source_rows", []) if r.get("needs_review")]
    flagged_regimens = [g for g in dataset.get("regimens", []) if g.get("needs_review")]
    flagged_criteria = [c for c in dataset.get("criteria", []) if c.get("needs_review")]
    stale = [o for o in dataset.get("corrections", []) if o.get("status") != "applied"]
    other = [f for f in dataset.get("flags", []) if f.get("table") not in ("source_rows", "regimens", "criteria",
                                                                            "corrections")]
    counts = manifest.get("tables", {})
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<title>ivig-kb review</title>", f"<style>{_CSS}</style></head><body>",
        "<h1>ivig-kb: what the pipeline doubted</h1>",
        f'<p class="meta">pipeline {escape(str(manifest.get("pipeline_version")))} · data '
        f'{escape(str(manifest.get("data_version")))} · ' + ", ".join(f"{escape(k)} {v}" for k, v in counts.items())
        + f' · <span id="flag-count">{len(flagged_rows) + len(flagged_regimens) + len(flagged_criteria)
                                          + len(flagged_statements)}</span>'
        " items to review</p>",
        "<h2>Indications</h2>", _summary(dataset),
        f"<h2>Rows to review ({len(flagged_rows)})</h2>", *(_row_item(r) for r in flagged_rows),
        f"<h2>Regimens to review ({len(flagged_regimens)})</h2>",
        *(_regimen_item(g, rows, statements) for g in flagged_regimens),
        f"<h2>Thresholds to review ({len(flagged_criteria)})</h2>",
        *(_criterion_item(c, rows, statements) for c in flagged_criteria),
        f"<h2>Article statements to review ({len(flagged_statements)})</h2>",
        *(_statement_item(s) for s in flagged_statements),
        f"<h2>Documents ({len(other)} flags)</h2>",
        "<ul>" + "".join(f'<li data-code="{escape(f["code"])}">{_text_inline(f["message"])}</li>' for f in other)
        + "</ul>",
        f"<h2>Corrections not applied ({len(stale)})</h2>",
        "<ul>" + "".join(f'<li data-code="correction_{escape(o["status"])}">{escape(o["correction_id"])}: '
                         f'{escape(o["status"])}, {_text_inline(o["message"])}</li>' for o in stale) + "</ul>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def review_folder(folder: str | Path) -> Path:
    """Write review.html for an existing curated folder (from its JSON tables); returns its path."""
    from .export import write_file_atomically

    folder = Path(folder)
    dataset = {}
    for name in ("source_rows", "regimens", "criteria", "indications", "corrections", "statements", "flags"):
        path = folder / f"{name}.json"
        if path.exists():
            dataset[name] = json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    target = folder / "review.html"
    write_file_atomically(target, review_html(dataset, manifest))
    return target
