"""Curators: corrections that survive reruns and go stale when their target changes, diffs, caches."""
import json
import textwrap

import pandas as pd
import pytest

from pipeline.build import build
from pipeline.diff import diff, diff_text

from .conftest import copy_raw

ITP_ROW = "qums-1399-06-16-148911-r45e11502"
HIV_ITP_4500 = "qums-1399-06-16-148911-r64e1af2d-g75b956"
NAIT_NEONATES = "qums-1399-06-16-148911-rac6b4004"
MATERNAL_ITP = "qums-1399-06-16-148911-r58e8b2ed"


def _corrections(tmp_path, text: str):
    path = tmp_path / "corrections.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    return copy_raw(tmp_path_factory.mktemp("raw"), ["qums-ivig-circular-1399.txt"])


CORRECTIONS = f"""
- id: itp-row
  row: {ITP_ROW}
  expect: "درمان حمله حاد: 0.4-1.0 gr/kg/dose"
  set: {{indication_id: itp-children}}
  reviewed: true
  reason: the cells describe acute and chronic ITP in children
  by: test curator
- id: hiv-itp-dose
  regimen: {HIV_ITP_4500}
  expect: "4500mg/kg برای 5-10 روز"
  set: {{dose_low_mg_per_kg: 400, dose_high_mg_per_kg: 400, dose_basis: per_dose}}
  reviewed: true
  reason: checked against the source guideline
  by: test curator
- id: gone
  regimen: no-such-regimen
  set: {{dose_low_mg_per_kg: 400}}
- id: words-changed
  regimen: {HIV_ITP_4500}
  expect: "5000mg/kg"
  set: {{dose_low_mg_per_kg: 500}}
- id: not-settable
  regimen: {HIV_ITP_4500}
  set: {{regimen_id: other}}
"""


