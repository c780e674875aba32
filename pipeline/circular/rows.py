"""Grid pages -> SourceRows: every logical row, each cell in its logical column, with its place.

The rules undo what extraction does to such tables, by what the cells say rather than where one
file put them:
- the condition group (indication, contraindication) holds the row's indication; a lone cell
  there is the indication whatever the sub-header calls it;
- a cell that reads as a dose under the contraindication, or a page whose header names no dosing
  column, means the row lost its empty contraindication cell: its cells from there on are read as
  dosing, conditions, recommendations;
- text under a shared header (drug, service, prescribers, setting) after the first row is the
  indication when the row has none;
- the first line of a page continues the previous row when its cells go on from unfinished ones.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..normalize.fa import loose_key
from ..records import ROW_COLUMNS, SHARED_COLUMNS, Flag, GridLine, GridPage, SourceRow
from .cells import (clean_cell, closes_bracket, collapse_repeats, dangles, ends_sentence, join_fragments,
                    looks_like_dose)
from .layout import PageLayout, page_layout

_SHIFTED = ("dosing", "conditions", "recommendations")


@dataclass
class _Draft:
    """A row being assembled (mutable only inside this module)."""

    raw: dict[str, str]
    text: dict[str, str]
    pages: list[int]
    lines: list[int | None]
    raw_lines: list[str]
    repairs: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RowsResult:
    rows: tuple[SourceRow, ...]
    shared: dict[str, str]
    flags: tuple[Flag, ...]
    lines_in: int
    lines_joined: int


def line_to_cells(line: GridLine, layout: PageLayout) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """One data line -> (row cells by logical column, shared-column cells, repairs made)."""
    filled = {p: c for p, c in enumerate(line.cells) if clean_cell(c)}
    cells: dict[str, str] = {}
    repairs: list[str] = []
    span = [p for p in layout.span if p in filled]
    doses = [p for p in span if looks_like_dose(clean_cell(filled[p]))]
    shifted = not layout.names_dosing
    why = "the page's header names no dosing column"
    if len(span) == 2 and len(doses) == 1:
        indication_at, other = next(p for p in span if p not in doses), doses[0]
        shifted, why = True, "a dose stood under the contraindication header"
    elif len(span) == 2:
        indication_at = layout.indication_at if layout.indication_at in span else span[0]
        other = next(p for p in span if p != indication_at)
    elif len(span) == 1 and doses:
        indication_at, other = None, span[0]
        shifted, why = True, "a dose stood under the indication headers"
    elif len(span) == 1:
        indication_at = span[0]
        other = next((p for p in layout.span if p != indication_at), None)
    else:
        indication_at = None
        other = layout.span[-1] if layout.span else None
    if indication_at is not None:
        cells["indication"] = filled[indication_at]
    slots = ([other] if other is not None else []) + layout.after_span()
    if shifted:
        for column, pos in zip(_SHIFTED, slots):
            if pos in filled:
                cells[column] = filled[pos]
        if any(p in filled for p in slots):
            repairs.append(f"cells_shifted: {why}; the cells after the indication were read as dosing, "
                           "conditions, recommendations")
    else:
        for pos in slots:
            if pos in filled:
                column = "contraindication" if pos == other else layout.labels.get(pos)
                if column in ROW_COLUMNS:
                    cells[column] = filled[pos]
    shared = {layout.labels[p]: filled[p] for p in layout.shared_positions() if p in filled}
    placed = set(span) | set(slots) | set(layout.shared_positions())
    for pos in sorted(set(filled) - placed):
        cells.setdefault("unplaced", "")
        cells["unplaced"] = join_fragments(cells["unplaced"], filled[pos])
    return cells, shared, repairs


def _continues(prev: _Draft, cells: dict[str, str]) -> bool:
    """Does this page-opening line go on with the previous page's last row?"""
    text = {c: clean_cell(t) for c, t in cells.items()}
    if text.get("indication"):
        previous = prev.text.get("indication", "")
        return bool(previous) and (closes_bracket(text["indication"]) or dangles(previous))
    others = [c for c in text if c in ROW_COLUMNS and text[c]]
    return bool(others) and all(prev.text.get(c) for c in others) and any(
        not ends_sentence(prev.text[c]) for c in others)


def _new_draft(line: GridLine, cells: dict[str, str], repairs: list[str]) -> _Draft:
    return _Draft(raw=dict(cells), text={c: clean_cell(t) for c, t in cells.items()}, pages=[line.page],
                  lines=[line.line], raw_lines=[line.raw], repairs=list(repairs), reasons=list(line.doubts))


