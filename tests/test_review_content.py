"""The review page's content without a browser: the source beside the reading, corrections ready to
paste, bidirectional text, counts, the changes since another build; the images behind it."""
import html
import json
import re
import subprocess
import sys

import pytest
import yaml

from pipeline.build import build
from pipeline.review.words import inline, unescape

from .conftest import CIRCULAR_PDF, RAW, copy_raw


@pytest.mark.parametrize("message, expected", [
    ("no indication found", "no indication found"),
    ("reads 'نازایی'; pdf reads ''", "reads &#x27;<bdi lang=\"fa\" dir=\"rtl\">نازایی</bdi>&#x27;; pdf reads &#x27;&#x27;"),
    ("reads 'سقط\\u200cهای مکرر'", "reads &#x27;<bdi lang=\"fa\" dir=\"rtl\">سقط\u200cهای مکرر</bdi>&#x27;"),
    ("outside the columns: بیماری CIDP مزمن",
     'outside the columns: <bdi lang="fa" dir="rtl">بیماری</bdi> CIDP <bdi lang="fa" dir="rtl">مزمن</bdi>'),
    ('matched by context ("巨细胞病毒")', 'matched by context (&quot;<bdi lang="zh" dir="ltr">巨细胞病毒</bdi>&quot;)'),
])
def test_quoted_words_keep_their_direction(message, expected):
    assert inline(message) == expected


def test_escapes_in_a_message_become_characters():
    assert unescape("a\\u200cb \\x41") == "a\u200cb A"


def test_rows_keep_their_box_on_each_pdf_page(source_rows):
    import pdfplumber

    with pdfplumber.open(CIRCULAR_PDF) as pdf:
        sizes = {n + 1: (p.width, p.height) for n, p in enumerate(pdf.pages)}
    for row in source_rows.itertuples():
        boxes = list(row.pdf_bbox)
        assert len(boxes) == 4 * len(row.pdf_bbox_pages) and list(row.pdf_bbox_pages) == list(row.pdf_pages)
        for n, page in enumerate(row.pdf_bbox_pages):
            x0, top, x1, bottom = boxes[4 * n:4 * n + 4]
            width, height = sizes[page]
            assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height, row.row_id


def _page(folder) -> str:
    return (folder / "review.html").read_text(encoding="utf-8")


def _document_page(folder, doc_id: str) -> str:
    from pipeline.review import page_file

    return (folder / page_file(doc_id)).read_text(encoding="utf-8")


def _circular(folder) -> str:
    documents = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
    return next(d["doc_id"] for d in documents if d["kind"] == "circular")


def test_counts_at_the_top_match_the_build_summary(tmp_path):
    report = build(RAW, tmp_path / "out")
    page = _page(tmp_path / "out")
    count = {name: int(re.search(rf'id="count-{name}">(\d+)<', page).group(1)) for name in
             ("documents", "rows", "statements", "regimens", "flags", "for-review")}
    assert count == {"documents": report.documents, "rows": report.rows, "statements": report.statements,
                     "regimens": report.regimens, "flags": report.flags, "for-review": report.needs_review}


def test_images_are_made_for_flagged_pdf_rows_only_and_taken_from_the_last_build(tmp_path, monkeypatch):
    raw = copy_raw(tmp_path)
    out = tmp_path / "curated"
    build(raw, out)
    rows = json.loads((out / "source_rows.json").read_text(encoding="utf-8"))
    images = sorted(p.name for p in (out / "review").glob("*.png"))
    flagged = {r["row_id"] for r in rows if r["needs_review"]}
    assert flagged and all(any(name.startswith(row) for name in images) for row in flagged)
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in (out / "review").glob("*.png"))
    before = {p.name: p.read_bytes() for p in (out / "review").glob("*.png")}

    import pipeline.pdf.crops

    def must_not_render(pdf, crop):
        raise AssertionError(f"{crop.file} rendered again")

    monkeypatch.setattr(pipeline.pdf.crops, "_render", must_not_render)
    corrections = tmp_path / "corrections.yaml"
    corrections.write_text("[]\n", encoding="utf-8")  # a changed input: the build runs again
    assert not build(raw, out, corrections=corrections).up_to_date
    assert {p.name: p.read_bytes() for p in (out / "review").glob("*.png")} == before


def test_a_pasted_correction_applies(tmp_path):
    raw = copy_raw(tmp_path, ["qums-ivig-circular-1399.txt"])
    out = tmp_path / "curated"
    build(raw, out)
    page = _document_page(out, _circular(out))
    snippets = [yaml.safe_load(html.unescape(s)) for s in
                re.findall(r'<details class="fix"><summary>[^<]*</summary><pre>(.*?)</pre>', page, re.S)]
    regimens = json.loads((out / "regimens.json").read_text(encoding="utf-8"))
    flagged = [r["regimen_id"] for r in regimens if r["needs_review"]]
    entries = [s[0] for s in snippets]
    assert [e["regimen"] for e in entries if "regimen" in e] == flagged
    corrections = tmp_path / "corrections.yaml"
    corrections.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    report = build(raw, out, corrections=corrections)
    assert report.corrections == {"applied": len(entries), "stale": 0, "invalid": 0}
    after = {r["regimen_id"]: r for r in json.loads((out / "regimens.json").read_text(encoding="utf-8"))}
    assert all(after[i]["curated_by"] == "curator" for i in flagged)
    # marked reviewed; what still stands is a conflict between rows, found again after the corrections
    left = [r for r in after.values() if r["needs_review"]]
    assert len(left) < len(flagged) and all(x.startswith("conflict:") for r in left for x in r["review_reasons"])


def test_review_against_a_previous_build_lists_its_changes(tmp_path):
    raw = copy_raw(tmp_path, ["qums-ivig-circular-1399.txt"])
    build(raw, tmp_path / "before")
    text = (raw / "qums-ivig-circular-1399.txt").read_text(encoding="utf-8")
    (raw / "qums-ivig-circular-1399.txt").write_text(text.replace("در مدت 8 تا 12 ساعت", "در مدت 10 تا 12 ساعت"),
                                                      encoding="utf-8")
    build(raw, tmp_path / "after")
    result = subprocess.run([sys.executable, "-m", "pipeline", "review", "--out", str(tmp_path / "after"),
                             "--against", str(tmp_path / "before")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "1 document pages" in result.stdout
    index = _page(tmp_path / "after")
    assert re.search(r'<h2 id="changes">Changes since [^<]*before \((\d+)\)', index)
    page = _document_page(tmp_path / "after", _circular(tmp_path / "after"))  # the document's own changes
    assert "Changes since" in page and "kawasaki-disease, regimen 1: infusion 8-12 -&gt; 10-12 h" in page


def test_the_words_read_are_marked_in_the_cell_as_the_file_gives_it():
    from pipeline.review.words import spans_in_raw

    normalized = "با دوز 200-400 mg/kg هر 3-4 هفته"
    raw = "با دوز ۲۰۰-۴۰۰ mg/kg هر ۳-۴  هفته"
    start = normalized.index("200")
    [(a, b)] = spans_in_raw(normalized, raw, [(start, len(normalized))])
    assert raw[a:b] == "۲۰۰-۴۰۰ mg/kg هر ۳-۴  هفته"