@pytest.fixture(scope="module")
def corrected(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("corrected")
    out = folder / "curated"
    report = build(raw, out, corrections=_corrections(folder, CORRECTIONS))
    return out, report


def _table(out, name):
    return pd.read_parquet(out / f"{name}.parquet")


def test_corrections_are_applied_and_recorded(corrected):
    out, report = corrected
    rows = _table(out, "source_rows").set_index("row_id")
    itp = rows.loc[ITP_ROW]
    assert (itp.indication_id, itp.curated_by, list(itp.corrections)) == ("itp-children", "curator", ["itp-row"])
    assert not itp.needs_review and len(itp.review_reasons) == 0
    assert any("reviewed by test curator" in r for r in itp.reviewed_reasons)
    regimen = _table(out, "regimens").set_index("regimen_id").loc[HIV_ITP_4500]
    assert (regimen.dose_low_mg_per_kg, regimen.dose_high_mg_per_kg, regimen.dose_basis) == (400, 400, "per_dose")
    assert regimen.curated_by == "curator" and not regimen.needs_review
    assert regimen.source_text == "4500mg/kg برای 5-10 روز"  # the source's words stay as they were
    untouched = _table(out, "regimens")
    assert (untouched.curated_by == "pipeline").sum() == len(untouched) - 1
    assert report.corrections == {"applied": 2, "stale": 2, "invalid": 1}


def test_stale_and_invalid_corrections_are_reported_never_applied(corrected):
    out, _ = corrected
    outcomes = _table(out, "corrections").set_index("correction_id")
    assert outcomes.loc["gone"].status == "stale" and "gone" in outcomes.loc["gone"].message
    assert outcomes.loc["words-changed"].status == "stale"
    assert "'5000mg/kg' is no longer in" in outcomes.loc["words-changed"].message
    assert outcomes.loc["not-settable"].status == "invalid"
    regimen = _table(out, "regimens").set_index("regimen_id").loc[HIV_ITP_4500]
    assert regimen.dose_low_mg_per_kg == 400 and list(regimen.corrections) == ["hiv-itp-dose"]
    flags = _table(out, "flags")
    assert set(flags[flags.code.str.startswith("correction_")].code) == {"correction_stale", "correction_invalid"}
    page = (out / "review.html").read_text(encoding="utf-8")
    assert 'data-code="correction_stale"' in page and "words-changed" in page


def test_merge_and_split_rows(tmp_path, raw):
    path = _corrections(tmp_path, f"""
        - id: merge-maternal-itp
          merge: [{NAIT_NEONATES}, {MATERNAL_ITP}]
        - id: split-nait-neonates
          split: {NAIT_NEONATES}
          indication: {{id: neonatal-immune-thrombocytopenia, name_en: Neonatal allo- or autoimmune thrombocytopenia}}
        """)
    build(raw, tmp_path / "out", corrections=path)
    rows = _table(tmp_path / "out", "source_rows").set_index("row_id")
    assert rows.loc[NAIT_NEONATES].indication_id == "neonatal-immune-thrombocytopenia"
    assert rows.loc[MATERNAL_ITP].indication_id == "neonatal-immune-thrombocytopenia"
    assert rows.loc[MATERNAL_ITP].status == "merged"
    indications = _table(tmp_path / "out", "indications").set_index("indication_id")
    split = indications.loc["neonatal-immune-thrombocytopenia"]
    assert split.name_en == "Neonatal allo- or autoimmune thrombocytopenia" and not split.in_lexicon
    assert list(split.row_ids) == [NAIT_NEONATES, MATERNAL_ITP]
    # the two NAIT rows no longer share an indication, so their regimens no longer conflict
    assert indications.loc["neonatal-alloimmune-thrombocytopenia"].conflict_count == 0


def test_corrections_survive_a_rerun(tmp_path, raw):
    path = _corrections(tmp_path, CORRECTIONS)
    first = build(raw, tmp_path / "out", corrections=path)
    before = (tmp_path / "out" / "regimens.parquet").read_bytes()
    second = build(raw, tmp_path / "out", corrections=path)
    assert (first.parsed, second.parsed) == (1, 0)  # the unchanged document came from the cache
    assert (tmp_path / "out" / "regimens.parquet").read_bytes() == before


def test_diff_between_two_builds_names_the_corrected_fields(tmp_path, raw, corrected):
    plain = tmp_path / "plain"
    build(raw, plain)
    out, _ = corrected
    report = diff(plain, out)
    # the HIV ITP row's regimen as read ('4500mg/kg برای 5-10 روز') and as the curator set it
    assert {"table": "regimens", "indication_id": "secondary-itp-infection", "item": "regimen", "ordinal": 2,
            "field": "dose", "old": "4500 mg/kg", "new": "400 mg/kg"} in report
    assert ("basis", None, "per_dose") in [(r["field"], r["old"], r["new"]) for r in report]
    text = diff_text(report)
    assert "secondary-itp-infection, regimen 2: dose 4500 -> 400 mg/kg" in text
    # who made the change, and the outcomes of the corrections, follow from it: shown with --all
    derived = diff(plain, out, everything=True)
    assert ("curated_by", "pipeline", "curator") in [(r["field"], r["old"], r["new"]) for r in derived]
    assert {r["item"] for r in derived if r["table"] == "corrections"} >= {"itp-row", "hiv-itp-dose", "gone"}
    assert diff(plain, plain) == [] and diff_text([]) == "no changes"


def test_unchanged_document_is_not_parsed_again(tmp_path, raw, monkeypatch):
    out = tmp_path / "out"
    assert build(raw, out).parsed == 1
    import pipeline.documents

    def must_not_parse(source):
        raise AssertionError(f"{source.name} parsed again although unchanged")

    monkeypatch.setattr(pipeline.documents, "source_to_result", must_not_parse)
    assert build(raw, out).parsed == 0
    changed = tmp_path / "raw2"
    changed.mkdir()
    text = (raw / "qums-ivig-circular-1399.txt").read_text(encoding="utf-8")
    (changed / "qums-ivig-circular-1399.txt").write_text(text + "\n", encoding="utf-8")
    monkeypatch.undo()
    assert build(changed, out).parsed == 1


def test_merges_in_a_chain_follow_it_to_the_end(tmp_path, raw):
    """Maternal ITP merged into the NAIT row, the NAIT row into the ITP row: both end in the ITP row's
    indication, whatever the order of the rows (before, a chain could leave an '@row' id and fail)."""
    path = _corrections(tmp_path, f"""
        - id: maternal-into-nait
          merge: [{NAIT_NEONATES}, {MATERNAL_ITP}]
        - id: nait-into-itp
          merge: [{ITP_ROW}, {NAIT_NEONATES}]
        """)
    report = build(raw, tmp_path / "out", corrections=path)
    rows = _table(tmp_path / "out", "source_rows").set_index("row_id")
    assert rows.loc[MATERNAL_ITP].indication_id == rows.loc[NAIT_NEONATES].indication_id \
        == rows.loc[ITP_ROW].indication_id
    assert report.corrections["applied"] == 2


def test_merges_in_a_circle_are_invalid_and_the_rows_keep_their_match(tmp_path, raw):
    clean = build(raw, tmp_path / "clean")
    path = _corrections(tmp_path, f"""
        - id: maternal-into-nait
          merge: [{NAIT_NEONATES}, {MATERNAL_ITP}]
        - id: nait-into-maternal
          merge: [{MATERNAL_ITP}, {NAIT_NEONATES}]
        """)
    report = build(raw, tmp_path / "out", corrections=path)
    assert report.corrections == {"applied": 0, "stale": 0, "invalid": 2}
    assert all("circle" in c["why"] for c in report.corrections_not_applied)
    before = _table(tmp_path / "clean", "source_rows").set_index("row_id")
    rows = _table(tmp_path / "out", "source_rows").set_index("row_id")
    for row in (NAIT_NEONATES, MATERNAL_ITP):
        assert rows.loc[row].indication_id == before.loc[row].indication_id
        assert rows.loc[row].curated_by != "curator"
    assert clean.corrections == {"applied": 0, "stale": 0, "invalid": 0}
