"""A table page's header lines -> PageLayout: which logical column each position holds.

Read from the words of the header, never from positions measured on one file: a page may repeat
the header in reversed column order, or name fewer columns than the table has.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from ..lexicon import load
from ..normalize.fa import loose_key
from ..records import SHARED_COLUMNS, Flag


@dataclass(frozen=True)
class PageLayout:
    labels: dict[int, str]  # position -> logical column named by the header
    span: tuple[int, ...]  # positions under the condition group (indication, contraindication)
    indication_at: int | None  # which span position the sub-header calls the indication
    reversed: bool  # the header runs from recommendations to drug
    names_dosing: bool  # the header names a dosing column (pages that lost it shift their cells)
    width: int
    direct: bool = False  # every column is named by the top header (no condition group, no sub-header)
    row_number_at: int | None = None  # the column that numbers the rows

    def after_span(self) -> list[int]:
        """Positions past the condition group, in the table's reading order."""
        if self.reversed:
            return list(range(min(self.span) - 1, -1, -1))
        return list(range(max(self.span) + 1, self.width))

    def shared_positions(self) -> dict[int, str]:
        return {p: c for p, c in self.labels.items() if c in SHARED_COLUMNS}


@cache
def _keys(section: str) -> tuple[tuple[str, str], ...]:
    """(label key, column) of a layout section, longest labels first so that they win."""
    pairs = [(loose_key(label), column) for column, labels in load("circular_layout.yaml")[section].items()
             for label in labels]
    return tuple(sorted(pairs, key=lambda kc: -len(kc[0])))


def _may_name_a_column(cell: str) -> bool:
    """A header cell is short and holds no digit: a data cell that holds a key word names nothing."""
    return not any(ch.isdigit() for ch in cell) and len(cell.split()) <= load("circular_layout.yaml")[
        "header_cell_max_words"]


def header_labels(cells: tuple[str, ...]) -> dict[int, str]:
    """Position -> column for the cells of a top header line that name a column."""
    keys = _keys("header")
    found: dict[int, str] = {}
    for pos, cell in enumerate(cells):
        key = loose_key(cell)
        if key and _may_name_a_column(cell):
            # the label the cell opens with first ("شرایط بیماری" is conditions), else the longest inside it
            column = next((c for k, c in keys if key.startswith(k)), None) or next(
                (c for k, c in keys if k in key), None)
            column = _free(column, found)
            if column:
                found[pos] = column
    return found


def _free(column: str | None, found: dict[int, str]) -> str | None:
    """The column itself when it is free (or may repeat), else the one its header word falls to when that
    is free ("ملاحظات" beside "شرایط تجویز" is the recommendations), else None."""
    if column is None or column not in found.values() or column in _may_repeat():
        return column
    fallback = (load("circular_layout.yaml").get("header_falls_to") or {}).get(column)
    return fallback if fallback and fallback not in found.values() else None


@cache
def _may_repeat() -> frozenset[str]:
    """Columns a table may split over several (dose, frequency, duration): their cells are read as one."""
    return frozenset(load("circular_layout.yaml").get("header_may_repeat") or ())


def is_header(cells: tuple[str, ...]) -> bool:
    """A line that names enough columns, or a two-column table's indication and dosing."""
    labels = header_labels(cells)
    return len(labels) >= load("circular_layout.yaml")["min_header_labels"] or {"indication", "dosing"} <= set(
        labels.values())


def subheader_labels(cells: tuple[str, ...]) -> dict[int, str]:
    """Position -> indication/contraindication for a sub-header line, tolerating misspellings."""
    keys = _keys("subheader")
    found: dict[int, str] = {}
    for pos, cell in enumerate(cells):
        key = loose_key(cell)
        if not key:
            continue
        best = max(keys, key=lambda kc: (_similar(key, kc[0]), len(kc[0])))
        if _similar(key, best[0]) >= 0.75 and best[1] not in found.values():
            found[pos] = best[1]
    return found


def _similar(key: str, label: str) -> float:
    if key == label or key.startswith(label):
        return 1.0
    return SequenceMatcher(None, key, label).ratio()


def _direct_layout(labels: dict[int, str], width: int) -> PageLayout:
    """A header that names the indication column itself: every position is what its header says."""
    span = tuple(sorted(p for p, c in labels.items() if c in ("indication", "contraindication")))
    indication_at = next(p for p, c in labels.items() if c == "indication")
    row_number_at = next((p for p, c in labels.items() if c == "row_number"), None)
    named = {p: c for p, c in labels.items() if p not in span}
    return PageLayout(labels=named, span=span, indication_at=indication_at, reversed=False,
                      names_dosing="dosing" in labels.values(), width=width, direct=True,
                      row_number_at=row_number_at)


def _is_reversed(labels: dict[int, str], width: int) -> bool:
    """Does the header run from recommendations to drug (a page extracted in the other direction)?"""
    group = next((p for p, c in labels.items() if c == "condition_group"), None)
    drug = next((p for p, c in labels.items() if c == "drug"), None)
    if drug is not None and group is not None:
        return drug > group
    return drug is not None and drug > width // 2


def _span(labels: dict[int, str], sub: dict[int, str], reversed_: bool, page: int
          ) -> tuple[tuple[int, ...], int | None, list[Flag]]:
    """The positions under the condition group and which of them holds the indication."""
    group = next((p for p, c in labels.items() if c == "condition_group"), None)
    if sub:
        return tuple(sorted(sub)), next((p for p, c in sub.items() if c == "indication"), None), []
    if group is not None:
        neighbour = group - 1 if reversed_ else group + 1
        return tuple(sorted({group, neighbour})), group, [
            Flag("layout_no_subheader", f"page {page}: no indication/contraindication sub-header", severity="info")]
    return (), None, [Flag("layout_no_condition_group", f"page {page}: the header names no indication column")]


def page_layout(header: tuple[str, ...], subheader: tuple[str, ...] | None,
                page: int) -> tuple[PageLayout, list[Flag]]:
    """The layout a page's header lines describe, and flags for what they leave unclear."""
    labels = header_labels(header)
    width = max(len(header), len(subheader or ()))
    if "indication" in labels.values() and "condition_group" not in labels.values():
        return _direct_layout(labels, width), []
    reversed_ = _is_reversed(labels, width)
    sub = subheader_labels(subheader) if subheader else {}
    span, indication_at, flags = _span(labels, sub, reversed_, page)
    named = {p: c for p, c in labels.items() if p not in span and c not in ("indication", "contraindication")}
    layout = PageLayout(labels=named, span=span, indication_at=indication_at, reversed=reversed_,
                        names_dosing="dosing" in labels.values(), width=width,
                        row_number_at=next((p for p, c in labels.items() if c == "row_number"), None))
    return layout, flags
