"""Two builds' tables -> Change records: what changed in the guideline, field by field.

A change is what a curator would name: a regimen's dose, an interval, a threshold, an indication
removed. What only follows from such a change (ids, row numbers, counts, flags, a link's relation,
the FHIR resource) is a derived change, kept apart and shown only when asked for (--all)."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from . import fields, pairs

ITEMS = {"regimens": "regimen", "criteria": "threshold"}
UNITS = {"source_rows": ("row", "row_number"), "statements": ("statement", "position")}


@dataclass(frozen=True)
class Change:
    """One difference between two builds, in the words a curator uses."""

    table: str
    indication_id: str | None
    item: str            # document, indication, row, statement, regimen, threshold, or a table's row
    ordinal: int | None  # the item's place: regimen 1 of its indication in its document, row 23 ...
    field: str           # dose, interval, infusion ...; the item's name when it was added or removed
    old: Any
    new: Any
    derived: bool = False
    doc_id: str | None = None

    def record(self) -> dict:
        return {"table": self.table, "indication_id": self.indication_id, "item": self.item,
                "ordinal": self.ordinal, "field": self.field, "old": self.old, "new": self.new}


def _item_id(item: dict) -> str:
    return item.get("regimen_id") or item.get("criterion_id") or ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _counts(items: list[dict]) -> str:
    """'2 regimens' or '0 regimens, 1 threshold': what a row carried."""
    n = {t: sum(1 for i in items if i["_table"] == t) for t in ITEMS}
    return ", ".join(_count(n[t], w) for t, w in ITEMS.items() if t == "regimens" or n[t])


class _Build:
    """One build's tables, indexed the ways the comparison reads them."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.tables = tables
        self.items: dict[str, list[dict]] = defaultdict(list)  # row or statement id -> its regimens, thresholds
        self.ordinal: dict[str, int] = {}  # item id -> its place among its indication's items of its kind and document
        for table in ITEMS:
            seen: dict[tuple, int] = defaultdict(int)
            for item in tables.get(table, []):
                tagged = item | {"_table": table}
                for row_id in item.get("row_ids") or [""]:  # a regimen two rows state is in both rows' lists
                    self.items[row_id].append(tagged)
                seen[(item.get("doc_id"), item.get("indication_id"))] += 1
                self.ordinal[_item_id(item)] = seen[(item.get("doc_id"), item.get("indication_id"))]
        # per document, read once: a corpus of thousands of documents is compared in one pass
        self.by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for table in UNITS:
            for unit in tables.get(table, []):
                self.by_doc[(table, unit.get("doc_id"))].append(unit)
        self.files = {d["doc_id"]: set(d.get("renditions") or []) for d in tables.get("documents", [])}

    def place(self, item: dict) -> int:
        return self.ordinal.get(_item_id(item), 0)

    def units(self, table: str, doc_id: str) -> list[dict]:
        order = UNITS[table][1]
        return sorted(self.by_doc.get((table, doc_id), []), key=lambda u: u.get(order) or 0)

    def renditions(self, doc_id: str | None) -> set[str]:
        return self.files.get(doc_id, set())

    def indications(self, doc_id: str) -> set[str]:
        return {u.get("indication_id") for t in UNITS for u in self.by_doc.get((t, doc_id), []) if u.get("indication_id")}


def _spans(items: list[dict], table_field: str) -> list[tuple[int, int]]:
    return [(i["span_start"], i["span_end"]) for i in items
            if i.get("source_field") == table_field and i.get("span_start") is not None and i.get("span_end") is not None]


def _same_rows(before: dict, after: dict, old: dict, new: dict) -> bool:
    """Do the same rows state the item in both builds (this row pair counted as one row)?"""
    unit = "row_id" if "row_id" in after else "statement_id"
    rows_old = {after[unit] if r == before[unit] else r for r in old.get("row_ids") or []}
    doc_old, doc_new = old.get("doc_id") or "", new.get("doc_id") or ""
    return {r.removeprefix(doc_old) for r in rows_old} == {r.removeprefix(doc_new) for r in new.get("row_ids") or []}


