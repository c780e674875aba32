"""The output side: odd --out paths, filesystem errors, killed builds. A failed build names the path and
the reason and leaves OUT as it was; a killed one leaves no process behind."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid

import pytest

from pipeline import export, export_stream
from pipeline.build import build
from pipeline.errors import OutputError

from .conftest import CIRCULAR_PDF, CIRCULAR_TXT, ROOT
from .faults import files, processes_with
from .test_faults_cli import ENV, ivig_kb


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    base = tmp_path_factory.mktemp("previous")
    (base / "raw").mkdir()
    shutil.copy(CIRCULAR_TXT, base / "raw" / CIRCULAR_TXT.name)
    build(base / "raw", base / "curated", cache_dir=base / "cache")
    return base


@pytest.fixture
def out(previous, tmp_path):
    shutil.copytree(previous / "curated", tmp_path / "curated")
    return tmp_path / "curated"


def test_out_symlink_is_followed_and_the_swap_happens_beside_its_target(previous, tmp_path):
    target = tmp_path / "real" / "curated"
    target.parent.mkdir()
    shutil.copytree(previous / "curated", target)
    (target / "stray.txt").write_text("from an older build")
    link = tmp_path / "link"
    link.symlink_to(target)
    build(previous / "raw", link, cache_dir=previous / "cache")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert not (target / "stray.txt").exists()  # the target was replaced by the new build
    assert files(target) == files(previous / "curated")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]  # nothing moved aside


def test_out_that_is_a_file_is_refused_and_left_alone(previous, tmp_path):
    path = tmp_path / "curated"
    path.write_text("not a folder")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        build(previous / "raw", path, cache_dir=previous / "cache")
    result = ivig_kb("build", "--raw", str(previous / "raw"), "--out", str(path))
    assert result.returncode == 1 and "is a file, not a folder" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curated"]


def test_out_under_proc_is_a_named_error(previous):
    result = ivig_kb("build", "--raw", str(previous / "raw"), "--out", "/proc/ivig-kb-curated")
    assert result.returncode == 1 and "build failed, /proc/ivig-kb-curated/ left as it was: cannot write" \
        in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("where", ["write_table", "write_json", "_swap_into_place"])
def test_filesystem_errors_while_writing_leave_out_as_it_was(previous, out, monkeypatch, code, where):
    before = files(out)
    # the regimens are streamed from the documents' fragments: write_table halfway is their writer
    module = export_stream if where == "write_table" else export
    name = "write_fragment_table" if where == "write_table" else where
    real = getattr(module, name)

    def failing(*args, **kwargs):
        if where != "write_table" or args[1] == "regimens":  # fail halfway through the tables
            raise OSError(code, os.strerror(code), str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    with pytest.raises(OutputError, match=os.strerror(code)):
        build(previous / "raw", out, cache_dir=False)
    assert files(out) == before
    assert not list(out.parent.glob(".curated-new-*")) and not list(out.parent.glob(".curated-old-*"))


def test_a_read_only_output_folder_is_a_named_error(previous, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes through permissions; the injected EROFS/EACCES cases cover it")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            build(previous / "raw", folder / "curated", cache_dir=False)
    finally:
        folder.chmod(0o755)


def test_a_cache_that_cannot_be_written_costs_speed_not_the_build(previous, out, tmp_path):
    cache = tmp_path / "cache-file"
    cache.write_text("a file where the cache folder would be")
    report = build(previous / "raw", out, cache_dir=cache)
    assert report.rows == 55


def _raw_for_the_pool(tmp_path):
    """Three documents to read, so that the pool starts and its workers have work when the build dies."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CIRCULAR_PDF, raw / CIRCULAR_PDF.name)
    shutil.copy(CIRCULAR_TXT, raw / CIRCULAR_TXT.name)
    (raw / "copy.txt").write_bytes(CIRCULAR_TXT.read_bytes() + b"\n")
    return raw


# the pool (build, fork server, resource tracker, workers) and, by default for a few documents, the one
# process forked beside the build to read the PDF (build and that process)
@pytest.mark.parametrize("executor, started", [(("--workers", "2", "--executor", "process"), 3), ((), 2)],
                         ids=["pool", "forked-beside"])
@pytest.mark.parametrize("after_pool_start", [0.0, 0.4, 1.2])
def test_killed_build_leaves_no_process_behind(tmp_path, after_pool_start, executor, started):
    raw = _raw_for_the_pool(tmp_path)
    token = uuid.uuid4().hex
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out",
                             str(tmp_path / "curated"), "--no-cache", *executor,
                             "--no-progress"], cwd=ROOT, env={**ENV, "IVIG_KB_TEST_TOKEN": token},
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(processes_with(token)) < started and proc.poll() is None:
        assert time.monotonic() < deadline, "the pool never started"
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before its helper processes were seen"
    time.sleep(after_pool_start)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader = threading.Thread(target=proc.stdout.read, daemon=True)
    reader.start()  # returns once nothing holds the build's stdout: then `ivig-kb build | cat` ends too
    reader.join(timeout=10)
    deadline = time.monotonic() + 5
    while processes_with(token) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = processes_with(token)
    for pid in survivors:  # leave the machine clean even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, f"processes of the killed build still alive after 5 s: {survivors}"
    assert not reader.is_alive(), "the killed build's stdout is still held open"


def test_pool_workers_read_under_the_memory_ceiling():
    import resource

    from pipeline.executors import Processes
    from pipeline.limits import limits

    pool = Processes(2)
    try:
        ceilings = pool.map(resource.getrlimit, [(resource.RLIMIT_AS,), (resource.RLIMIT_AS,)])
    finally:
        pool.close()
    assert {soft for soft, _ in ceilings} == {limits().worker_memory_mib * 2**20}


def test_a_worker_that_dies_is_a_named_error_not_a_broken_pool():
    from pipeline.errors import WorkerError
    from pipeline.executors import Processes

    pool = Processes(2)
    try:
        with pytest.raises(WorkerError, match="a worker process died while reading one of: 3, 3"):
            pool.map(os._exit, [(3,), (3,)])
    finally:
        pool.close()


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 4 MiB mounted for the test (root only; skipped where mounting is not allowed)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_a_full_disk_and_a_read_only_disk_are_named_and_leave_out_as_it_was(previous, small_disk):
    out = small_disk / "curated"
    shutil.copytree(previous / "curated", out)
    before = files(out)
    with open(small_disk / "filler", "wb") as handle:  # leave less room than one more dataset needs
        free = shutil.disk_usage(small_disk).free
        handle.write(b"\0" * max(0, free - 200_000))
    result = ivig_kb("build", "--raw", str(previous / "raw"), "--out", str(out))
    assert result.returncode == 1 and "left as it was: cannot write" in result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert files(out) == before and not list(small_disk.glob(".curated-new-*"))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = ivig_kb("build", "--raw", str(previous / "raw"), "--out", str(out))
    assert result.returncode == 1 and "Read-only file system" in result.stderr and "Traceback" not in result.stderr
    assert files(out) == before
