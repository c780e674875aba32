"""The Python API: `from pipeline import load`, and the CLI commands that mirror it."""
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from pipeline import KnowledgeBase, load
from pipeline.api import default_folder
from pipeline.errors import DatasetNotFoundError, UnknownTableError
from pipeline.schema import TABLES, columns

from .conftest import ROOT


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd="/", capture_output=True, text=True)


def test_load_reads_the_committed_curated_whatever_the_current_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    kb = load()
    assert isinstance(kb, KnowledgeBase)
    assert kb.folder == default_folder() == ROOT / "curated"
    assert len(kb.regimens) == kb.manifest["tables"]["regimens"] == 74


def test_load_a_built_folder(built):
    kb = load(built)
    assert kb.tables == list(TABLES)
    assert {"documents", "source_rows", "regimens", "indications", "criteria", "flags", "labels"} <= set(kb.present)
    assert kb.summary()["source_rows"] == 55 and kb.summary()["indications"] == 48
    assert isinstance(kb.regimens, pd.DataFrame)
    assert list(kb.regimens.columns) == columns("regimens")
    assert kb.regimens.dose_low_mg_per_kg.dtype == "float64" and kb.regimens.needs_review.dtype == bool
    kawasaki = kb.regimens_for("kawasaki-disease")
    assert len(kawasaki) == 2 and set(kawasaki.dose_high_mg_per_kg) == {2000}
    hsct = kb.table("criteria", "allo-hsct-hypogammaglobulinemia")
    assert hsct[["doc_id", "analyte"]].values.tolist() == [
        ["qums-1399-06-16-148911", "igg"], ["qums-1399-06-16-148911", "days_since_transplant"],
        ["article-db7056881d39", "age"], ["article-db7056881d39", "days_since_transplant"]]
    assert kb.table("links", "cmv-disease").relation.tolist() == ["differs"] * 3


def test_a_table_not_built_is_empty_with_the_schemas_columns(built, tmp_path):
    folder = tmp_path / "curated"
    shutil.copytree(built, folder)
    (folder / "criteria.parquet").unlink()
    kb = load(folder)
    assert "criteria" not in kb.present and "regimens" in kb.present
    assert kb.criteria.empty and list(kb.criteria.columns) == columns("criteria")
    assert kb.criteria.value_low.dtype == "float64"
    assert kb.summary()["criteria"] == 0


def test_every_schema_table_is_an_attribute(built):
    kb = load(built)
    for name in TABLES:
        assert list(getattr(kb, name).columns) == columns(name)
    with pytest.raises(AttributeError):
        kb.no_such_table
    with pytest.raises(UnknownTableError):
        kb.table("no_such_table")


def test_records_are_the_json_export(built):
    """Export then load returns the same rows: the API's records equal each table's JSON twin."""
    kb = load(built)
    for name in kb.present:
        assert kb.records(name) == json.loads((built / f"{name}.json").read_text(encoding="utf-8")), name


def test_a_partitioned_build_loads_as_the_same_tables(built, tmp_path):
    from pipeline.build import build

    from .conftest import RAW

    build(RAW, tmp_path / "partitioned", partitioned=True)
    assert (tmp_path / "partitioned" / "regimens").is_dir()
    kb, flat = load(tmp_path / "partitioned"), load(built)
    assert kb.summary() == flat.summary()
    regimens = kb.regimens.sort_values("regimen_id").reset_index(drop=True)
    expected = flat.regimens.sort_values("regimen_id").reset_index(drop=True)
    assert list(regimens.columns) == columns("regimens") and regimens.doc_id.dtype == expected.doc_id.dtype
    pd.testing.assert_frame_equal(regimens.drop(columns=["row_ids", "schedule_days", "notes", "conflicts_with",
                                                         "review_reasons", "reviewed_reasons", "corrections"]),
                                  expected.drop(columns=["row_ids", "schedule_days", "notes", "conflicts_with",
                                                         "review_reasons", "reviewed_reasons", "corrections"]))


def test_a_folder_without_tables_is_a_clear_error(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="no curated table"):
        load(tmp_path)


def test_cli_tables_json_equals_the_api(built):
    result = _cli("tables", "--curated", str(built), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == load(built).summary()


def test_cli_show_json_equals_the_api(built):
    result = _cli("show", "regimens", "--curated", str(built), "--indication", "cidp", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == load(built).records("regimens", "cidp")
    assert len(json.loads(result.stdout)) == 3


def test_cli_names_an_unknown_table(built):
    result = _cli("show", "dosages", "--curated", str(built))
    assert result.returncode == 1 and "no table 'dosages'" in result.stderr


def test_importing_the_package_and_the_cli_stays_light():
    code = "import pipeline, pipeline.cli, sys; print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
