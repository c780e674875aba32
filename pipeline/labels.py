"""Codes -> English labels (data/labels.yaml): the `<column>_label` twins and the `labels` table."""
from __future__ import annotations

from .lexicon import load
from .schema import TABLES


def labelled_columns() -> dict[tuple[str, str], tuple[str, dict[str, str]]]:
    """(table, column) -> (vocabulary, {code: label}) for every labelled column of a known table."""
    out = {}
    for vocabulary, spec in load("labels.yaml").items():
        for qualified in spec["columns"]:
            table, column = qualified.split(".")
            if table in TABLES:
                out[(table, column)] = (vocabulary, {str(code): label for code, label in spec["labels"].items()})
    return out


def label_rows(table: str, rows: list[dict]) -> list[dict]:
    """The rows with `<column>_label` filled for every labelled column (None for a null or unknown code)."""
    columns = {column: labels for (t, column), (_, labels) in labelled_columns().items() if t == table}
    if not columns:
        return rows
    return [{**row, **{f"{c}_label": labels.get(row.get(c)) for c, labels in columns.items()}} for row in rows]


def labels_table() -> list[dict]:
    """Every code of every labelled column, with its English label: rows of the `labels` table."""
    return [{"table_name": table, "column_name": column, "code": code, "label": label, "vocabulary": vocabulary}
            for (table, column), (vocabulary, labels) in labelled_columns().items()
            for code, label in labels.items()]


def add_labels(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Every table with its label columns filled, and the `labels` table beside them."""
    return {**{name: label_rows(name, rows) for name, rows in tables.items()}, "labels": labels_table()}
