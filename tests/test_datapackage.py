"""The Data Package and the JSON Schemas: generated from schema.py, and the data validates against them."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from frictionless import Package

from pipeline.schema import DESCRIPTIONS, FOREIGN_KEYS, PRIMARY_KEYS, TABLES

TABLES_BUILT = ["documents", "source_rows", "regimens", "indications", "criteria", "statements", "links",
                "references", "adverse_effects", "corrections", "flags", "labels"]


def _datapackage(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validate_passes(built):
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "datapackage.json"], cwd=built, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_resource_is_valid_with_its_rows(built):
    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["taskName", "type", "note"])[:10]
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["source_rows"] == 55 and rows["regimens"] == 74 and rows["indications"] == 48
    assert rows["statements"] == 68 and rows["links"] == 7


def test_datapackage_describes_every_table_column_and_key(built):
    package = _datapackage(built)
    resources = {r["name"]: r for r in package["resources"]}
    assert set(TABLES_BUILT) <= set(resources) <= set(TABLES)
    for name, resource in resources.items():
        if "path" in resource:
            assert resource["path"] == f"{name}.json" and (built / resource["path"]).exists()
        else:  # an empty table: its header inline
            assert resource["data"] == [[c.name for c in TABLES[name]]]
        assert resource["description"].startswith(DESCRIPTIONS[name])
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [c.name for c in TABLES[name]]
        assert all(f["description"] for f in fields)
        assert resource["schema"].get("primaryKey") == (list(PRIMARY_KEYS[name]) if name in PRIMARY_KEYS else None)
    regimens = resources["regimens"]["schema"]
    assert {(k["fields"][0], k["reference"]["resource"]) for k in regimens["foreignKeys"]} == {
        ("doc_id", "documents"), ("indication_id", "indications")}
    assert len(resources["source_rows"]["schema"]["foreignKeys"]) == len(FOREIGN_KEYS["source_rows"])
    assert resources["links"]["schema"]["foreignKeys"][0] == {
        "fields": ["statement_id"], "reference": {"resource": "statements", "fields": ["statement_id"]}}
    assert resources["references"]["schema"]["primaryKey"] == ["doc_id", "number"]
    row_ids = next(f for f in regimens["fields"] if f["name"] == "row_ids")
    assert row_ids["type"] == "array" and row_ids["arrayItem"] == {"type": "string"}
    assert "Parquet list<string>" in row_ids["description"]
    basis = next(f for f in regimens["fields"] if f["name"] == "dose_basis")
    assert basis["constraints"] == {"enum": ["per_dose", "total"]}


def test_an_empty_table_is_described_and_valid(built, tmp_path):
    """frictionless finds no header in an empty JSON array: an empty table's header is given inline."""
    from pipeline.export import write_descriptions

    folder = tmp_path / "curated"
    shutil.copytree(built, folder)
    tables = {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in TABLES_BUILT}
    tables["criteria"] = []
    (folder / "criteria.json").write_text("[]\n", encoding="utf-8")
    write_descriptions(folder, tables)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["taskName", "type", "note"])[:5]
    criteria = next(r for r in _datapackage(folder)["resources"] if r["name"] == "criteria")
    assert "path" not in criteria and "No row in this build" in criteria["description"]


def test_a_broken_foreign_key_or_code_fails_validation(built, tmp_path):
    folder = tmp_path / "curated"
    shutil.copytree(built, folder)
    regimens = json.loads((folder / "regimens.json").read_text(encoding="utf-8"))
    regimens[0]["indication_id"] = "no-such-indication"
    regimens[1]["phase"] = "sometimes"
    (folder / "regimens.json").write_text(json.dumps(regimens, ensure_ascii=False), encoding="utf-8")
    report = Package(str(folder / "datapackage.json")).validate()
    errors = {e[0] for e in report.flatten(["type"])}
    assert errors == {"foreign-key", "constraint-error"}


@pytest.mark.parametrize("table", list(TABLES))
def test_json_export_matches_its_json_schema(built, table):
    if not (built / f"{table}.json").exists():
        pytest.skip(f"{table} is not built yet")
    schema = json.loads((built / "schemas" / f"{table}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((built / f"{table}.json").read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert not errors, errors[:5]
    assert schema["items"]["required"] == [c.name for c in TABLES[table]]


def test_json_schema_rejects_a_wrong_type_or_code(built):
    schema = json.loads((built / "schemas" / "criteria.schema.json").read_text(encoding="utf-8"))
    row = json.loads((built / "criteria.json").read_text(encoding="utf-8"))[0]
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid([row])
    assert not validator.is_valid([{**row, "op": "approximately"}])
    assert not validator.is_valid([{**row, "value_low": "400"}])
    assert not validator.is_valid([{**row, "surprise": 1}])


def test_manifest_matches_its_json_schema(built):
    schema = json.loads((built / "schemas" / "manifest.schema.json").read_text(encoding="utf-8"))
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(manifest, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**manifest, "tables": {"regimens": -1}}, schema)
