"""Pieces both review pages are made of: the head (the shared style and script beside the pages,
no network), the counts, the filters, the lists of flags and of changes."""
from __future__ import annotations

from html import escape

from .assets import CSS_FILE, JS_FILE
from .words import inline


def head(title: str, assets: str) -> str:
    """assets: the folder of review.css and review.js, relative to the page ('' beside it)."""
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{assets}{CSS_FILE}"></head><body>')


def tail(assets: str) -> str:
    return f'<script src="{assets}{JS_FILE}"></script></body></html>\n'


def counts(figures: list[tuple[str, int]]) -> str:
    """The figures as the build summary names them; each with an id the tests and a reader can find."""
    return '<ul id="counts">' + "".join(
        f'<li><b id="count-{name.replace(" ", "-")}">{n}</b> {name}</li>' for name, n in figures) + "</ul>"


def select(name: str, label: str, options: list[str], key: str | None = None) -> str:
    """A filter: shows the elements whose data-<key> (default: its name) holds the value chosen."""
    data = f' data-key="{key}"' if key else ""
    return (f'<label>{label} <select name="{name}"{data}><option value="">all</option>'
            + "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in options) + "</select></label>")


def filters(selects: list[str], shown: int, what: str) -> str:
    return f'<form id="filters">{"".join(selects)}<span><b id="shown">{shown}</b> {what} shown</span></form>'


def listed(flags: list[dict]) -> str:
    """Flags that belong to no row or regimen: a document's, the corrections' outcomes."""
    return "<ul>" + "".join(f'<li data-filterable data-code="{escape(f["code"])}" data-codes="{escape(f["code"])}" '
                            f'data-doc="{escape(f.get("doc_id") or "")}">{inline(f["message"])}</li>'
                            for f in flags) + "</ul>"


def change_list(found: list) -> str:
    from ..diff.render import change_line

    lines = "".join(f'<li data-filterable data-indication="{escape(c.indication_id or "")}" '
                    f'data-doc="{escape(c.doc_id or "")}">{inline(change_line(c))}</li>' for c in found)
    return f'<ul class="changes">{lines or "<li>no changes</li>"}</ul>'
