"""A table flattened into one line, its header row first: each value beside the name of its column.

"دوز (mg/kg) | فواصل ‖ 800 | ماهانه", "剂量（g/kg） | 次数 ‖ 2 | 1": formularies and guidelines copied into a
line keep the header row and the data rows, parted by a row mark (the pack's `normalize.table_rows.rows`:
"‖", "||") and their cells by a bar. Read as they stand, the unit of the header is far from its number and
each value far from its column's name, so the grammar reads nothing (or the net flags the numbers). Here
the header's cells are paired with each data row's: "دوز (mg/kg): 800 | فواصل: ماهانه", which the grammar
reads as the fields of a form. A header has no digit outside brackets (units may stand there), every data row
has as many cells as the header (or one fewer: the header's first cell is then the table's title), one at
least a digit; an empty cell ("—", "-") names nothing. Rows of two cells, each a name and its value ("藥名 | IVIG ‖
劑量 | 0.4 g/kg/日 ‖ 療程 | 5日"), are a form: each row becomes "name: value". Anything else is left as written.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..lexicon import load

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_DIGIT = re.compile(r"\d")
_EMPTY = re.compile(r"[\s\-–—−]*")


@cache
def _marks(lang: str) -> tuple[re.Pattern, re.Pattern] | None:
    spec = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("table_rows")
    if not spec:
        return None
    return re.compile(rf"\s*(?:{'|'.join(spec['rows'])})\s*"), re.compile(rf"\s*(?:{spec['cells']})\s*")


def _by_width(cells: list[str]) -> tuple[list[str], list[list[str]]]:
    """"疾病‖剂量(g/kg·d)‖疗程(d)‖川崎病‖—‖—‖重症肌无力危象‖0.4‖5": one mark parts every cell. The header is the
    first cells with no digit, as many as each row after it is wide, each row opening with a label (no digit)
    and one of them holding a number; the cells unchanged when no width fits."""
    for width in range(2, len(cells) // 2 + 1):
        rows = [cells[i:i + width] for i in range(0, len(cells), width)]
        if (len(cells) % width == 0 and not any(_DIGIT.search(c) for c in rows[0])
                and not any(_DIGIT.search(r[0]) for r in rows[1:]) and any(_DIGIT.search(" ".join(r)) for r in rows[1:])):
            return rows[0], rows[1:]
    return cells[:1], [[c] for c in cells[1:]]


def _fields(header: list[str], data: list[list[str]]) -> bool:
    """Rows of two cells, each a name (no digit) and its value: a form written as a table, not a header row."""
    rows = [header, *data]  # two rows only when the first holds a number (a header's cells hold none)
    return (all(len(row) == 2 and not _DIGIT.search(row[0]) for row in rows)
            and (len(rows) > 2 or bool(_DIGIT.search(header[1]))))


def pair_header_row(text: str, lang: str, amount_in: Callable[[str], bool] = lambda _: False) -> str:
    """The text with a flattened table's header cells written before each data row's values (see above);
    `amount_in` tells an amount written without digits ("دو گرم بر کیلوگرم", "每公斤二克"): no header holds one."""
    table = _table(text, lang)
    if table is None:
        return text
    first, header, data = table
    if _fields(header, data):  # "藥名 | IVIG ‖ 劑量 | 0.4 g/kg/日 ‖ 療程 | 5日": a field and its value on each row
        return " ‖ ".join(f"{name}: {value}" for name, value in [header, *data])
    if not _header_and_rows(first, header, data) or amount_in(first):
        return text
    width = len(data[0])
    title = header[0] + " ‖ " if len(header) > width else ""
    return title + " ‖ ".join(" | ".join(f"{name}: {value}" for name, value in zip(header[-width:], row)
                                         if not _EMPTY.fullmatch(value)) for row in data)


def _table(text: str, lang: str) -> tuple[str, list[str], list[list[str]]] | None:
    """(the first row as written, its cells, the other rows' cells) of a line with a row mark, else None."""
    marks = _marks(lang)
    if marks is None or not marks[0].search(text):
        return None
    rows_mark, cells_mark = marks
    rows = [r for r in rows_mark.split(text.strip()) if r]
    if len(rows) < 2:
        return None
    header, data = cells_mark.split(rows[0]), [cells_mark.split(r) for r in rows[1:]]
    if len(header) == 1 and all(len(row) == 1 for row in data):  # one mark parts every cell: find the width
        header, data = _by_width(rows)
    return " ".join(header), header, data


def _header_and_rows(first: str, header: list[str], data: list[list[str]]) -> bool:
    """A header row (no digit outside brackets) and data rows of one width, one at least with a digit (a row of
    empty cells is kept, naming nothing); the header as wide as they are or one cell wider (a title)."""
    width = len(data[0])
    return (width >= 2 and all(len(row) == width for row in data) and len(header) in (width, width + 1)
            and not _DIGIT.search(_BRACKETED.sub("", first)) and any(_DIGIT.search(" ".join(row)) for row in data))
