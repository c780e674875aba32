"""Reading files: encodings the circulars come in, and clear errors for what cannot be read."""
import codecs

import pytest

from pipeline.errors import DocumentError
from pipeline.ingest import decode_text, discover, read_source

from .conftest import CIRCULAR_TXT, RAW


def test_utf8_with_and_without_bom_decode_alike():
    data = CIRCULAR_TXT.read_bytes()
    plain, enc = decode_text("c.txt", data)
    with_bom, enc_bom = decode_text("c.txt", codecs.BOM_UTF8 + data)
    assert (enc, enc_bom) == ("utf-8", "utf-8-sig")
    assert plain == with_bom


def test_windows_1256_is_recognised():
    text = CIRCULAR_TXT.read_text(encoding="utf-8").replace("ی", "ي").replace("→", "->")
    text = text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
    decoded, encoding = decode_text("c.txt", text.encode("cp1256"))
    assert encoding == "cp1256"
    assert "انديکاسيون" in decoded


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (bytes(range(256)) * 8, "binary"),
    ("Grüße aus Köln, ça va très bien".encode("latin-1"), "unknown text encoding"),
])
def test_unreadable_text_names_the_file_and_why(tmp_path, data, reason):
    path = tmp_path / "نامه ۱۴۰۰.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read_source(path)
    assert err.value.file == "نامه ۱۴۰۰.txt"
    assert reason in err.value.reason


def test_not_a_pdf(tmp_path):
    path = tmp_path / "circular.pdf"
    path.write_text("just text pretending", encoding="utf-8")
    with pytest.raises(DocumentError, match="circular.pdf: not a PDF"):
        read_source(path)


def test_discover_takes_documents_and_leaves_notes_aside(tmp_path):
    for name in ("b.txt", "a.pdf", "README.md", "photo.png", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    take, skip = discover(tmp_path)
    assert [p.name for p in take] == ["a.pdf", "b.txt"]
    assert sorted(p.name for p in skip) == [".hidden.txt", "README.md", "photo.png"]


def test_real_documents_are_found():
    take, _ = discover(RAW)
    assert {p.name for p in take} >= {"qums-ivig-circular-1399.txt", "ivig-bmt-article-zh.txt"}
