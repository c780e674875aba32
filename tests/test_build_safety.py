"""Builds that never lose data: killed builds, concurrent builds, bad inputs, documents left out."""
import fcntl
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.errors import BuildLockedError, DocumentError

from .conftest import ROOT, copy_raw


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def raw(tmp_path):
    return copy_raw(tmp_path, ["qums-ivig-circular-1399.txt", "ivig-bmt-article-zh.txt"])


SLOW_BUILD = """
import sys, time
import pipeline.export as export
import pipeline.export_stream as export_stream
for module, name in ((export, "write_table"), (export_stream, "write_fragment_table")):
    def slow(*args, _write=getattr(module, name), **kwargs):
        out = _write(*args, **kwargs)
        time.sleep(0.4)
        return out
    setattr(module, name, slow)
from pipeline.build import build
build(sys.argv[1], sys.argv[2], cache_dir=False if sys.argv[3] == "none" else sys.argv[3])
"""


# killed while the tables stream from the documents' fragments, without a cache and with one
# (whose fragments the killed build made and the next build reuses)
@pytest.mark.parametrize("cache", ["none", "cache"])
def test_a_build_killed_while_writing_leaves_curated_untouched(tmp_path, raw, cache):
    out = tmp_path / "curated"
    cache = cache if cache == "none" else str(tmp_path / "cache")
    build(raw, out, cache_dir=None if cache == "none" else cache)
    before = _files(out)
    (raw / "qums-ivig-circular-1399.txt").write_text(
        (raw / "qums-ivig-circular-1399.txt").read_text(encoding="utf-8").replace("میاستنی", "میاستنیا"),
        encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", SLOW_BUILD, str(raw), str(out), cache], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".curated-new-*")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.02)
    time.sleep(0.5)  # mid-write: some tables staged, the swap not yet done
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _files(out) == before
    assert list(tmp_path.glob(".curated-new-*")), "the killed build's staging folder is what it left"
    build(raw, out, cache_dir=None if cache == "none" else cache)  # clears what the killed one left, succeeds
    assert not list(tmp_path.glob(".curated-new-*")) and not list(tmp_path.glob(".curated-work-*"))
    assert _files(out) != before
    assert _files(out) == _files(_fresh(raw, tmp_path / "fresh" / "curated"))


def _fresh(raw, out):
    build(raw, out, cache_dir=False)
    return out


def test_a_second_build_waits_or_refuses(tmp_path, raw):
    out = tmp_path / "curated"
    lock = open(tmp_path / ".curated.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        with pytest.raises(BuildLockedError, match="another build is writing"):
            build(raw, out, wait_seconds=0)
        result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
                                 "--wait", "0"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode != 0 and "another build is writing" in result.stderr
        threading.Timer(1.0, lambda: fcntl.flock(lock, fcntl.LOCK_UN)).start()
        started = time.monotonic()
        report = build(raw, out, wait_seconds=30)
        assert time.monotonic() - started >= 0.9 and report.rows == 55
    finally:
        lock.close()


def _bad(tmp_path, name: str, data: bytes | None = None, size: int | None = None) -> Path:
    raw = copy_raw(tmp_path, ["qums-ivig-circular-1399.txt"])
    path = raw / name
    if size is not None:
        with open(path, "wb") as handle:
            handle.truncate(size)  # sparse: large on paper, cheap on disk
    else:
        path.write_bytes(data)
    return raw


@pytest.mark.parametrize("name, data, size, reason", [
    ("empty.txt", b"", None, "the file is empty"),
    ("garbage.txt", bytes(range(256)) * 16, None, "binary"),
    ("latin1.txt", "Übersicht der Indikationen für Immunglobuline".encode("latin-1"), None, "unknown text encoding"),
    ("huge.txt", None, 65 * 1024 * 1024, "too large"),
    ("no table.txt", "تاریخ: ۱۴۰۰/۰۱/۰۱\nبا سلام\nنامه‌ای بدون جدول\n".encode("utf-8"), None, "no prescription table"),
    ("بخشنامه ۱۴۰۰.pdf", b"%PDF-1.7 truncated", None, "damaged or truncated PDF"),
])
def test_bad_inputs_fail_with_the_file_and_reason(tmp_path, name, data, size, reason):
    raw = _bad(tmp_path, name, data, size)
    out = tmp_path / "curated"
    with pytest.raises(DocumentError) as error:
        build(raw, out)
    assert error.value.file == name and reason in error.value.reason
    assert not out.exists()


def test_keep_going_leaves_the_bad_document_out_and_lists_it(tmp_path):
    raw = _bad(tmp_path, "نامه خراب.txt", bytes(range(256)) * 8)
    out = tmp_path / "curated"
    report = build(raw, out, keep_going=True)
    assert report.rows == 55
    assert report.left_out == ({"file": "نامه خراب.txt", "reason": "binary data (NUL bytes): not a text file"},)
    result = subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out),
                             "--keep-going"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "left out: نامه خراب.txt" in result.stdout


def test_file_names_with_spaces_and_persian_letters(tmp_path):
    raw = tmp_path / "اسناد خام"
    raw.mkdir()
    (raw / "بخشنامه قزوین ۱۳۹۹.txt").write_bytes((ROOT / "raw_documents" / "qums-ivig-circular-1399.txt").read_bytes())
    report = build(raw, tmp_path / "خروجی داده")
    assert report.rows == 55 and (tmp_path / "خروجی داده" / "source_rows.parquet").exists()


@pytest.mark.parametrize("raw, reason", [("missing", "does not exist"), ("empty", "holds no document")])
def test_a_mistyped_or_empty_raw_folder_leaves_no_output_folder_or_lock_behind(tmp_path, raw, reason):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DocumentError, match=reason):
        build(tmp_path / raw, tmp_path / "no" / "such" / "curated")
    assert not (tmp_path / "no").exists()
