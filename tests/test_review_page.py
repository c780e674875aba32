"""The review page, opened in a real headless browser (Debian's chromium, installed by .ci/run)."""
import json
import os
from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def page(built, browser):
    """The review page of a fresh build of the text and PDF renditions, opened where the build wrote it
    (its images beside it)."""
    browser.get((built / "review.html").as_uri())
    return browser


def test_review_page_opens_renders_persian_rtl_and_shows_every_flag(built, page):
    browser = page
    assert browser.title == "ivig-kb review"
    direction = browser.execute_script(
        "return getComputedStyle(document.querySelector('section[data-kind=row] p[lang=fa]')).direction")
    assert direction == "rtl"
    assert browser.execute_script("return getComputedStyle(document.body).direction") == "ltr"
    shown = browser.execute_script("""
        return Array.from(document.querySelectorAll('li[data-code]')).map(li => {
            const item = li.closest('section.item');
            return [item ? item.id : null, li.dataset.code];
        });""")
    flags = json.loads((built / "flags.json").read_text(encoding="utf-8"))
    items = {"source_rows", "regimens", "criteria"}
    for flag in flags:  # each flag stands under its item (or in the documents and corrections lists)
        assert [flag["target"] if flag["table"] in items else None, flag["code"]] in shown, flag
    highlighted = browser.execute_script("return document.querySelectorAll('section[data-kind=regimen] mark').length")
    regimens = json.loads((built / "regimens.json").read_text(encoding="utf-8"))
    assert highlighted == sum(1 for r in regimens if r["needs_review"])


def test_every_flagged_pdf_row_shows_its_region_of_the_page(built, page):
    rows = json.loads((built / "source_rows.json").read_text(encoding="utf-8"))
    flagged = [r for r in rows if r["needs_review"] and r["pdf_bbox_pages"]]
    assert flagged, "the PDF build flags rows (the renditions differ on one)"
    loaded = page.execute_script("""
        const out = {};
        for (const img of document.querySelectorAll('section[data-kind=row] img[data-row]')) {
            out[img.dataset.row] = (out[img.dataset.row] || []).concat([img.complete && img.naturalWidth > 0]);
        }
        return out;""")
    for row in flagged:  # an image per page the row stands on, each loaded
        assert loaded.get(row["row_id"]) == [True] * len(row["pdf_bbox_pages"]), row["row_id"]


def test_quoted_persian_is_isolated_and_no_escape_shows_as_text(page):
    text = page.execute_script("return document.body.innerText")
    assert "\\u200c" not in text and "\\u" not in text
    quoted = page.execute_script("""
        return Array.from(document.querySelectorAll('ul.reasons bdi[lang=fa]'))
            .map(b => getComputedStyle(b).direction);""")
    assert quoted and set(quoted) == {"rtl"}


def _select(browser, name: str, value: str) -> int:
    browser.execute_script(f"""
        const s = document.querySelector('#filters select[name={name}]');
        s.value = arguments[0]; s.dispatchEvent(new Event('change'));""", value)
    return int(browser.find_element("id", "shown").text)


def test_filters_by_flag_code_document_and_indication(built, page):
    total = int(page.find_element("id", "shown").text)
    regimens = json.loads((built / "regimens.json").read_text(encoding="utf-8"))
    rows = json.loads((built / "source_rows.json").read_text(encoding="utf-8"))
    criteria = json.loads((built / "criteria.json").read_text(encoding="utf-8"))
    statements = json.loads((built / "statements.json").read_text(encoding="utf-8"))
    flagged = [x for table in (rows, regimens, criteria, statements) for x in table if x["needs_review"]]
    assert total == len(flagged)
    with_code = [x for x in flagged if any(r.startswith("renditions_differ:") for r in x["review_reasons"])]
    assert _select(page, "code", "renditions_differ") == len(with_code) > 0
    visible = page.execute_script("return Array.from(document.querySelectorAll('section.item'))"
                                  ".filter(s => s.offsetParent !== null).map(s => s.id)")
    assert sorted(visible) == sorted(x.get("row_id") or x.get("regimen_id") for x in with_code)
    _select(page, "code", "")
    circular = next(x["doc_id"] for x in rows)
    assert _select(page, "doc", circular) == sum(1 for x in flagged if x["doc_id"] == circular)
    _select(page, "doc", "")
    assert _select(page, "indication", "itp-children") == sum(1 for x in flagged
                                                              if x.get("indication_id") == "itp-children")
    assert _select(page, "indication", "") == total


def test_counts_at_the_top_are_the_build_summary(built, page):
    flags = json.loads((built / "flags.json").read_text(encoding="utf-8"))
    figures = {k: int(page.find_element("id", f"count-{k}").text) for k in ("documents", "rows", "regimens", "flags",
                                                                            "for-review")}
    regimens = json.loads((built / "regimens.json").read_text(encoding="utf-8"))
    assert figures == {"documents": 2, "rows": 55, "regimens": len(regimens), "flags": len(flags),
                       "for-review": sum(1 for f in flags if f["severity"] == "review")}
