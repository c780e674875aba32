"""The review page, opened in a real headless browser (Debian's chromium, installed by .ci/run)."""
import json
import os
import shutil
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


def test_review_page_opens_renders_persian_rtl_and_shows_every_flag(built, browser, tmp_path):
    page = tmp_path / "review.html"
    shutil.copy(built / "review.html", page)
    browser.get(page.as_uri())
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