def _cell(table: str, column: str) -> str:
    return "statement" if table == "statements" else column.removesuffix("_text")


class Comparison:
    """The changes between an old and a new build (their tables as lists of row dicts)."""

    def __init__(self, old: dict[str, list[dict]], new: dict[str, list[dict]]):
        self.old, self.new = _Build(old), _Build(new)
        self.changes: list[Change] = []
        self.done: dict[tuple[int, int], bool] = {}  # item pairs compared (a shared item comes once per row)

    def run(self) -> list[Change]:
        for before, after in pairs.documents(self.old.tables.get("documents", []), self.new.tables.get("documents", [])):
            if before is None or after is None:
                self._document_alone(before, after)
                continue
            self._fields("documents", before, after, None, "document", None, after["doc_id"])
            for table in UNITS:
                self._units(table, before["doc_id"], after["doc_id"])
        from .tables import other_tables

        self.changes += other_tables(self.old.tables, self.new.tables)
        return self.changes

    def _add(self, *args, **kwargs) -> None:
        self.changes.append(Change(*args, **kwargs))

    def _fields(self, table, old, new, indication_id, item, ordinal, doc_id, follows: frozenset = frozenset()) -> bool:
        """The field changes of one paired item; True when a curator's field changed (follows: the
        fields whose change follows from another one, "*" for all)."""
        real = False
        for name, before, after, derived in fields.field_changes(table, old, new):
            derived = derived or name in follows or "*" in follows
            self._add(table, indication_id, item, ordinal, name, before, after, derived, doc_id)
            real = real or not derived
        return real

    def _document_alone(self, before: dict | None, after: dict | None) -> None:
        doc = after or before
        build = self.new if after else self.old
        what = (f"{doc.get('kind')} {doc.get('title') or doc['doc_id']}, "
                f"{_count(len(build.indications(doc['doc_id'])), 'indication')}")
        self._add("documents", None, "document", None, "document", None if after else what,
                  what if after else None, False, doc["doc_id"])

    def _units(self, table: str, old_doc: str, new_doc: str) -> None:
        alike = pairs.rows_alike if table == "source_rows" else pairs.statements_alike
        key = (lambda u: pairs.letters(u.get("indication_text"))) if table == "source_rows" else (
            lambda u: pairs.letters(u.get("text")))
        old_units, new_units = self.old.units(table, old_doc), self.new.units(table, new_doc)
        still = {"old": self.old.indications(old_doc), "new": self.new.indications(new_doc)}
        for before, after in pairs.in_sequence(old_units, new_units, key, alike):
            if before is not None and after is not None:
                self._unit_pair(table, before, after, new_doc)
            else:
                self._unit_alone(table, before, after, new_doc, still)

    def _unit_alone(self, table, before, after, doc_id, still) -> None:
        """A row (or statement) only one build has: its indication added or removed when no other row
        of the document states it, else the row; a new row's regimens and thresholds with it."""
        unit, added = after or before, after is not None
        name, order = UNITS[table]
        build = self.new if added else self.old
        own = build.items.get(unit.get("row_id") or unit.get("statement_id"), [])
        what = f"{name} {unit.get(order)}, {_counts(own)}"
        indication = unit.get("indication_id")
        other_side = still["old" if added else "new"]
        if indication and indication not in other_side:
            self._alone("indications", indication, "indication", None, what, added, False, doc_id)
            other_side.add(indication)  # one entry for an indication even when several of its rows go
        else:
            self._alone(table, indication, name, unit.get(order), _counts(own), added, False, doc_id)
        for item in own:  # a new row's regimens are news; a removed row's go with it (derived)
            if len(item.get("row_ids") or []) > 1 or self._seen(None if added else item, item if added else None):
                continue  # stated by other rows too: it stays, as their pairs show
            item_table = item["_table"]
            self._alone(item_table, item.get("indication_id"), ITEMS[item_table], build.place(item),
                        fields.summary(item_table, item), added, not added, doc_id)

    def _alone(self, table, indication, item, ordinal, what, added, derived, doc_id) -> None:
        """An item only one build has: added (old None) or removed (new None)."""
        self._add(table, indication, item, ordinal, item, None if added else what, what if added else None, derived,
                  doc_id)

    def _unit_pair(self, table: str, before: dict, after: dict, doc_id: str) -> None:
        name, order = UNITS[table]
        indication = after.get("indication_id") or before.get("indication_id")
        self._fields(table, before, after, indication, name, after.get(order), doc_id)
        self._renditions(table, before, after, indication, doc_id)
        old_items = self.old.items.get(before.get("row_id") or before.get("statement_id"), [])
        new_items = self.new.items.get(after.get("row_id") or after.get("statement_id"), [])
        changed_old, changed_new = [], []
        for old_item, new_item in pairs.items(old_items, new_items):
            if self._item_pair(old_item, new_item, doc_id, self._elsewhere(before, after, old_item, new_item)):
                changed_old += [old_item] if old_item else []
                changed_new += [new_item] if new_item else []
        for column in fields.spec()["texts"].get(table, []):
            cell = _cell(table, column)
            loose = fields.unexplained_text_change(before.get(column), after.get(column), _spans(changed_old, cell),
                                                   _spans(changed_new, cell))
            if before.get(column) != after.get(column):
                derived = loose is None
                old_text, new_text = loose or (before.get(column), after.get(column))
                self._add(table, indication, name, after.get(order), f"{cell} text", old_text, new_text, derived,
                          doc_id)

    def _renditions(self, table: str, before: dict, after: dict, indication: str | None, doc_id: str) -> None:
        """A row one rendition of the document no longer gives (or newly gives) while the document
        still has (had) that rendition: the text lost a row the PDF still prints, say."""
        old_files, new_files = set(before.get("renditions") or []), set(after.get("renditions") or [])
        both = self.old.renditions(before.get("doc_id")) & self.new.renditions(after.get("doc_id"))
        if (old_files ^ new_files) & both:
            self._add(table, indication, UNITS[table][0], after.get(UNITS[table][1]), "renditions",
                      ", ".join(sorted(old_files)), ", ".join(sorted(new_files)), False, doc_id)

    def _seen(self, old: dict | None, new: dict | None) -> bool:
        """Has this pair been compared already (a regimen several rows state)? Marks it compared."""
        key = (id(old), id(new))
        seen = key in self.done
        self.done.setdefault(key, False)
        return seen

    @staticmethod
    def _elsewhere(before: dict, after: dict, old: dict | None, new: dict | None) -> frozenset:
        """Which differences of this pair follow from another change: its indication when the row's
        indication changed alike; all of them when the row's own words for it did not change while
        the rows that state it did (two rows' like regimens merged in one build and apart in the
        other: one row edited, or removed)."""
        if old is None or new is None:
            return frozenset()
        moved = (old.get("indication_id"), new.get("indication_id")) == (before.get("indication_id"),
                                                                         after.get("indication_id"))
        follows = frozenset({"indication"} if moved else ())
        column = f"{new.get('source_field')}_text" if "row_id" in after else "text"
        if before.get(column) != after.get(column):
            return follows
        return follows if _same_rows(before, after, old, new) else frozenset({"*"})

    def _item_pair(self, old: dict | None, new: dict | None, doc_id: str, elsewhere: frozenset = frozenset()) -> bool:
        """Compare one regimen or threshold with its pair; True when a curator's field changed."""
        key = (id(old), id(new))
        if key in self.done:
            return self.done[key]
        self.done[key] = real = self._compare(old, new, doc_id, elsewhere)
        return real

    def _compare(self, old: dict | None, new: dict | None, doc_id: str, elsewhere: frozenset) -> bool:
        item = new or old
        table = item["_table"]
        word = ITEMS[table]
        place = self.new.place(new) if new else self.old.place(old)
        if old is None or new is None:
            self._alone(table, item.get("indication_id"), word, place, fields.summary(table, item), new is not None,
                        False, doc_id)
            return True
        strip = {k: v for k, v in old.items() if k != "_table"}, {k: v for k, v in new.items() if k != "_table"}
        return self._fields(table, *strip, new.get("indication_id") or old.get("indication_id"), word, place, doc_id,
                            elsewhere)


def jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))
