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


def header_labels(cells: tuple[str, ...]) -> dict[int, str]:
    """Position -> column for the cells of a top header line that name a column."""
    keys = _keys("header")
    found: dict[int, str] = {}
    for pos, cell in enumerate(cells):
        key = loose_key(cell)
        if key:
            column = next((c for k, c in keys if key.startswith(k) or k in key), None)
            if column and column not in found.values():
                found[pos] = column
    return found


def is_header(cells: tuple[str, ...]) -> bool:
    return len(header_labels(cells)) >= load("circular_layout.yaml")["min_header_labels"]


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


def page_layout(header: tuple[str, ...], subheader: tuple[str, ...] | None,
                page: int) -> tuple[PageLayout, list[Flag]]:
    """The layout a page's header lines describe, and flags for what they leave unclear."""
    flags: list[Flag] = []
    labels = header_labels(header)
    width = max(len(header), len(subheader or ()))
    group = next((p for p, c in labels.items() if c == "condition_group"), None)
    drug = next((p for p, c in labels.items() if c == "drug"), None)
    named = dict(labels)
    reversed_ = False
    if drug is not None and group is not None:
        reversed_ = drug > group
    elif drug is not None:
        reversed_ = drug > width // 2
    sub = subheader_labels(subheader) if subheader else {}
    if sub:
        span = tuple(sorted(sub))
        indication_at = next((p for p, c in sub.items() if c == "indication"), None)
    elif group is not None:
        neighbour = group - 1 if reversed_ else group + 1
        span = tuple(sorted({group, neighbour}))
        indication_at = group
        flags.append(Flag("layout_no_subheader", f"page {page}: no indication/contraindication sub-header",
                          severity="info"))
    else:
        span, indication_at = (), None
        flags.append(Flag("layout_no_condition_group", f"page {page}: the header names no indication column"))
    for pos in span:
        named.pop(pos, None)
    layout = PageLayout(labels=named, span=span, indication_at=indication_at, reversed=reversed_,
                        names_dosing="dosing" in labels.values(), width=width)
    return layout, flags
