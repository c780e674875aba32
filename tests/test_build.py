"""The build as users run it: one command, a summary, clear failures, identical and atomic output."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import build

from .conftest import RAW, ROOT, copy_raw

CONTRACT = Path(__file__).parent / "contract" / "check_contract.py"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True)


def test_contract_holds_on_a_fresh_build(built):
    result = subprocess.run([sys.executable, str(CONTRACT), str(built)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contract: holds" in result.stdout


def test_vendored_contract_check_matches_the_shared_one():
    shared = ROOT.parent / "shared" / "contract" / "check_contract.py"
    if not shared.exists():
        pytest.skip("the shared contract folder is not beside this checkout")
    assert shared.read_bytes() == CONTRACT.read_bytes()


def test_two_builds_are_byte_identical(built, tmp_path):
    build(RAW, tmp_path / "again")
    assert _files(tmp_path / "again") == _files(built)


def test_committed_curated_is_what_make_kb_produces(built):
    committed = ROOT / "curated"
    assert committed.is_dir(), "curated/ is committed: run `make kb`"
    fresh, kept = _files(built), _files(committed)
    assert sorted(kept) == sorted(fresh), "curated/ holds other files than a build writes: run `make kb`"
    stale = [name for name in fresh if fresh[name] != kept[name]]
    assert not stale, f"curated/ is not what `make kb` produces now ({stale}): run `make kb` and commit"


def test_cli_build_prints_a_summary(tmp_path):
    raw = copy_raw(tmp_path)
    result = _cli("build", "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "documents" in result.stdout and "55 rows" in result.stdout and "flags" in result.stdout
    report = json.loads(_cli("build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--json").stdout)
    assert report["rows"] == 55


def test_unreadable_document_stops_the_build_and_keeps_curated(tmp_path):
    raw = copy_raw(tmp_path)
    out = tmp_path / "out"
    assert _cli("build", "--raw", str(raw), "--out", str(out)).returncode == 0
    before = _files(out)
    (raw / "بخشنامه جدید.txt").write_bytes(bytes(range(256)) * 4)
    result = _cli("build", "--raw", str(raw), "--out", str(out))
    assert result.returncode != 0
    assert "بخشنامه جدید.txt" in result.stderr and "binary" in result.stderr
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-new-")]


def test_document_without_a_table_is_an_error(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "letter.txt").write_text("تاریخ: ۱۳۹۹/۰۶/۱۶\nبا سلام و احترام\nمتن نامه بدون جدول\n", encoding="utf-8")
    result = _cli("build", "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "letter.txt" in result.stderr and "no prescription table" in result.stderr
    assert not (tmp_path / "out").exists()


def test_console_script_and_module_agree(tmp_path):
    exe = Path(sys.executable).with_name("ivig-kb")
    assert exe.exists()
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout


def test_no_row_is_dropped(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    for acc in manifest["accounting"].values():
        assert acc["lines_in"] == acc["rows"] + acc["continuations_joined"]
