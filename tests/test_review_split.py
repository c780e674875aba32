"""The review pages as files: an index (review.html) and one page a document (review/<doc_id>.html)
beside the row images and the shared style and script; links that resolve, stable safe names, the
same files from the build and from `ivig-kb review`, and an index that grows with documents only."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.review import (ASSETS, INDEX, dataset_to_review_pages, document_to_review_page, document_to_summary,
                             page_file, summaries_to_review_index)

from .conftest import copy_raw

_LINK = re.compile(r'(?:href|src)="([^"#]+)"')


@pytest.mark.parametrize("doc_id, expected", [
    ("qums-1399-06-16-148911", "review/qums-1399-06-16-148911.html"),
    ("article-db7056881d39", "review/article-db7056881d39.html"),
    ("insert-3f2a.v2", "review/insert-3f2a.v2.html"),
])
def test_a_slug_doc_id_names_its_page(doc_id, expected):
    assert page_file(doc_id) == expected


@pytest.mark.parametrize("doc_id", ["../etc/passwd", "a/b", "QUMS-1399", "qums-1399-د-12", "", ".hidden", "a..b",
                                    "x" * 300, "a b", "trailing."])
def test_any_other_doc_id_gets_a_safe_page_name_of_its_own(doc_id):
    name = page_file(doc_id)
    assert re.fullmatch(r"review/[a-z0-9][a-z0-9._-]*\.html", name) and ".." not in name and len(name) < 100
    assert name == page_file(doc_id)  # stable
    assert name != page_file(doc_id.lower() + "x")  # the digest keeps ids apart


def test_ids_that_differ_only_in_case_get_different_pages():
    assert len({page_file("qums-a"), page_file("QUMS-A"), page_file("Qums-a")}) == 3


def _links(folder: Path, file: str) -> list[Path]:
    page = folder / file
    return [page.parent / link for link in _LINK.findall(page.read_text(encoding="utf-8"))]


def test_every_link_of_the_index_and_of_each_document_page_resolves(built):
    documents = [d["doc_id"] for d in __import__("json").loads((built / "documents.json").read_text())]
    index = _links(built, INDEX)
    pages = [page_file(d) for d in documents]
    assert {(built / p).resolve() for p in pages} <= {x.resolve() for x in index}
    for file in [INDEX, *pages]:
        for link in _links(built, file):
            assert link.is_file(), f"{file} links {link}"
    images = [x for p in pages for x in _links(built, p) if x.suffix == ".png"]
    assert images and all(x.parent == built / "review" for x in images)
    assert sorted(p.name for p in (built / "review").glob("*.html")) == sorted(Path(p).name for p in pages)
    for asset, text in ASSETS.items():
        assert (built / asset).read_text(encoding="utf-8") == text
    assert "http://" not in (built / INDEX).read_text() and "https://" not in (built / INDEX).read_text()


def test_the_review_command_writes_the_files_the_build_wrote_and_drops_pages_of_no_document(tmp_path):
    raw = copy_raw(tmp_path, ["qums-ivig-circular-1399.txt"])
    out = tmp_path / "curated"
    build(raw, out)
    files = sorted(p for p in [out / INDEX, *(out / "review").glob("*")])
    before = {p: p.read_bytes() for p in files}
    (out / "review" / "gone-document.html").write_text("a document removed since", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pipeline", "review", "--out", str(out)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "1 document pages" in result.stdout
    assert {p: p.read_bytes() for p in sorted([out / INDEX, *(out / "review").glob("*")])} == before


def _synthetic(documents: int, flagged: int) -> dict[str, list[dict]]:
    """A dataset of many documents (no build): each a circular of two rows with `flagged` regimens to
    review on its first row and one review flag for each."""
    dataset = {t: [] for t in ("documents", "source_rows", "regimens", "flags", "indications", "corrections")}
    for d in range(documents):
        doc_id = f"issuer-{d:05d}"
        dataset["documents"].append({"doc_id": doc_id, "kind": "circular", "title": f"Circular {d}"})
        for r in range(2):
            dataset["source_rows"].append({
                "row_id": f"{doc_id}-r{r}", "row_number": r + 1, "doc_id": doc_id, "indication_id": "itp-adults",
                "dosing_text": "400 mg/kg daily for 5 days", "needs_review": False, "review_reasons": []})
        for g in range(flagged):
            dataset["regimens"].append({
                "regimen_id": f"{doc_id}-g{g}", "doc_id": doc_id, "indication_id": "itp-adults",
                "row_ids": [f"{doc_id}-r0"], "source_field": "dosing", "span_start": 0, "span_end": 9,
                "source_text": "400 mg/kg", "dose_low_mg_per_kg": 400.0 + g, "needs_review": True,
                "review_reasons": [f"implausible_dose: {400 + g} mg/kg"]})
            dataset["flags"].append({"doc_id": doc_id, "code": "implausible_dose", "severity": "review",
                                     "message": f"{400 + g} mg/kg", "table": "regimens",
                                     "target": f"{doc_id}-g{g}"})
    dataset["flags"].append({"doc_id": None, "code": "duplicate_file", "severity": "info",
                             "message": "b.txt: the same bytes as a.txt", "table": None, "target": None})
    return dataset


def test_the_index_grows_with_documents_not_with_flags():
    few, many = (dataset_to_review_pages(_synthetic(1000, n), {}) for n in (1, 12))
    assert len(few) == len(many) == 1000 + 1 + len(ASSETS)
    assert len(many[INDEX]) < 1.02 * len(few[INDEX])  # only the counts' digits differ
    assert sum(map(len, many.values())) > 3 * sum(map(len, few.values()))  # the flags are on the documents' pages
    small = dataset_to_review_pages(_synthetic(100, 12), {})[INDEX]
    assert 9 < len(many[INDEX]) / len(small) < 10.5  # ten times the documents, about ten times the index
    for file in re.findall(r'<a href="([^"]+)"', many[INDEX]):
        assert file in many
    counts = dict(re.findall(r'<b id="count-([a-z-]+)">(\d+)</b>', many[INDEX]))
    assert counts == {"documents": "1000", "rows": "2000", "statements": "0", "regimens": "12000",
                      "flags": "12001", "for-review": "12000", "items-to-review": "12000"}


def test_per_document_calls_give_the_pages_of_the_whole_dataset_wrapper():
    dataset = _synthetic(3, 2)
    pages = dataset_to_review_pages(dataset, {"pipeline_version": "x"})
    summaries = []
    for doc in dataset["documents"]:  # as a streaming build calls them, one document at a time
        tables = {"documents": [doc], **{t: [x for x in dataset[t] if x["doc_id"] == doc["doc_id"]]
                                         for t in ("source_rows", "regimens", "flags")}}
        assert document_to_review_page(tables) == pages[page_file(doc["doc_id"])]
        summaries.append(document_to_summary(tables))
    loose = [f for f in dataset["flags"] if f["doc_id"] is None]
    assert summaries_to_review_index(reversed(summaries), {"pipeline_version": "x"}, flags=loose) == pages[INDEX]


def test_the_pages_do_not_depend_on_the_order_the_documents_come_in():
    dataset = _synthetic(5, 2)
    shuffled = {t: list(reversed(rows)) if t == "documents" else rows for t, rows in dataset.items()}
    assert dataset_to_review_pages(dataset, {}) == dataset_to_review_pages(shuffled, {})


def test_items_of_a_document_missing_from_the_documents_table_still_get_a_page():
    dataset = _synthetic(2, 1)
    dataset["documents"] = dataset["documents"][:1]
    pages = dataset_to_review_pages(dataset, {})
    assert page_file("issuer-00001") in pages and "issuer-00001-g0" in pages[page_file("issuer-00001")]
    assert re.search(r'id="count-documents">1<', pages[INDEX])
    assert re.search(r'id="count-regimens">2<', pages[INDEX])
