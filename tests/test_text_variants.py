"""The same circular saved differently (BOM and CRLF, Windows-1256, ASCII digits, Arabic ي/ك) reads the same."""
import codecs

import pandas as pd
import pytest

from pipeline.build import build

from .conftest import CIRCULAR_TXT, DOC_ID

NORMALIZED = ["doc_id", "row_id", "row_number", "page", "pages", "lines", "indication_text",
              "contraindication_text", "dosing_text", "conditions_text", "recommendations_text", "text",
              "indication_id", "status", "review_reasons", "repairs"]
ORIGINAL = CIRCULAR_TXT.read_text(encoding="utf-8")
ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def _variant(kind: str) -> bytes:
    if kind == "utf8-bom-crlf":
        return codecs.BOM_UTF8 + ORIGINAL.replace("\n", "\r\n").encode("utf-8")
    if kind == "cr-only":
        return ORIGINAL.replace("\n", "\r").encode("utf-8")
    if kind == "ascii-digits":
        return ORIGINAL.translate(ASCII_DIGITS).encode("utf-8")
    if kind == "arabic-yeh-keh":
        return ORIGINAL.replace("ی", "ي").replace("ک", "ك").encode("utf-8")
    if kind == "windows-1256":
        text = ORIGINAL.replace("ی", "ي").replace("→", "->").translate(ASCII_DIGITS)
        return text.replace("\n", "\r\n").encode("cp1256")
    raise ValueError(kind)


def _rows(tmp_path, data: bytes) -> pd.DataFrame:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "circular.txt").write_bytes(data)
    build(raw, tmp_path / "out")
    return pd.read_parquet(tmp_path / "out" / "source_rows.parquet")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return _rows(tmp_path_factory.mktemp("ref"), ORIGINAL.encode("utf-8"))


@pytest.mark.parametrize("kind", ["utf8-bom-crlf", "cr-only", "ascii-digits", "arabic-yeh-keh", "windows-1256"])
def test_variant_gives_the_same_rows(tmp_path, reference, kind):
    rows = _rows(tmp_path, _variant(kind))
    assert (rows.doc_id == DOC_ID).all()
    pd.testing.assert_frame_equal(rows[NORMALIZED], reference[NORMALIZED])


def test_line_endings_do_not_touch_raw_text(tmp_path, reference):
    rows = _rows(tmp_path, _variant("utf8-bom-crlf"))
    assert rows.raw_text.tolist() == reference.raw_text.tolist()
