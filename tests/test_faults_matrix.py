"""The fault matrix: every kind of bad input, alone and beside a good document, on the serial and the
process-pool executors, with and without --keep-going. Each gives the file's name and the reason
(or, with keep_going and something readable, a build of the rest that lists it), and leaves the
previous output byte for byte as it was. The CLI and Dask run a subset (test_faults_cli.py)."""
from __future__ import annotations

import shutil

import pytest

from pipeline.build import build
from pipeline.errors import DocumentError, NothingReadError

from .conftest import CIRCULAR_PDF, CIRCULAR_TXT
from .faults import (CIRCULAR_WITHOUT_TABLE, ENCRYPT, IMAGE_ONLY_PAGE, TEXT_PAGE, files, one_page_pdf)

PERSIAN = "بخشنامه دستورالعمل تجویز ایمونوگلوبولین وریدی\n".encode("utf-8")

# name -> (bytes, or a size for a sparse file; words of the reason)
BAD: dict[str, tuple[bytes | int, str]] = {
    "empty.txt": (b"", "the file is empty"),
    "garbage.txt": (bytes(range(256)) * 16, "binary"),
    "truncated.pdf": (CIRCULAR_PDF.read_bytes()[:3000], "damaged or truncated PDF"),
    "encrypted.pdf": (one_page_pdf(TEXT_PAGE, encrypt=ENCRYPT), "encrypted"),
    "scan.pdf": (one_page_pdf(IMAGE_ONLY_PAGE), "no text layer"),
    "latin1.txt": ("Übersicht der Indikationen für Immunglobuline".encode("latin-1"), "unknown text encoding"),
    "nul bytes.txt": (PERSIAN + b"\x00\x00" + PERSIAN, "NUL bytes"),
    "oversized.txt": (65 * 2**20, "too large"),
    "english.txt": (b"Intravenous immunoglobulin: a guideline in English.\n", "neither Persian nor Chinese"),
    "no table.txt": (CIRCULAR_WITHOUT_TABLE, "no prescription table"),
    "not a pdf.pdf": (b"just words pretending to be a PDF", "not a PDF"),
}
EXECUTORS = {"serial": {"workers": 1, "executor": "serial"}, "process": {"workers": 2, "executor": "process"}}


def _put(folder, name: str) -> None:
    data, _ = BAD[name]
    if isinstance(data, int):
        with open(folder / name, "wb") as handle:
            handle.truncate(data)  # sparse: large on paper, cheap on disk
    else:
        (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A good build, copied as each test's previous output."""
    base = tmp_path_factory.mktemp("previous")
    (base / "raw").mkdir()
    shutil.copy(CIRCULAR_TXT, base / "raw" / CIRCULAR_TXT.name)
    build(base / "raw", base / "curated", cache_dir=base / "cache")
    return base


@pytest.fixture
def setup(previous, tmp_path):
    shutil.copytree(previous / "curated", tmp_path / "curated")
    (tmp_path / "raw").mkdir()
    return tmp_path


def _options(previous, executor: str) -> dict:
    # serial builds share a cache, so the good document is parsed once per module; the pool's builds
    # parse both files, so that both cross the process boundary
    cache = previous / "cache" if executor == "serial" else False
    return {**EXECUTORS[executor], "cache_dir": cache}


@pytest.mark.parametrize("executor", EXECUTORS)
@pytest.mark.parametrize("name", BAD)
def test_bad_file_beside_a_good_one_stops_the_build_with_its_name(setup, previous, name, executor):
    before = files(setup / "curated")
    shutil.copy(CIRCULAR_TXT, setup / "raw" / CIRCULAR_TXT.name)
    _put(setup / "raw", name)
    with pytest.raises(DocumentError) as error:
        build(setup / "raw", setup / "curated", **_options(previous, executor))
    assert error.value.file == name and BAD[name][1] in error.value.reason
    assert files(setup / "curated") == before
    assert not list(setup.glob(".curated-new-*"))


@pytest.mark.parametrize("executor", EXECUTORS)
@pytest.mark.parametrize("name", BAD)
def test_keep_going_builds_the_good_one_and_lists_the_bad(setup, previous, name, executor):
    shutil.copy(CIRCULAR_TXT, setup / "raw" / CIRCULAR_TXT.name)
    _put(setup / "raw", name)
    report = build(setup / "raw", setup / "curated", keep_going=True, **_options(previous, executor))
    assert report.rows == 55 and report.documents == 1
    assert [x["file"] for x in report.left_out] == [name] and BAD[name][1] in report.left_out[0]["reason"]


@pytest.mark.parametrize("keep_going", [False, True])
@pytest.mark.parametrize("name", BAD)
def test_bad_file_alone_publishes_nothing(setup, previous, name, keep_going):
    before = files(setup / "curated")
    _put(setup / "raw", name)
    expected = NothingReadError if keep_going else DocumentError
    with pytest.raises(expected) as error:
        build(setup / "raw", setup / "curated", keep_going=keep_going, cache_dir=False)
    assert name in str(error.value) and BAD[name][1] in str(error.value)
    assert files(setup / "curated") == before


def test_two_bad_files_on_the_pool_name_the_first_in_order(setup, previous):
    before = files(setup / "curated")
    for name in ("truncated.pdf", "garbage.txt"):
        _put(setup / "raw", name)
    with pytest.raises(NothingReadError, match="garbage.txt: binary.*truncated.pdf: damaged"):
        build(setup / "raw", setup / "curated", keep_going=True, cache_dir=False, workers=2, executor="process")
    with pytest.raises(DocumentError, match="garbage.txt"):
        build(setup / "raw", setup / "curated", cache_dir=False, workers=2, executor="process")
    assert files(setup / "curated") == before
