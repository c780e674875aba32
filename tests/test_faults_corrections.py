"""Curator corrections cannot corrupt the data: each is checked against the schema before it applies; an
invalid one is listed with why and never applied; the published dataset stays valid (frictionless,
JSON Schema, FHIR doses above zero, no NaN or Infinity) whatever corrections.yaml says."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from pipeline.build import build
from pipeline.check import fhir_problems
from pipeline.errors import InvalidDatasetError
from pipeline.fhir import FILE as FHIR_FILE

from .conftest import CIRCULAR_TXT, ROOT
from .faults import files
from .test_curation import HIV_ITP_4500, ITP_ROW

# id -> (the entry's lines after its id, words of why it is invalid)
INVALID = {
    "negative-dose": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: -400, dose_high_mg_per_kg: -400}}\n"
                      "  reviewed: true", "an amount of drug is more than zero"),
    "zero-dose": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: 0}}", "more than zero"),
    "infinite-dose": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_high_mg_per_kg: 1.0e+999}}", "not a finite number"),
    "nan-dose": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_high_mg_per_kg: .nan}}", "not a finite number"),
    "huge-count": (f"regimen: {HIV_ITP_4500}\n  set: {{doses_count_low: 1.0e+30}}", "accept_implausible"),
    "implausible-dose": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: 40000}}", "outside 50-4000"),
    "bad-basis": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_basis: daily}}", "not one of ['per_dose', 'total']"),
    "words-for-number": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: four hundred}}", "not float"),
    "number-as-text": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: \"400\"}}", "not float"),
    "inverted-range": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: 800, dose_high_mg_per_kg: 400}}",
                       "dose_low_mg_per_kg 800 is above dose_high_mg_per_kg 400"),
    "unknown-indication": (f"row: {ITP_ROW}\n  set: {{indication_id: no-such-disease}}",
                           "neither data/indications.yaml nor a `split`"),
    "indication-as-number": (f"row: {ITP_ROW}\n  set: {{indication_id: 12}}", "not string"),
    "split-with-text": (f"split: {ITP_ROW}\n  indication: itp in children", "a split needs `indication:"),
    "split-bad-id": (f"split: {ITP_ROW}\n  indication: {{id: ITP Children!, name_en: x}}", "lower-case letters"),
    "merge-text": (f"merge: {ITP_ROW}", "merge must be"),
    "reviewed-yes": (f"regimen: {HIV_ITP_4500}\n  reviewed: yes please", "reviewed must be true or false"),
    "set-a-list": (f"regimen: {HIV_ITP_4500}\n  set: [dose_low_mg_per_kg, 400]", "`set` must be a mapping"),
    "days-as-text": (f"regimen: {HIV_ITP_4500}\n  set: {{schedule_days: [one, two]}}", "not a finite int"),
    "required-emptied": (f"regimen: {HIV_ITP_4500}\n  set: {{source_field: null}}", "empty but required"),
    "indication-emptied": (f"row: {ITP_ROW}\n  set: {{indication_id: null}}", "cannot be emptied"),
    "self-merge": (f"merge: [{ITP_ROW}, {ITP_ROW}]", "two different row ids"),
    "mapping-for-number": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: {{a: 1}}}}", "not float"),
    "true-for-number": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: true}}", "not float"),
    "bad-op": ("criterion: some-criterion\n  set: {op: approximately}", "not one of ['<'"),
    "two-targets": (f"regimen: {HIV_ITP_4500}\n  row: {ITP_ROW}", "name exactly one target"),
    "empty-accept": (f"regimen: {HIV_ITP_4500}\n  set: {{dose_low_mg_per_kg: 40000}}\n  accept_implausible: \"\"",
                     "accept_implausible must say why"),
}


def _yaml(entries: dict[str, str]) -> str:
    return "".join(f"- id: {cid}\n  {body}\n" for cid, body in entries.items())


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    folder = tmp_path_factory.mktemp("raw")
    shutil.copy(CIRCULAR_TXT, folder)
    return folder


@pytest.fixture(scope="module")
def clean(raw, tmp_path_factory):
    out = tmp_path_factory.mktemp("clean") / "curated"
    build(raw, out, cache_dir=False)
    return out


@pytest.fixture(scope="module")
def with_invalid(raw, tmp_path_factory):
    folder = tmp_path_factory.mktemp("invalid")
    path = folder / "corrections.yaml"
    path.write_text(_yaml({cid: body for cid, (body, _) in INVALID.items()}), encoding="utf-8")
    report = build(raw, folder / "curated", corrections=path, cache_dir=False)
    return folder / "curated", report


def _rows(out: Path, table: str) -> list[dict]:
    return json.loads((out / f"{table}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("cid", INVALID)
def test_invalid_correction_is_listed_with_why(with_invalid, cid):
    out, report = with_invalid
    outcome = {o["correction_id"]: o for o in _rows(out, "corrections")}[cid]
    assert outcome["status"] == "invalid" and INVALID[cid][1] in outcome["message"], outcome["message"]
    assert {"id": cid, "status": "invalid", "why": outcome["message"]} in report.corrections_not_applied


def test_invalid_corrections_change_no_value(with_invalid, clean):
    out, report = with_invalid
    assert report.corrections == {"applied": 0, "stale": 0, "invalid": len(INVALID)}
    for table in ("source_rows", "regimens", "criteria", "indications"):
        assert _rows(out, table) == _rows(clean, table), table


def test_build_with_hostile_corrections_stays_valid(with_invalid):
    out, _ = with_invalid
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "datapackage.json"], cwd=out, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    for schema_path in (out / "schemas").glob("*.schema.json"):
        data_path = out / schema_path.name.replace(".schema.json", ".json")
        if data_path.exists():
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            jsonschema.validate(json.loads(data_path.read_text(encoding="utf-8")), schema)
    for path in out.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        json.loads(text, parse_constant=lambda name: pytest.fail(f"{path.name} holds {name}"))
    fhir = json.loads((out / FHIR_FILE).read_text(encoding="utf-8"))
    assert '"doseRange"' in json.dumps(fhir) and fhir_problems(fhir) == []


def test_implausible_value_applies_only_when_accepted_and_stays_flagged(raw, tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text(textwrap.dedent(f"""\
        - id: big-dose
          regimen: {HIV_ITP_4500}
          set: {{dose_low_mg_per_kg: 5000, dose_high_mg_per_kg: 5000}}
          accept_implausible: the guideline really says 5 g/kg; confirmed with its authors
          reviewed: true
          by: test curator
        """), encoding="utf-8")
    report = build(raw, tmp_path / "curated", corrections=path, cache_dir=False)
    assert report.corrections["applied"] == 1
    regimen = next(r for r in _rows(tmp_path / "curated", "regimens") if r["regimen_id"] == HIV_ITP_4500)
    assert regimen["dose_low_mg_per_kg"] == 5000 and regimen["needs_review"] is True
    assert any(r.startswith("implausible_correction: dose_low_mg_per_kg 5000 is outside 50-4000")
               and "accepted by test curator: the guideline really says" in r for r in regimen["review_reasons"])
    fhir = (tmp_path / "curated" / FHIR_FILE).read_text(encoding="utf-8")
    assert HIV_ITP_4500 not in fhir  # a regimen under review never goes to FHIR


def _examples(path: Path) -> str:
    """The commented examples of corrections.yaml, as YAML."""
    lines = [line[1:] for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^#\s{3,}\S", line)]
    return textwrap.dedent("\n".join(lines))


def test_the_documented_examples_are_valid_and_apply(raw, tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text(_examples(ROOT / "corrections.yaml"), encoding="utf-8")
    report = build(raw, tmp_path / "curated", corrections=path, cache_dir=False)
    outcomes = {o["correction_id"]: o["status"] for o in _rows(tmp_path / "curated", "corrections")}
    assert outcomes == {"itp-children-row": "applied", "hiv-itp-dose": "applied", "split-x": "stale"}
    assert report.corrections["invalid"] == 0
    row = next(r for r in _rows(tmp_path / "curated", "source_rows") if r["row_id"] == ITP_ROW)
    assert (row["indication_id"], row["matched_by"], row["matched_by_label"]) == (
        "itp-children", "curator", "Set by a curator (corrections.yaml)")


def test_stale_corrections_are_named_in_the_summary(raw, tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text(_yaml({"gone-regimen": "regimen: no-such-regimen\n  set: {dose_low_mg_per_kg: 400}"}),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out",
                             str(tmp_path / "curated"), "--corrections", str(path), "--no-progress"], cwd=ROOT,
                            capture_output=True, text=True, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert "stale: gone-regimen: its target is gone from this build" in result.stdout


def test_the_pre_swap_check_refuses_a_dataset_that_breaks_its_schema(clean, tmp_path, monkeypatch):
    from pipeline import fragments

    out = tmp_path / "curated"
    shutil.copytree(clean, out)
    before = files(out)
    made_by = fragments.parts_to_tables

    def corrupt(*args, **kwargs):  # a document's tables as a faulty stage might make them
        kb, ledger, made = made_by(*args, **kwargs)
        made["regimens"][0] = {**made["regimens"][0], "dose_high_mg_per_kg": float("inf"), "dose_basis": "daily",
                               "regimen_id": made["regimens"][1]["regimen_id"], "indication_id": "nowhere"}
        made["source_rows"][0] = {**made["source_rows"][0], "row_number": "first", "text": None}
        return kb, ledger, made

    monkeypatch.setattr(fragments, "parts_to_tables", corrupt)
    with pytest.raises(InvalidDatasetError) as error:
        build(_raw_of(tmp_path), out, cache_dir=False)
    message = str(error.value)
    for words in ("dose_high_mg_per_kg is inf, not a finite number", "dose_basis is 'daily', not one of its codes",
                  "primary key", "row_number is str 'first', not int", "text is empty but required",
                  "regimens.indication_id 'nowhere' names no row of indications.indication_id"):
        assert words in message, words
    assert files(out) == before and not list(tmp_path.glob(".curated-new-*"))


def _raw_of(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CIRCULAR_TXT, raw)
    return raw


def test_the_check_follows_columns_added_to_the_schema(monkeypatch):
    from pipeline import schema
    from pipeline.check import DatasetCheck

    added = schema.Column("dose_low", "float", "a column another stage adds")
    monkeypatch.setitem(schema.TABLES, "regimens", schema.TABLES["regimens"] + (added,))
    check = DatasetCheck()
    check.row("regimens", 1, {"dose_low": -5.0})
    assert any("dose_low is -5: an amount of drug is more than zero" in p for p in check.result())


def test_entries_sharing_an_id_are_all_refused_and_each_reported(tmp_path):
    """Two corrections with one id: which one the curator meant cannot be told, so neither applies, and
    each gets its own outcome (before, the second outcome overwrote the first)."""
    from pipeline.corrections import load_corrections

    path = tmp_path / "corrections.yaml"
    path.write_text(textwrap.dedent(f"""\
        - id: same
          regimen: {HIV_ITP_4500}
          set: {{dose_low_mg_per_kg: 400, dose_high_mg_per_kg: 400}}
        - id: other
          regimen: {HIV_ITP_4500}
          reviewed: true
        - id: same
          regimen: {HIV_ITP_4500}
          set: {{dose_low_mg_per_kg: 1000, dose_high_mg_per_kg: 1000}}
        """), encoding="utf-8")
    corrections, invalid = load_corrections(path)
    assert [c.correction_id for c in corrections] == ["other"]
    assert [(o.correction_id, o.status) for o in invalid] == [("same@1", "invalid"), ("same@3", "invalid")]
    assert all("entries 1, 3" in o.message for o in invalid)
