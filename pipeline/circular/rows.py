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
from ..records import ROW_COLUMNS, SHARED_COLUMNS, Flag, GridLine, GridPage, Reason, SourceRow
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
    reasons: list[Reason] = field(default_factory=list)
    boxes: list[tuple[int, tuple[float, ...]]] = field(default_factory=list)  # PDF: (page, box) of each line


@dataclass(frozen=True)
class RowsResult:
    rows: tuple[SourceRow, ...]
    shared: dict[str, str]
    flags: tuple[Flag, ...]
    lines_in: int
    lines_joined: int


def _condition_group(filled: dict[int, str], layout: PageLayout) -> tuple[int | None, int | None, str | None]:
    """Which filled position under the condition group holds the indication, which is the other
    (contraindication) slot, and why the cells after the indication shift, if they do.

    A dose under the group means the row lost its empty contraindication cell: the cells from
    there on are dosing, conditions, recommendations. A header without a dosing column means the
    same for every row of its page.
    """
    span = [p for p in layout.span if p in filled]
    doses = [p for p in span if looks_like_dose(clean_cell(filled[p]))]
    why = None if layout.names_dosing else "the page's header names no dosing column"
    if len(span) == 2:
        return _two_cells(span, doses, layout, why)
    if len(span) == 1:
        return _one_cell(span[0], bool(doses), layout, why)
    return None, (layout.span[-1] if layout.span else None), why


def _two_cells(span: list[int], doses: list[int], layout: PageLayout, why: str | None):
    if len(doses) == 1:
        return next(p for p in span if p not in doses), doses[0], "a dose stood under the contraindication header"
    indication_at = layout.indication_at if layout.indication_at in span else span[0]
    return indication_at, next(p for p in span if p != indication_at), why


def _one_cell(at: int, is_dose: bool, layout: PageLayout, why: str | None):
    if is_dose:
        return None, at, "a dose stood under the indication headers"
    return at, next((p for p in layout.span if p != at), None), why


def _slots_to_cells(filled: dict[int, str], layout: PageLayout, other: int | None, slots: list[int],
                    why: str | None) -> tuple[dict[str, str], list[str]]:
    """The cells after the indication: in their headers' columns, or shifted (see _condition_group)."""
    cells: dict[str, str] = {}
    if why:
        for column, pos in zip(_SHIFTED, slots):
            if pos in filled:
                cells[column] = filled[pos]
        if any(p in filled for p in slots):
            return cells, [f"cells_shifted: {why}; the cells after the indication were read as dosing, "
                           "conditions, recommendations"]
        return cells, []
    for pos in slots:
        column = "contraindication" if pos == other else layout.labels.get(pos)
        if pos in filled and column in ROW_COLUMNS:
            cells[column] = filled[pos]
    return cells, []


def _direct_cells(filled: dict[int, str], layout: PageLayout) -> dict[str, str]:
    """A table whose header names each column: every cell in the column its header names."""
    columns = {**layout.labels, **{p: ("indication" if p == layout.indication_at else "contraindication")
                                   for p in layout.span}}
    cells: dict[str, str] = {}
    for pos in sorted(filled):  # a column split over several (dose | frequency | duration) reads as one
        column = columns.get(pos)
        if column in ROW_COLUMNS:
            cells[column] = join_fragments(cells.get(column, ""), filled[pos])
    return cells


def line_to_cells(line: GridLine, layout: PageLayout) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """One data line -> (row cells by logical column, shared-column cells, repairs made). The row's
    number, when the table has a column for it, comes as the cell "row_number"."""
    filled = {p: c for p, c in enumerate(line.cells) if clean_cell(c)}
    repairs: list[str] = []
    if layout.direct:
        cells = _direct_cells(filled, layout)
        placed = set(layout.labels) | set(layout.span)
    else:
        indication_at, other, why = _condition_group(filled, layout)
        slots = ([other] if other is not None else []) + layout.after_span()
        cells, repairs = _slots_to_cells(filled, layout, other, slots, why)
        if indication_at is not None:
            cells["indication"] = filled[indication_at]
        placed = set(layout.span) | set(slots) | set(layout.shared_positions())
    if layout.row_number_at in filled:
        cells["row_number"] = filled[layout.row_number_at]
        placed.add(layout.row_number_at)
    shared = {layout.labels[p]: filled[p] for p in layout.shared_positions() if p in filled}
    for pos in sorted(set(filled) - placed):
        cells["unplaced"] = join_fragments(cells.get("unplaced", ""), filled[pos])
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
                  lines=[line.line], raw_lines=[line.raw], repairs=list(repairs), reasons=list(line.doubts),
                  boxes=[(line.page, line.bbox)] if line.bbox else [])


