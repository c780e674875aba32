"""The fault matrix's subset through the command line (default executor: a process pool on this
machine's cores) and through Dask: exit 1, the file's name and reason, no traceback, output untouched."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from pipeline.build import build
from pipeline.errors import DocumentError

from .conftest import CIRCULAR_TXT, ROOT
from .faults import files
from .test_faults_matrix import BAD, _put

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def ivig_kb(*args: str) -> subprocess.CompletedProcess:
    extra = ["--no-progress"] if args[0] == "build" else []
    return subprocess.run([sys.executable, "-m", "pipeline", *args, *extra], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    base = tmp_path_factory.mktemp("previous")
    (base / "raw").mkdir()
    shutil.copy(CIRCULAR_TXT, base / "raw" / CIRCULAR_TXT.name)
    build(base / "raw", base / "curated", cache_dir=False)
    return base


@pytest.fixture
def setup(previous, tmp_path):
    shutil.copytree(previous / "curated", tmp_path / "curated")
    (tmp_path / "raw").mkdir()
    shutil.copy(CIRCULAR_TXT, tmp_path / "raw" / CIRCULAR_TXT.name)
    return tmp_path


@pytest.mark.parametrize("name", ["truncated.pdf", "garbage.txt", "encrypted.pdf"])
def test_cli_names_the_bad_file_on_the_default_pool(setup, name):
    before = files(setup / "curated")
    _put(setup / "raw", name)
    result = ivig_kb("build", "--raw", str(setup / "raw"), "--out", str(setup / "curated"), "--no-cache",
                     "--workers", "2")
    assert result.returncode == 1, result.stderr
    assert f"left as it was: {name}: " in result.stderr and BAD[name][1] in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert files(setup / "curated") == before


def test_cli_keep_going_lists_the_bad_file_and_builds_the_rest(setup):
    _put(setup / "raw", "truncated.pdf")
    result = ivig_kb("build", "--raw", str(setup / "raw"), "--out", str(setup / "curated"), "--no-cache",
                     "--workers", "2", "--keep-going")
    assert result.returncode == 0, result.stderr
    assert "left out: truncated.pdf: damaged or truncated PDF" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_keep_going_with_nothing_readable_exits_1_and_keeps_the_output(setup):
    before = files(setup / "curated")
    (setup / "raw" / CIRCULAR_TXT.name).unlink()
    for name in ("truncated.pdf", "garbage.txt"):
        _put(setup / "raw", name)
    result = ivig_kb("build", "--raw", str(setup / "raw"), "--out", str(setup / "curated"), "--keep-going")
    assert result.returncode == 1 and "no document could be read" in result.stderr
    assert "garbage.txt: binary" in result.stderr and "truncated.pdf: damaged" in result.stderr
    assert "Traceback" not in result.stderr
    assert files(setup / "curated") == before


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


@pytest.mark.parametrize("name", ["truncated.pdf", "nul bytes.txt", "scan.pdf"])
def test_dask_names_the_bad_file_and_keeps_going(setup, dask_scheduler, name):
    before = files(setup / "curated")
    _put(setup / "raw", name)
    options = {"cache_dir": False, "executor": "dask", "scheduler": dask_scheduler}
    with pytest.raises(DocumentError) as error:
        build(setup / "raw", setup / "curated", **options)
    assert error.value.file == name and BAD[name][1] in error.value.reason
    assert files(setup / "curated") == before
    report = build(setup / "raw", setup / "curated", keep_going=True, **options)
    assert report.rows == 55 and [x["file"] for x in report.left_out] == [name]


def test_the_console_entry_flushes_its_output_and_keeps_click_s_exit_code(tmp_path):
    """ivig-kb ends with a hard exit (cli.run): what it printed arrives whole, and the code is click's."""
    import json

    done = ivig_kb("parse", "۴۰۰ میلی‌گرم بر کیلوگرم روزانه برای ۵ روز", "--json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["regimens"][0]["course_days_high"] == 5
    assert ivig_kb("no-such-command").returncode == 2
    assert ivig_kb("build", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "out")).returncode == 1
