"""The pre-swap check: the tables a build is about to publish, checked against their own schema.

Every rule is generated from schema.py (and data/labels.yaml for the code lists), so a column another
stage adds is checked the moment it is declared: types, required values, finite numbers, codes,
primary keys and references between tables. Rows are checked one at a time as the export writes
them (only key values are kept), so the check costs one pass and no second copy of the data.
A dataset that fails is not published (export raises InvalidDatasetError before the swap).
"""
from __future__ import annotations

import math
import numbers
from collections import defaultdict
from typing import Any

from .labels import labelled_columns
from .schema import FOREIGN_KEYS, PRIMARY_KEYS, TABLES, Column

_MAX_PROBLEMS = 20  # enough to act on; the rest are counted


def _is(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool) or type(value).__name__ == "bool_"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    if kind == "int":
        return isinstance(value, numbers.Integral) or float(value).is_integer()
    return True  # float


def positive_only(column: Column) -> bool:
    """Amounts of drug are never zero or negative: by naming rule, every dose and mg/kg column."""
    return column.type == "float" and (column.name.startswith("dose_") or column.name.endswith("_mg_per_kg")
                                       or column.name.startswith("typical_"))


def value_problem(column: Column, value: Any) -> str | None:
    """Why a value cannot stand in its column (None when it can): type, null, finiteness, sign."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None if column.nullable else "is empty but required"
    if column.type.startswith("list<"):
        return _list_problem(column.type[5:-1], value)
    if not _is(value, column.type):
        return f"is {type(value).__name__} {value!r:.60}, not {column.type}"
    if column.type == "float" and not math.isfinite(value):
        return f"is {value}, not a finite number"
    if positive_only(column) and value <= 0:
        return f"is {value:g}: an amount of drug is more than zero"
    return None


def _list_problem(item: str, value: Any) -> str | None:
    if not isinstance(value, (list, tuple)) and type(value).__name__ != "ndarray":
        return f"is {type(value).__name__} {value!r:.60}, not a list"
    bad = [v for v in value if not _is(v, item) or (item == "float" and not math.isfinite(v))]
    return f"holds {bad[0]!r:.60}, not a finite {item}" if bad else None


class DatasetCheck:
    """Fed each table's rows as they are written; says at the end whether the dataset may be published."""

    def __init__(self):
        self.codes = {key: set(labels) for key, (_, labels) in labelled_columns().items()}
        self.problems: list[str] = []
        self.count = 0
        self.keys: dict[tuple[str, str], set] = defaultdict(set)  # (table, column) -> values, for references
        self.primary: dict[str, set] = defaultdict(set)
        self.pointers: dict[tuple[str, str], set] = defaultdict(set)  # (table, column) -> values that point
        self.tables: set[str] = set()

    def _problem(self, text: str) -> None:
        self.count += 1
        if len(self.problems) < _MAX_PROBLEMS:
            self.problems.append(text)

    def row(self, table: str, n: int, row: dict) -> dict:
        """One row, checked; returned with each value that cannot be written (a string where a number
        belongs, Infinity) replaced by None, so the export goes on to find every problem."""
        self.tables.add(table)
        out = dict(row)
        for column in TABLES[table]:
            value = row.get(column.name)
            why = value_problem(column, value)
            if why is None and value is not None and (table, column.name) in self.codes \
                    and value not in self.codes[(table, column.name)]:
                why = f"is {value!r}, not one of its codes (data/labels.yaml)"
            if why:
                self._problem(f"{table} row {n} ({self._id(table, row)}): {column.name} {why}")
                out[column.name] = None
        self._keys(table, n, row)
        return out

    def _id(self, table: str, row: dict) -> str:
        return "/".join(str(row.get(c)) for c in PRIMARY_KEYS.get(table, (TABLES[table][0].name,)))

    def _keys(self, table: str, n: int, row: dict) -> None:
        if table in PRIMARY_KEYS:
            key = tuple(row.get(c) for c in PRIMARY_KEYS[table])
            if key in self.primary[table]:
                self._problem(f"{table} row {n}: primary key {'/'.join(map(str, key))} repeats an earlier row")
            self.primary[table].add(key)
        for t, columns in PRIMARY_KEYS.items():
            if t == table and len(columns) == 1:
                self.keys[(t, columns[0])].add(row.get(columns[0]))
        for column, _, _ in FOREIGN_KEYS.get(table, ()):
            if row.get(column) is not None:
                self.pointers[(table, column)].add(row[column])

    def references(self) -> None:
        for table, foreign in FOREIGN_KEYS.items():
            for column, target, target_column in foreign:
                if table not in self.tables or target not in self.tables:
                    continue
                missing = self.pointers[(table, column)] - self.keys[(target, target_column)]
                for value in sorted(map(str, missing))[:5]:
                    self._problem(f"{table}.{column} {value!r} names no row of {target}.{target_column}")

    def result(self) -> list[str]:
        """Every problem found (the first ones, and how many more), after the references are checked."""
        self.references()
        more = self.count - len(self.problems)
        return self.problems + ([f"... and {more} more"] if more > 0 else [])


def _positive(amount: Any) -> bool:
    return amount is None or (_is(amount, "float") and math.isfinite(amount) and amount > 0)


def fhir_problems(bundle: Any, path: str = "fhir") -> list[str]:
    """Doses of the FHIR export that are not finite and above zero (a FHIR dose of -400 mg/kg is valid
    FHIR and a wrong prescription)."""
    problems = []
    if isinstance(bundle, dict):
        for key, value in bundle.items():
            if key in ("doseRange", "doseQuantity") and isinstance(value, dict):
                quantities = [value.get("low"), value.get("high")] if key == "doseRange" else [value]
                problems += [f"{path}.{key}: a dose of {amount!r}" for amount in
                             ((q or {}).get("value") for q in quantities) if not _positive(amount)]
            problems += fhir_problems(value, f"{path}.{key}")
    elif isinstance(bundle, list):
        for n, item in enumerate(bundle):
            problems += fhir_problems(item, f"{path}[{n}]")
    return problems
