"""schema.py -> descriptions other tools validate: a Frictionless Data Package and a JSON Schema per table.

Both are generated from the schema at every build, so a column added to schema.py appears in them.
The Data Package describes the JSON twins (arrays of objects, one per row), which frictionless reads
with their list columns as JSON arrays; the Parquet files hold the same rows and columns, list
columns as Parquet list<...>.
"""
from __future__ import annotations

from .labels import labelled_columns
from .reasons import review_codes
from .schema import DESCRIPTIONS, FOREIGN_KEYS, PRIMARY_KEYS, TABLES, Column
from .version import PIPELINE_VERSION

_FRICTIONLESS = {"string": "string", "int": "integer", "float": "number", "bool": "boolean"}
_JSON = {"string": "string", "int": "integer", "float": "number", "bool": "boolean"}


def _codes(table: str) -> dict[str, list[str]]:
    """column -> the codes data/labels.yaml allows in it."""
    return {column: list(labels) for (t, column), (_, labels) in labelled_columns().items() if t == table}


def _item_codes(column: Column) -> list[str] | None:
    """The codes a list column's items may take: review_codes' from data/review_codes.yaml."""
    return list(review_codes()) if column.name == "review_codes" else None


def _item_type(column: Column) -> str | None:
    return column.type[5:-1] if column.type.startswith("list<") else None


def column_to_field(column: Column, codes: list[str] | None) -> dict:
    """One column -> a Table Schema field: type, English description, required, allowed codes."""
    item = _item_type(column)
    field: dict = {"name": column.name, "type": "array" if item else _FRICTIONLESS[column.type],
                   "description": column.description}
    if item:
        field["arrayItem"] = {"type": _FRICTIONLESS[item]}
        if _item_codes(column):
            field["arrayItem"]["constraints"] = {"enum": _item_codes(column)}
        field["description"] += f" (a JSON array; a Parquet list<{item}>)"
    constraints = {}
    if not column.nullable:
        constraints["required"] = True
    if codes:
        constraints["enum"] = codes
    if constraints:
        field["constraints"] = constraints
    return field


def table_to_resource(table: str, tables: list[str], empty: bool = False) -> dict:
    """One table -> a tabular data resource over <table>.json, with its keys. An empty table is
    described by its header inline: frictionless finds no columns in an empty JSON array."""
    codes = _codes(table)
    schema: dict = {"fields": [column_to_field(c, codes.get(c.name)) for c in TABLES[table]]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = list(PRIMARY_KEYS[table])
    foreign = [{"fields": [column], "reference": {"resource": target, "fields": [target_column]}}
               for column, target, target_column in FOREIGN_KEYS.get(table, ()) if target in tables]
    if foreign:
        schema["foreignKeys"] = foreign
    description = DESCRIPTIONS.get(table, table)
    if empty:
        return {"name": table, "data": [[c.name for c in TABLES[table]]], "format": "inline",
                "profile": "tabular-data-resource", "schema": schema,
                "description": f"{description} No row in this build ({table}.json and {table}.parquet are empty)."}
    return {
        "name": table, "path": f"{table}.json", "format": "json", "mediatype": "application/json",
        "encoding": "utf-8", "profile": "tabular-data-resource",
        "description": f"{description} The same rows are in {table}.parquet.",
        "schema": schema,
    }


def tables_to_datapackage(tables: list[str], empty: set[str] = frozenset()) -> dict:
    """The Frictionless Data Package (datapackage.json) describing the given tables of the build
    (`empty`: those without rows)."""
    return {
        "profile": "tabular-data-package",
        "name": "ivig-kb",
        "title": "IVIg prescribing rules",
        "description": "IVIg prescribing rules extracted from official guidelines (a Persian circular) and a "
                       "Chinese article: documents, table rows, dose regimens in mg/kg, canonical indications "
                       "(ICD-10), thresholds and curator flags. Every table is also a Parquet file; each JSON "
                       "file has a JSON Schema in schemas/.",
        "version": PIPELINE_VERSION,
        "resources": [table_to_resource(t, tables, t in empty) for t in tables],
    }


def _json_type(type_: str, nullable: bool) -> dict:
    item = type_[5:-1] if type_.startswith("list<") else None
    out: dict = {"type": "array", "items": {"type": _JSON[item]}} if item else {"type": _JSON[type_]}
    if nullable:
        out["type"] = [out["type"], "null"]
    return out


def table_to_json_schema(table: str) -> dict:
    """JSON Schema (2020-12) of <table>.json: an array of objects holding exactly the schema's columns."""
    codes = _codes(table)
    properties = {}
    for c in TABLES[table]:
        prop = {"description": c.description, **_json_type(c.type, c.nullable)}
        if c.name in codes:
            prop["enum"] = codes[c.name] + ([None] if c.nullable else [])
        if _item_codes(c):
            prop["items"]["enum"] = _item_codes(c)
        properties[c.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{table}.schema.json",
        "title": table,
        "description": DESCRIPTIONS.get(table, table),
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": [c.name for c in TABLES[table]],
                  "additionalProperties": False},
    }


def manifest_json_schema() -> dict:
    """JSON Schema of manifest.json: versions, each document's files and hashes, row accounting, rows per table."""
    count = {"type": "integer", "minimum": 0}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "manifest.schema.json",
        "title": "manifest",
        "description": "What a build read and wrote: versions, source files and hashes, row accounting, rows per table.",
        "type": "object",
        "required": ["pipeline_version", "data_version", "documents", "accounting", "tables"],
        "properties": {
            "pipeline_version": {"type": "string", "description": "Version of the pipeline that built the data"},
            "data_version": {"type": "string", "description": "Digest of the reviewed data files (pipeline/data/)"},
            "documents": {"type": "array", "description": "Each document and the files that carry it", "items": {
                "type": "object", "required": ["doc_id", "files"], "properties": {
                    "doc_id": {"type": "string"},
                    "files": {"type": "array", "items": {
                        "type": "object", "required": ["file", "sha256"],
                        "properties": {"file": {"type": "string"},
                                       "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}}}}},
            "accounting": {"type": "object", "description": "Per document: table lines read = rows + continuations; "
                                                            "rows in = kept + merged + rejected",
                           "additionalProperties": {"type": "object", "additionalProperties": count}},
            "tables": {"type": "object", "description": "Rows per table", "additionalProperties": count},
        },
    }
