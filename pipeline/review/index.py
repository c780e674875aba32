"""Document summaries -> the review index, curated/review.html: the build summary's figures, one
line per document (its kind, what it has to review, a link to its page), the indications with their
items to review, and the flags and corrections that belong to no document.

Made from summaries only (a few counts a document), never from flags: its size grows with the
documents and the canonical indications, not with what the pipeline doubted."""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import Iterable

from . import parts
from .summary import DocumentSummary
from .words import block

# the documents table: heading, DocumentSummary field (numbers, sortable)
COLUMNS = (("items to review", "items_to_review"), ("regimens to review", "regimens_to_review"),
           ("review flags", "flags_review"), ("info flags", "flags_info"), ("rows", "rows"),
           ("regimens", "regimens"), ("statements", "statements"))


def _order(summaries: Iterable[DocumentSummary]) -> list[DocumentSummary]:
    """Most to review first, then by doc_id: the same order whatever order the documents came in."""
    return sorted(summaries, key=lambda s: (-s.items_to_review, s.doc_id))


def _document_line(s: DocumentSummary, changed: int | None) -> str:
    numbers = [getattr(s, field) for _, field in COLUMNS] + ([changed] if changed is not None else [])
    cells = "".join(f'<td class="n" data-value="{n}">{n}</td>' for n in numbers)
    return (f'<tr data-filterable data-counted data-doc="{escape(s.doc_id)}" data-kind="{escape(s.kind)}" '
            f'data-codes="{escape(" ".join(c for c, _ in s.codes))}" '
            f'data-review="{"yes" if s.items_to_review or s.flags_review else "no"}">'
            f'<td data-value="{escape(s.doc_id)}"><a href="{escape(s.file)}">{block(s.title or s.doc_id, tag="bdi")}</a>'
            + (f'<br><span class="meta">{escape(s.doc_id)}</span>' if s.title else "")
            + f'</td><td>{escape(s.kind)}</td>{cells}</tr>')


def _documents(ordered: list[DocumentSummary], changed: Counter | None) -> str:
    heads = ["document", "kind", *(h for h, _ in COLUMNS)] + (["changes"] if changed is not None else [])
    lines = "".join(_document_line(s, changed.get(s.doc_id, 0) if changed is not None else None) for s in ordered)
    return (f'<table class="sortable" id="documents"><thead><tr>{"".join(f"<th>{h}</th>" for h in heads)}</tr>'
            f"</thead><tbody>{lines}</tbody></table>")


def _indications(indications: list[dict], summaries: list[DocumentSummary]) -> str:
    flagged = Counter()
    for s in summaries:
        flagged.update(dict(s.flagged_by_indication))
    rows = "".join(
        f'<tr data-filterable data-indication="{escape(i["indication_id"])}" data-doc="{escape(" ".join(i.get("doc_ids") or []))}">'
        f'<td>{escape(i["indication_id"])}</td><td>{escape(i.get("name_en") or "")}</td>'
        f'<td>{block(i.get("name_fa"))}</td><td>{escape(i.get("icd10") or "")}</td><td>{len(i.get("row_ids") or [])}</td>'
        f'<td>{i.get("regimen_count", 0)}</td><td>{i.get("conflict_count", 0)}</td>'
        f'<td>{flagged.get(i["indication_id"], 0)}</td></tr>' for i in indications)
    return ("<table><tr><th>indication</th><th>English</th><th>Persian</th><th>ICD-10</th><th>rows</th>"
            f"<th>regimens</th><th>conflicts</th><th>to review</th></tr>{rows}</table>")


def _figures(summaries: list[DocumentSummary], loose: list[dict]) -> list[tuple[str, int]]:
    """The build summary's figures: each document's counts added up, and the flags of no document."""
    def total(field: str) -> int:
        return sum(getattr(s, field) for s in summaries)

    return [("documents", sum(1 for s in summaries if s.is_document)), ("rows", total("rows")),
            ("statements", total("statements")), ("regimens", total("regimens")),
            ("flags", total("flags") + len(loose)),
            ("for review", total("flags_review") + sum(1 for f in loose if f.get("severity") == "review")),
            ("items to review", total("items_to_review"))]


def _filters(summaries: list[DocumentSummary], loose: list[dict]) -> str:
    codes = sorted({c for s in summaries for c, _ in s.codes} | {f["code"] for f in loose})
    return parts.filters([parts.select("review", "to review", ["yes", "no"]),
                          parts.select("kind", "kind", sorted({s.kind for s in summaries if s.kind})),
                          parts.select("code", "flag", codes, key="codes")], len(summaries), "documents")


def _changes(changes: list, pages: set[str], against: str | None) -> str:
    """How many changes since another build, and those of no document with a page here (a document
    removed, a table's rows); each document's own are on its page."""
    elsewhere = [c for c in changes if c.doc_id not in pages]
    return (f'<h2 id="changes">Changes since {escape(against or "the previous build")} ({len(changes)})</h2>'
            f'<p class="meta">each document\'s changes are on its page; {len(elsewhere)} belong to no document '
            f"shown here:</p>" + parts.change_list(elsewhere))


def summaries_to_review_index(summaries: Iterable[DocumentSummary], manifest: dict, *,
                              indications: list[dict] = (), flags: list[dict] = (), corrections: list[dict] = (),
                              changes: list | None = None, against: str | None = None) -> str:
    """curated/review.html from one summary a document (document_to_summary), the manifest, the
    indications table, the flags that belong to no document (no doc_id, or a document not read:
    left out, duplicates, corrections; others are ignored here, their document's summary counts
    them), the corrections' outcomes and, with --against, the Change records since that build."""
    summaries = _order(summaries)
    pages = {s.doc_id for s in summaries}
    loose = [f for f in flags if f.get("doc_id") not in pages]
    shown = [f for f in loose if f.get("table") != "corrections"]  # counted; listed as corrections below
    stale = [o for o in corrections if o.get("status") != "applied"]
    out = [
        parts.head("ivig-kb review", "review/"),
        "<h1>ivig-kb: what the pipeline doubted</h1>",
        f'<p class="meta">pipeline {escape(str(manifest.get("pipeline_version")))} · data '
        f'{escape(str(manifest.get("data_version")))}</p>', parts.counts(_figures(summaries, loose)),
        _changes(changes, pages, against) if changes is not None else "",
        f"<h2>Documents ({len(summaries)})</h2>", _filters(summaries, loose),
        _documents(summaries, Counter(c.doc_id for c in changes) if changes is not None else None),
        "<h2>Indications</h2>", _indications(list(indications), summaries),
        f"<h2>Flags of no document ({len(shown)})</h2>", parts.listed(shown),
        f"<h2>Corrections not applied ({len(stale)})</h2>",
        parts.listed([{"code": f"correction_{o['status']}", "message": f"{o['correction_id']}: {o['status']}, "
                       f"{o['message']}"} for o in stale]),
        parts.tail("review/"),
    ]
    return "\n".join(p for p in out if p)