def _join(draft: _Draft, line: GridLine, cells: dict[str, str], repairs: list[str]) -> None:
    for column, raw in cells.items():
        draft.raw[column] = join_fragments(draft.raw.get(column, ""), raw)
        draft.text[column] = join_fragments(draft.text.get(column, ""), clean_cell(raw))
    draft.pages.append(line.page)
    draft.lines.append(line.line)
    draft.raw_lines.append(line.raw)
    draft.reasons.extend(line.doubts)
    if line.bbox:
        draft.boxes.append((line.page, line.bbox))
    draft.repairs.extend(r for r in repairs if r not in draft.repairs)
    where = f"line {line.line}" if line.line else f"page {line.page}"
    draft.repairs.append(f"continued: {', '.join(sorted(cells))} went on at {where} (page {line.page})")


def _place_shared(drafts: list[_Draft], cells: dict[str, str], shared_cells: dict[str, str],
                  repairs: list[str], shared: dict[str, str]) -> dict[str, str] | None:
    """Text under a shared header: the table's shared values on its first row; after it, the row's
    indication when it has none, else text out of place. A row that repeats the shared values (a
    table that writes the drug on every row) says nothing more. Returns the shared values when set."""
    if not drafts and shared_cells:
        return {c: clean_cell(t) for c, t in shared_cells.items()}
    shared_cells = {c: t for c, t in shared_cells.items() if clean_cell(t) != shared.get(c)}
    if shared_cells and not cells.get("indication"):
        column, raw = next(iter(shared_cells.items()))
        cells["indication"] = raw
        repairs.append(f"indication_moved: the indication stood under the '{column}' header")
    elif shared_cells:
        cells["unplaced"] = " ".join(shared_cells.values())
    return None


def _goes_on(drafts: list[_Draft], first_of_page: bool, cells: dict[str, str], numbered: bool,
             number: str | None) -> bool:
    """Does the line continue the row before it? At a page's start when its cells go on from
    unfinished ones; in a table that numbers its rows, whenever it has neither number nor indication."""
    if not drafts:
        return False
    if numbered and not number and not cells.get("indication"):
        return True
    return first_of_page and _continues(drafts[-1], cells)


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
            number = cells.pop("row_number", None)
            if not cells and not shared_cells:
                continue
            lines_in += 1
            shared = _place_shared(drafts, cells, shared_cells, repairs, shared) or shared
            if _goes_on(drafts, k == 0, cells, layout.row_number_at is not None, number):
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
                draft.reasons.append(Reason("repeat_differs", f"a sentence of {column} repeats an earlier one in "
                                            f"other words, both kept: '{sentence[:60]}'", column, words=sentence))
        row_id = _row_id(doc_id, draft, taken)
        reasons = list(draft.reasons)
        if not draft.text.get("indication"):
            reasons.append(Reason("missing_indication", "the row names no indication; its cells are kept as read",
                                  "indication"))
        if draft.text.get("unplaced"):
            reasons.append(Reason("unplaced_text", f"text outside the table's columns: {draft.text['unplaced'][:80]}",
                                  "unplaced", words=draft.text["unplaced"]))
        for reason in reasons:
            flags.append(Flag(reason.code, reason.message, doc_id=doc_id, row_id=row_id, table="source_rows",
                              target=row_id))
        rows.append(SourceRow(
            doc_id=doc_id, row_id=row_id, row_number=number, page=draft.pages[0],
            pages=tuple(dict.fromkeys(draft.pages)), lines=tuple(x for x in draft.lines if x is not None),
            cells={c: draft.text.get(c, "") for c in ROW_COLUMNS + ("unplaced",)},
            raw_cells={c: draft.raw.get(c, "") for c in ROW_COLUMNS + ("unplaced",)},
            raw_text="\n".join(draft.raw_lines), indication_id=None,
            review_reasons=tuple(reasons), repairs=tuple(draft.repairs), pdf_boxes=tuple(draft.boxes)))
    return rows


__all__ = ["RowsResult", "pages_to_rows", "line_to_cells", "SHARED_COLUMNS"]
