"""The circular as PDF and as text: one document, rows read from both; bad PDFs stop the build clearly."""
import hashlib
import subprocess
import sys

import pandas as pd
import pytest
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from pipeline.build import build

from .conftest import CIRCULAR_PDF, CIRCULAR_TXT, DOC_ID, ROOT, copy_raw, row_with

CELLS = ["row_id", "row_number", "indication_text", "contraindication_text", "dosing_text", "conditions_text",
         "recommendations_text"]


def _build(tmp_path, names):
    tmp_path.mkdir()
    out = tmp_path / "out"
    build(copy_raw(tmp_path, names), out)
    return (pd.read_parquet(out / "source_rows.parquet"), pd.read_parquet(out / "documents.parquet"))


def test_pdf_alone_builds_the_text_alone_rows(tmp_path):
    pdf_rows, pdf_docs = _build(tmp_path / "pdf", [CIRCULAR_PDF.name])
    text_rows, _ = _build(tmp_path / "text", [CIRCULAR_TXT.name])
    assert list(pdf_docs.doc_id) == [DOC_ID] and list(pdf_docs.format) == ["pdf"]
    assert list(pdf_rows.renditions.map(list)) == [[CIRCULAR_PDF.name]] * 55
    assert list(pdf_rows.pdf_pages.map(list)) == list(pdf_rows.pages.map(list))
    differ = pdf_rows[CELLS].fillna("").compare(text_rows[CELLS].fillna(""))
    # only the infertility row reads differently (see test_pdf_reading)
    assert list(differ.index) == [2]
    assert sorted({c for c, _ in differ.columns}) == ["conditions_text", "contraindication_text", "dosing_text"]


REGIMEN = ["regimen_id", "indication_id", "row_ids", "source_field", "dose_low_mg_per_kg", "dose_high_mg_per_kg",
           "dose_basis", "course_days_low", "course_days_high", "every_low", "every_high", "every_unit",
           "doses_count_low", "doses_count_high", "infusion_hours_low", "infusion_hours_high", "max_total_mg_per_kg",
           "phase", "population", "evidence", "source_text", "needs_review", "review_reasons"]


def test_pdf_alone_gives_the_text_alone_regimens_and_thresholds(tmp_path):
    def tables(name):
        out = tmp_path / name / "out"
        (tmp_path / name).mkdir()
        build(copy_raw(tmp_path / name, [name]), out)
        return pd.read_parquet(out / "regimens.parquet"), pd.read_parquet(out / "criteria.parquet")

    pdf_regimens, pdf_criteria = tables(CIRCULAR_PDF.name)
    text_regimens, text_criteria = tables(CIRCULAR_TXT.name)
    assert len(pdf_regimens) == len(text_regimens) == 71
    for column in REGIMEN:  # field by field, every regimen (the infertility row states no dose)
        assert pdf_regimens[column].astype(str).tolist() == text_regimens[column].astype(str).tolist(), column
    pd.testing.assert_frame_equal(pdf_criteria.drop(columns=["span_start", "span_end"]),
                                  text_criteria.drop(columns=["span_start", "span_end"]))


def test_both_renditions_make_one_document(documents):
    doc = documents.loc[DOC_ID]
    assert doc.format == "pdf+text"
    assert list(doc.renditions) == [CIRCULAR_TXT.name, CIRCULAR_PDF.name]
    assert list(doc.rendition_sha256) == [hashlib.sha256(p.read_bytes()).hexdigest() for p in (CIRCULAR_TXT, CIRCULAR_PDF)]
    assert doc.letter_number == "28/36/148911" and doc.date_jalali == "1399/06/16"
    assert len(documents) == 2  # the circular and the Chinese article


def test_agreeing_rows_carry_both_provenances(source_rows):
    rows = source_rows[source_rows.doc_id == DOC_ID]
    assert len(rows) == 55
    assert (rows.renditions.map(list) == [[CIRCULAR_TXT.name, CIRCULAR_PDF.name]] * 55).all()
    cidp = row_with(rows, "indication_text", "CIDP")
    assert (list(cidp.pages), list(cidp.lines), list(cidp.pdf_pages)) == ([4, 5], [50, 54], [3, 4])


def test_disagreeing_row_is_flagged_with_both_readings(source_rows, built):
    row = row_with(source_rows, "indication_text", "شکست مکرر لانه گزینی (RIF)")
    # the text rendition's reading is kept as the value
    assert row.contraindication_text == "نازایی" and pd.isna(row.conditions_text)
    assert row.dosing_text.startswith("در اختلالات ژنتیکی و انعقادی")
    reasons = list(row.review_reasons)
    assert reasons[0] == (f"renditions_differ: contraindication: text ({CIRCULAR_TXT.name}) reads 'نازایی'; "
                          f"pdf ({CIRCULAR_PDF.name}) reads ''")
    assert reasons[2].startswith(f"renditions_differ: conditions: text ({CIRCULAR_TXT.name}) reads ''; "
                                 f"pdf ({CIRCULAR_PDF.name}) reads 'در اختلالات ژنتیکی")
    flags = pd.read_parquet(built / "flags.parquet")
    differ = flags[flags.code == "renditions_differ"]
    assert list(differ.field) == ["contraindication", "dosing", "conditions"]
    assert set(differ.row_id) == {row.row_id}


def _bad_pdf(kind: str, path):
    if kind == "encrypted":
        encryption = pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret")
        page = canvas.Canvas(str(path), encrypt=encryption)
        page.drawString(100, 700, "IVIg")
        page.save()
    elif kind == "truncated":
        path.write_bytes(CIRCULAR_PDF.read_bytes()[: CIRCULAR_PDF.stat().st_size // 2])
    elif kind == "image-only":
        Image.new("RGB", (600, 800), "white").save(path)
    elif kind == "not-a-pdf":
        path.write_bytes("این یک PDF نیست".encode() * 20)


@pytest.mark.parametrize("kind, reason", [
    ("encrypted", "encrypted: it needs a password"),
    ("truncated", "damaged or truncated PDF"),
    ("image-only", "no text layer"),
    ("not-a-pdf", "not a PDF"),
])
def test_bad_pdf_stops_the_build_naming_file_and_reason(tmp_path, kind, reason):
    raw = copy_raw(tmp_path)
    out = tmp_path / "out"
    assert _cli("build", "--raw", str(raw), "--out", str(out)).returncode == 0
    before = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _bad_pdf(kind, raw / f"بخشنامه {kind}.pdf")
    result = _cli("build", "--raw", str(raw), "--out", str(out))
    assert result.returncode != 0
    assert f"بخشنامه {kind}.pdf" in result.stderr and reason in result.stderr
    assert {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