def _join(draft: _Draft, line: GridLine, cells: dict[str, str], repairs: list[str]) -> None:
    for column, raw in cells.items():
        draft.raw[column] = join_fragments(draft.raw.get(column, ""), raw)
        draft.text[column] = join_fragments(draft.text.get(column, ""), clean_cell(raw))
    draft.pages.append(line.page)
    draft.lines.append(line.line)
    draft.raw_lines.append(line.raw)
    draft.reasons.extend(line.doubts)
    draft.repairs.extend(r for r in repairs if r not in draft.repairs)
    where = f"line {line.line}" if line.line else f"page {line.page}"
    draft.repairs.append(f"continued: {', '.join(sorted(cells))} went on at {where} (page {line.page})")


def pages_to_rows(pages: tuple[GridPage, ...], doc_id: str) -> RowsResult:
    """All table pages -> the table's logical rows, in reading order, with their flags."""
    drafts: list[_Draft] = []
    flags: list[Flag] = []
    shared: dict[str, str] = {}
    lines_in = joined = 0
    for page in pages:
        layout, layout_flags = page_layout(page.header, page.subheader, page.number)
        flags.extend(layout_flags)
        for k, line in enumerate(page.lines):
            cells, shared_cells, repairs = line_to_cells(line, layout)
            if not cells and not shared_cells:
                continue
            lines_in += 1
            if not drafts and shared_cells:
                shared = {c: clean_cell(t) for c, t in shared_cells.items()}
            elif shared_cells and not cells.get("indication"):
                column, raw = next(iter(shared_cells.items()))
                cells["indication"] = raw
                repairs.append(f"indication_moved: the indication stood under the '{column}' header")
            elif shared_cells:
                cells["unplaced"] = " ".join(shared_cells.values())
            if k == 0 and drafts and _continues(drafts[-1], cells):
                _join(drafts[-1], line, cells, repairs)
                joined += 1
            else:
                drafts.append(_new_draft(line, cells, repairs))
    rows = _drafts_to_rows(drafts, doc_id, flags)
    return RowsResult(tuple(rows), shared, tuple(flags), lines_in, joined)


def _row_id(doc_id: str, draft: _Draft, taken: set[str]) -> str:
    basis = loose_key(draft.text.get("indication", "")) or loose_key(" ".join(draft.text.values()))[:80]
    stem = f"{doc_id}-r{hashlib.sha256(basis.encode()).hexdigest()[:8]}"
    row_id, n = stem, 2
    while row_id in taken:
        row_id, n = f"{stem}-{n}", n + 1
    taken.add(row_id)
    return row_id


def _drafts_to_rows(drafts: list[_Draft], doc_id: str, flags: list[Flag]) -> list[SourceRow]:
    rows: list[SourceRow] = []
    taken: set[str] = set()
    for number, draft in enumerate(drafts, start=1):
        for column in ROW_COLUMNS:
            collapsed, dropped, near = collapse_repeats(draft.text.get(column, ""))
            if dropped:
                draft.text[column] = collapsed
                draft.repairs.append(f"repeats_collapsed: {dropped} identical repeated sentence(s) dropped "
                                     f"from {column}")
            for sentence in near:
                draft.reasons.append(f"repeat_differs: a sentence of {column} repeats an earlier one in other "
                                     f"words, both kept: '{sentence[:60]}'")
        row_id = _row_id(doc_id, draft, taken)
        reasons = list(draft.reasons)
        if not draft.text.get("indication"):
            reasons.append("missing_indication: the row names no indication; its cells are kept as read")
        if draft.text.get("unplaced"):
            reasons.append(f"unplaced_text: text outside the table's columns: {draft.text['unplaced'][:80]}")
        for reason in reasons:
            code, _, message = reason.partition(": ")
            flags.append(Flag(code, message, doc_id=doc_id, row_id=row_id, table="source_rows", target=row_id))
        rows.append(SourceRow(
            doc_id=doc_id, row_id=row_id, row_number=number, page=draft.pages[0],
            pages=tuple(dict.fromkeys(draft.pages)), lines=tuple(x for x in draft.lines if x is not None),
            cells={c: draft.text.get(c, "") for c in ROW_COLUMNS + ("unplaced",)},
            raw_cells={c: draft.raw.get(c, "") for c in ROW_COLUMNS + ("unplaced",)},
            raw_text="\n".join(draft.raw_lines), indication_id=None,
            review_reasons=tuple(reasons), repairs=tuple(draft.repairs)))
    return rows


__all__ = ["RowsResult", "pages_to_rows", "line_to_cells", "SHARED_COLUMNS"]
