"""Documents never seen before, by kind: a package insert (simplified and traditional script), a
circular of another issuer and layout, a Persian prose guideline. Each example of tests/fixtures/kinds/
is written for these tests (not copied from any document); each builds alone and with the real ones."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from frictionless import Package

from pipeline.build import build
from pipeline.errors import DocumentError

from .conftest import RAW

KINDS = Path(__file__).parent / "fixtures" / "kinds"

# (indication, lowest mg/kg, highest mg/kg) of every regimen each example states, checked against its words
EXPECTED = {
    "insert-zh-simplified.txt": {
        ("humoral-immunodeficiency", 400, 400), ("humoral-immunodeficiency", 200, 400),
        ("immune-thrombocytopenia", 400, 400), ("kawasaki-disease", 2000, 2000),
        ("guillain-barre-syndrome", 400, 400), ("severe-infection", 200, 300)},
    "insert-zh-traditional-other.txt": {
        ("humoral-immunodeficiency", 400, 600),  # 每次按體重0.4g/kg～0.6g/kg: one range, every 4 weeks
        ("kawasaki-disease", 2000, 2000), ("guillain-barre-syndrome", 400, 400), ("cidp", 2000, 2000),
        ("cidp", 1000, 1000)},
    "circular-other-issuer.txt": {
        ("guillain-barre-syndrome", 400, 400), ("kawasaki-disease", 2000, 2000), ("myasthenia-gravis", 1000, 2000),
        ("immune-thrombocytopenia", 1000, 1000), (None, 500, 500)},
    "guideline-prose-fa.txt": {
        ("guillain-barre-syndrome", 400, 400), ("kawasaki-disease", 2000, 2000), ("myasthenia-gravis", 2000, 2000),
        ("immune-thrombocytopenia", 1000, 1000), ("itp-children", 800, 1000), (None, 400, 400)},
}
KIND_OF = {"insert-zh-simplified.txt": "package_insert", "insert-zh-traditional-other.txt": "package_insert",
           "circular-other-issuer.txt": "circular", "guideline-prose-fa.txt": "guideline"}


def _raw(tmp_path: Path, *names: str, real: bool = False) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        shutil.copy(KINDS / name, raw / name)
    if real:
        for path in RAW.iterdir():
            shutil.copy(path, raw / path.name)
    return raw


def _json(folder: Path, table: str) -> list[dict]:
    return json.loads((folder / f"{table}.json").read_text(encoding="utf-8"))


def _regimens(out: Path) -> set[tuple]:
    """(indication, mg/kg low, high) of each regimen; an unmatched circular row's id reads None."""
    def indication(i):
        return None if i is None or i.startswith("unmatched-") else i

    return {(indication(r["indication_id"]), r["dose_low_mg_per_kg"], r["dose_high_mg_per_kg"])
            for r in _json(out, "regimens")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_builds_alone_with_its_regimens_under_the_right_indications(tmp_path, name):
    out = tmp_path / "curated"
    build(_raw(tmp_path, name), out)
    assert _regimens(out) == EXPECTED[name]
    assert [d["kind"] for d in _json(out, "documents")] == [KIND_OF[name]]


def test_the_same_insert_in_two_scripts_is_one_document_with_two_renditions(tmp_path):
    from opencc import OpenCC

    raw = _raw(tmp_path, "insert-zh-simplified.txt")
    traditional = OpenCC("s2t").convert((KINDS / "insert-zh-simplified.txt").read_text(encoding="utf-8"))
    (raw / "insert-zh-traditional.txt").write_text(traditional, encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [document] = _json(out, "documents")
    assert document["format"] == "text" and len(document["renditions"]) == 2
    assert _regimens(out) == EXPECTED["insert-zh-simplified.txt"]
    assert not [f for f in _json(out, "flags") if f["code"] == "renditions_differ"]


def test_an_insert_item_names_its_doses_and_its_onset_window(tmp_path):
    out = tmp_path / "curated"
    build(_raw(tmp_path, "insert-zh-traditional-other.txt"), out)
    criteria = {(c["indication_id"], c["analyte"], c["op"], c["value_low"]) for c in _json(out, "criteria")}
    assert ("kawasaki-disease", "days_since_onset", "<=", 14.0) in criteria  # 發病兩週內
    cidp = [r for r in _json(out, "regimens") if r["indication_id"] == "cidp"]
    # 初始總劑量2g/kg，分2～5天給予；之後每3週給予1g/kg維持: an initial total over 2-5 days, then 1 g/kg
    # each time every 3 weeks (the first clause's 總劑量 does not make the maintenance dose a total)
    assert {(r["dose_basis"], r["phase"]) for r in cidp} == {("total", "initial"), ("per_dose", "maintenance")}


def test_a_circular_of_another_issuer_and_layout(tmp_path):
    out = tmp_path / "curated"
    build(_raw(tmp_path, "circular-other-issuer.txt"), out)
    [document] = _json(out, "documents")
    assert (document["doc_id"], document["issuer_code"]) == ("mums-1401-11-03-56", "mums")
    assert (document["date_jalali"], document["date_iso"], document["letter_number"]) == (
        "1401/11/03", "2023-01-23", "1234/56/د")
    assert document["signer"] == "دکتر نمونه نویسنده"
    rows = _json(out, "source_rows")
    assert [r["row_number"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["contraindication_text"] == "کمبود IgA با آنتی بادی ضد IgA"
    assert rows[1]["conditions_text"] == "تا 10 روز از شروع تب"


def test_an_issuer_not_in_the_data_builds_with_a_flag(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (KINDS / "circular-other-issuer.txt").read_text(encoding="utf-8")
    (raw / "c.txt").write_text(text.replace("مشهد", "نمونه‌آباد"), encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [document] = _json(out, "documents")
    assert document["doc_id"] == "circular-1401-11-03-56" and document["issuer_code"] is None
    assert "unknown_issuer" in {f["code"] for f in _json(out, "flags")}


def test_a_header_no_rule_knows_fails_with_its_cells_and_the_data_file(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "odd.txt").write_text("جدول\nستون الف\tستون ب\tستون ج\nکاوازاکی\t2 گرم\tتب\nگیلن باره\t0.4 گرم\tضعف\n",
                                 encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        build(raw, tmp_path / "curated")
    assert error.value.file == "odd.txt"
    assert "ستون الف" in error.value.reason and "circular_layout.yaml" in error.value.reason


@pytest.mark.parametrize("name, text", [
    ("note-fa.txt", "یادداشت جلسه\nجلسه هفتگی گروه در روز دوشنبه برگزار شد و صورتجلسه آن بایگانی گردید.\n"),
    ("note-zh.txt", "会议纪要\n本周例会于周一召开,会议记录已存档。\n"),
    ("notice.txt", "Meeting notes\nThe weekly meeting took place on Monday.\n"),
])
def test_a_file_of_no_known_kind_is_refused_with_the_kinds_looked_for(tmp_path, name, text):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        build(raw, tmp_path / "curated")
    assert error.value.file == name
    assert "no known kind of document" in error.value.reason and "package insert" in error.value.reason


def test_prose_statements_keep_their_sections_and_unmatched_doses_are_flagged(tmp_path):
    out = tmp_path / "curated"
    build(_raw(tmp_path, "guideline-prose-fa.txt"), out)
    statements = _json(out, "statements")
    kawasaki = [s for s in statements if s["indication_id"] == "kawasaki-disease"]
    assert {s["section"] for s in kawasaki} == {"بیماری کاوازاکی"}
    assert {s["kind"] for s in kawasaki} == {"dose", "threshold"}
    unmatched = [r for r in _json(out, "regimens") if r["indication_id"] is None]
    assert len(unmatched) == 1 and unmatched[0]["review_reasons"][0].startswith("indication_unmatched")
    assert any(f["code"] == "indication_unmatched" and f["target"] == unmatched[0]["row_ids"][0]
               for f in _json(out, "flags"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """raw_documents/ and every example, built together through the command line."""
    tmp = tmp_path_factory.mktemp("mixed")
    raw = _raw(tmp, *EXPECTED, real=True)
    out = tmp / "curated"
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def test_several_kinds_at_once_pass_the_data_package_validation(mixed):
    report = Package(str(mixed / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


@pytest.mark.parametrize("table", ["documents", "regimens", "criteria", "statements", "links", "indications"])
def test_several_kinds_at_once_match_their_json_schemas(mixed, table):
    schema = json.loads((mixed / "schemas" / f"{table}.schema.json").read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(_json(mixed, table))]
    assert not errors[:3]


def test_several_kinds_at_once_are_accounted_and_indexed(mixed):
    manifest = json.loads((mixed / "manifest.json").read_text(encoding="utf-8"))
    for counts in manifest["accounting"].values():
        assert counts["rows_in"] == counts["kept"] + counts["merged"] + counts["rejected"]
    kinds = sorted(d["kind"] for d in _json(mixed, "documents"))
    assert kinds == ["article", "circular", "circular", "guideline", "package_insert", "package_insert"]
    indications = {i["indication_id"] for i in _json(mixed, "indications")}
    assert {r["indication_id"] for r in _json(mixed, "regimens")} - {None} <= indications


def test_statements_link_to_every_circular_that_states_their_indication(mixed):
    links = _json(mixed, "links")
    guideline = {s["statement_id"] for s in _json(mixed, "statements") if s["doc_id"].startswith("guideline-")}
    kawasaki = {link["circular_doc_id"] for link in links
                if link["statement_id"] in guideline and link["indication_id"] == "kawasaki-disease"}
    assert kawasaki == {"qums-1399-06-16-148911", "mums-1401-11-03-56"}
    assert all(link["circular_doc_id"] for link in links)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_example_builds_alone_from_the_command_line_with_exit_0(tmp_path, name):
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(_raw(tmp_path, name)),
                             "--out", str(tmp_path / "curated")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 documents" in result.stdout


def test_a_table_without_a_letter_builds_with_flags(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("ردیف\tبیماری\tدوز\n1\tکاوازاکی\t2 گرم به ازای هر کیلوگرم تک دوز\n", encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [document] = _json(out, "documents")
    assert document["doc_id"].startswith("circular-")
    assert {"unknown_issuer", "letter_missing_field"} <= {f["code"] for f in _json(out, "flags")}
    assert _regimens(out) == {("kawasaki-disease", 2000, 2000)}


def test_a_line_without_cells_inside_a_table_is_flagged_with_its_words(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("ردیف\tبیماری\tدوز\n1\tکاوازاکی\t2 گرم به ازای هر کیلوگرم\nتک دوز در 12 ساعت\n"
                               "2\tگیلن باره\t0.4 گرم به ازای هر کیلوگرم روزانه به مدت 5 روز\n", encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [flag] = [f for f in _json(out, "flags") if f["code"] == "table_line_without_cells"]
    assert "تک دوز در 12 ساعت" in flag["message"] and flag["severity"] == "review"


def test_a_page_number_inside_a_table_is_the_pages_not_a_lost_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("ردیف\tبیماری\tدوز\n1\tکاوازاکی\t2 گرم به ازای هر کیلوگرم تک دوز\nصفحه ۱ از ۲\n"
                               "ردیف\tبیماری\tدوز\n2\tگیلن باره\t0.4 گرم به ازای هر کیلوگرم روزانه به مدت 5 روز\n",
                               encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    codes = {f["code"]: f["severity"] for f in _json(out, "flags")}
    assert codes.get("page_furniture") == "info" and "table_line_without_cells" not in codes


def test_a_dose_split_over_dose_frequency_and_duration_columns_reads_as_one(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("ردیف\tبیماری\tدوز\tتعداد دفعات\tمدت درمان\n"
                               "1\tگیلن باره\t0.4 گرم به ازای هر کیلوگرم\tروزانه\tبه مدت 5 روز\n", encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [row] = _json(out, "source_rows")
    assert row["dosing_text"] == "0.4 گرم به ازای هر کیلوگرم روزانه به مدت 5 روز"
    [regimen] = _json(out, "regimens")
    assert (regimen["dose_low_mg_per_kg"], regimen["every_unit"], regimen["course_days_high"]) == (400, "d", 5)


def test_a_dose_written_outside_the_table_is_flagged(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("با سلام\nدر سپسیس نوزادی 500 میلی گرم به ازای هر کیلوگرم تجویز شود.\n\nجدول\n"
                               "ردیف\tبیماری\tدوز\n1\tکاوازاکی\t2 گرم به ازای هر کیلوگرم تک دوز\n", encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [flag] = [f for f in _json(out, "flags") if f["code"] == "dose_outside_table"]
    assert "500 میلی گرم" in flag["message"]


def test_a_chinese_guideline_whose_items_name_indications_is_read_by_its_leads(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "g.txt").write_text("静脉免疫球蛋白临床应用建议\n一、神经系统疾病\n1. 吉兰-巴雷综合征:推荐总剂量2g/kg,分5天给予。\n"
                               "2. 重症肌无力:\n危象时每日0.4g/kg,连用5天。\n二、血液系统疾病\n"
                               "1. 原发免疫性血小板减少症:1g/kg,连用1~2天。\n", encoding="utf-8")
    out = tmp_path / "curated"
    build(raw, out)
    [document] = _json(out, "documents")
    assert (document["kind"], document["lang"]) == ("guideline", "zh")
    assert _regimens(out) == {("guillain-barre-syndrome", 2000, 2000), ("myasthenia-gravis", 400, 400),
                              ("immune-thrombocytopenia", 1000, 1000)}
