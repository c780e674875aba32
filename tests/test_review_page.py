"""The review pages (the index, review.html, and a page per document in review/), opened in a real
headless browser (Debian's chromium, installed by .ci/run) from where the build wrote them."""
import json
import os
from pathlib import Path

import pytest

from pipeline.review import page_file

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("IVIG_KB_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromium-driver are required (.ci/run installs them)")
        pytest.skip("Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def _json(built: Path, table: str) -> list[dict]:
    return json.loads((built / f"{table}.json").read_text(encoding="utf-8"))


def _circular(built: Path) -> str:
    return next(d["doc_id"] for d in _json(built, "documents") if d["kind"] == "circular")


@pytest.fixture
def index(built, browser):
    browser.get((built / "review.html").as_uri())
    return browser


def _open(browser, built: Path, doc_id: str):
    """A document's page, opened where the build wrote it (its images and the shared style beside it)."""
    browser.get((built / page_file(doc_id)).as_uri())
    return browser


def test_index_counts_are_the_build_summary_and_each_document_links_to_its_page(built, index):
    assert index.title == "ivig-kb review"
    flags = _json(built, "flags")
    figures = {k: int(index.find_element("id", f"count-{k}").text) for k in ("documents", "rows", "regimens", "flags",
                                                                             "for-review")}
    assert figures == {"documents": 2, "rows": 55, "regimens": len(_json(built, "regimens")), "flags": len(flags),
                       "for-review": sum(1 for f in flags if f["severity"] == "review")}
    links = index.execute_script("return Array.from(document.querySelectorAll('#documents tbody a'))"
                                 ".map(a => [a.closest('tr').dataset.doc, a.href])")
    assert sorted(doc for doc, _ in links) == sorted(d["doc_id"] for d in _json(built, "documents"))
    for doc_id, href in links:
        index.get(href)
        assert index.title == f"ivig-kb review · {doc_id}"
        # the shared style sheet beside the pages is loaded (no network): the filters stick to the top
        assert index.execute_script("return getComputedStyle(document.getElementById('filters')).position") == "sticky"
        index.find_element("id", "index").click()
        assert index.title == "ivig-kb review"


def _select(browser, name: str, value: str) -> int:
    browser.execute_script(f"""
        const s = document.querySelector('#filters select[name={name}]');
        s.value = arguments[0]; s.dispatchEvent(new Event('change'));""", value)
    return int(browser.find_element("id", "shown").text)


def test_index_filters_by_kind_and_flag_code_and_sorts_by_a_column(built, index):
    assert int(index.find_element("id", "shown").text) == 2
    assert _select(index, "kind", "article") == 1
    _select(index, "kind", "")
    visible = index.execute_script("return Array.from(document.querySelectorAll('#documents tbody tr'))"
                                   ".filter(r => r.offsetParent !== null).map(r => r.dataset.doc)")
    assert len(visible) == 2
    assert _select(index, "code", "renditions_differ") == 1  # only the circular has two renditions
    _select(index, "code", "")
    first = "return document.querySelector('#documents tbody tr').dataset.doc"
    heads = index.find_elements("css selector", "#documents thead th")
    statements = next(h for h in heads if h.text.startswith("statements"))
    statements.click()  # most statements first: the article
    assert index.execute_script(first).startswith("article-")
    statements.click()
    assert index.execute_script(first) == _circular(built)


def test_document_pages_render_persian_rtl_and_show_every_flag(built, browser):
    shown, highlighted = [], 0
    for doc in _json(built, "documents"):
        _open(browser, built, doc["doc_id"])
        shown += browser.execute_script("""
            return Array.from(document.querySelectorAll('li[data-code]')).map(li => {
                const item = li.closest('section.item');
                return [item ? item.id : null, li.dataset.code];
            });""")
        highlighted += browser.execute_script("return document.querySelectorAll('section[data-kind=regimen] mark')"
                                              ".length")
        if doc["kind"] == "circular":
            direction = browser.execute_script(
                "return getComputedStyle(document.querySelector('section[data-kind=row] p[lang=fa]')).direction")
            assert direction == "rtl"
            assert browser.execute_script("return getComputedStyle(document.body).direction") == "ltr"
    items = {"source_rows", "regimens", "criteria"}
    for flag in _json(built, "flags"):  # each flag stands under its item (or in its document's list)
        assert [flag["target"] if flag["table"] in items else None, flag["code"]] in shown, flag
    assert highlighted == sum(1 for r in _json(built, "regimens") if r["needs_review"])


def test_every_flagged_pdf_row_shows_its_region_of_the_page(built, browser):
    rows = _json(built, "source_rows")
    flagged = [r for r in rows if r["needs_review"] and r["pdf_bbox_pages"]]
    assert flagged, "the PDF build flags rows (the renditions differ on one)"
    _open(browser, built, _circular(built))
    loaded = browser.execute_script("""
        const out = {};
        for (const img of document.querySelectorAll('section[data-kind=row] img[data-row]')) {
            out[img.dataset.row] = (out[img.dataset.row] || []).concat([img.complete && img.naturalWidth > 0]);
        }
        return out;""")
    for row in flagged:  # an image per page the row stands on, each loaded
        assert loaded.get(row["row_id"]) == [True] * len(row["pdf_bbox_pages"]), row["row_id"]


def test_quoted_persian_is_isolated_and_no_escape_shows_as_text(built, browser):
    _open(browser, built, _circular(built))
    text = browser.execute_script("return document.body.innerText")
    assert "\\u200c" not in text and "\\u" not in text
    quoted = browser.execute_script("""
        return Array.from(document.querySelectorAll('ul.reasons bdi[lang=fa]'))
            .map(b => getComputedStyle(b).direction);""")
    assert quoted and set(quoted) == {"rtl"}


def test_document_page_filters_by_flag_code_and_indication(built, browser):
    circular = _circular(built)
    page = _open(browser, built, circular)
    total = int(page.find_element("id", "shown").text)
    flagged = [x for table in ("source_rows", "regimens", "criteria", "statements") for x in _json(built, table)
               if x["needs_review"] and x["doc_id"] == circular]
    assert total == len(flagged)
    with_code = [x for x in flagged if any(r.startswith("renditions_differ:") for r in x["review_reasons"])]
    assert _select(page, "code", "renditions_differ") == len(with_code) > 0
    visible = page.execute_script("return Array.from(document.querySelectorAll('section.item'))"
                                  ".filter(s => s.offsetParent !== null).map(s => s.id)")
    assert sorted(visible) == sorted(x.get("row_id") or x.get("regimen_id") for x in with_code)
    _select(page, "code", "")
    assert _select(page, "indication", "itp-children") == sum(1 for x in flagged
                                                              if x.get("indication_id") == "itp-children")
    assert _select(page, "indication", "") == total
