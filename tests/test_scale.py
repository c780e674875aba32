"""Parallel and distributed builds give byte-identical output; large corpora as partitioned datasets."""
import shutil

import pandas as pd
import pytest

from pipeline.build import build
from pipeline.executors import AUTO_POOL_FROM

from .conftest import RAW


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Six generated circulars (other issuers, rows reordered, pages moved, Persian or ASCII digits) and the
    real documents, the PDF rendition among them."""
    from bench.corpus import generate

    raw = tmp_path_factory.mktemp("corpus")
    generate(raw, 6, seed=7)
    for path in RAW.iterdir():
        if path.suffix in (".txt", ".pdf"):
            shutil.copy(path, raw / path.name)
    return raw


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "curated"
    report = build(corpus, out, cache_dir=False)
    assert report.documents == 8 and report.files == 9
    return out


def test_process_pool_build_is_byte_identical(corpus, serial, tmp_path):
    build(corpus, tmp_path / "curated", cache_dir=False, workers=2, executor="process")
    assert _files(tmp_path / "curated") == _files(serial)


def test_dask_build_on_a_local_two_worker_cluster_is_byte_identical(corpus, serial, tmp_path):
    pytest.importorskip("dask.distributed")
    build(corpus, tmp_path / "curated", cache_dir=False, workers=2, executor="dask")
    assert _files(tmp_path / "curated") == _files(serial)


def test_partitioned_dataset_reads_as_one_table(corpus, serial, tmp_path):
    out = tmp_path / "curated"
    build(corpus, out, cache_dir=False, partitioned=True)
    folders = sorted(p.name for p in (out / "regimens").iterdir())
    assert len(folders) == 8 and all(f.startswith("doc_id=") for f in folders)
    whole = pd.read_parquet(serial / "regimens.parquet")
    parts = pd.read_parquet(out / "regimens")
    assert len(parts) == len(whole)
    key = ["regimen_id"]
    left = whole.sort_values(key).reset_index(drop=True)
    right = parts.sort_values(key).reset_index(drop=True)
    right["doc_id"] = right["doc_id"].astype(str)
    pd.testing.assert_frame_equal(left[sorted(left.columns)], right[sorted(right.columns)])
    assert (out / "regimens.json").read_bytes() == (serial / "regimens.json").read_bytes()


def test_partitioned_dataset_reads_in_duckdb(corpus, serial, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "curated"
    build(corpus, out, cache_dir=False, partitioned=True)
    per_document = duckdb.sql(
        f"select doc_id, count(*) from read_parquet('{out}/regimens/*/*.parquet', hive_partitioning=true) "
        "group by doc_id order by doc_id").fetchall()
    whole = pd.read_parquet(serial / "regimens.parquet").groupby("doc_id").size()
    assert per_document == [(doc_id, n) for doc_id, n in whole.sort_index().items()]


def _dataset_writer(folder, schema, rows, batch):
    """The old path: pyarrow's dataset writer fed batches of `batch` rows."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    batches = [pa.RecordBatch.from_pylist(rows[i:i + batch], schema=schema) for i in range(0, len(rows), batch)]
    ds.write_dataset(pa.RecordBatchReader.from_batches(schema, iter(batches)), folder, format="parquet",
                     partitioning=["doc_id"], partitioning_flavor="hive", basename_template="part-{i}.parquet",
                     use_threads=False, file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))


def _regimen_rows(built_folder):
    import json

    from pipeline.export import _written
    from pipeline.schema import TABLES

    kinds = {c.name: c.type for c in TABLES["regimens"]}
    rows = json.loads((built_folder / "regimens.json").read_text(encoding="utf-8"))
    return [{c: _written(r.get(c), kinds[c]) for c in kinds} for r in rows]


def test_partitions_written_a_document_at_a_time_equal_the_dataset_writers_files(serial, tmp_path):
    from pipeline.export import write_partitions
    from pipeline.schema import arrow_schema

    rows, schema = _regimen_rows(serial), arrow_schema("regimens")
    _dataset_writer(tmp_path / "old", schema, rows, batch=len(rows))
    assert write_partitions(tmp_path / "new", schema, rows, lambda r: r)
    assert len(_files(tmp_path / "new")) == 8
    assert _files(tmp_path / "new") == _files(tmp_path / "old")


def test_a_document_across_two_batches_keeps_its_rows_in_order(serial, tmp_path):
    """The dataset writer wrote such a document's later batch first; a document's file here reads in
    the table's order (as its JSON twin)."""
    import pyarrow.parquet as pq

    from pipeline.export import write_partitions
    from pipeline.schema import arrow_schema

    rows, schema = _regimen_rows(serial), arrow_schema("regimens")
    first = rows[0]["doc_id"]
    mine = [r["regimen_id"] for r in rows if r["doc_id"] == first]
    assert write_partitions(tmp_path / "new", schema, rows, lambda r: r)
    assert pq.read_table(tmp_path / "new" / f"doc_id={first}").column("regimen_id").to_pylist() == mine


@pytest.mark.parametrize("change", ["empty", "id_escaped", "rows_apart"])
def test_what_only_the_dataset_writer_handles_is_left_to_it(serial, tmp_path, change):
    from pipeline.export import write_partitions
    from pipeline.schema import arrow_schema

    rows = _regimen_rows(serial)
    if change == "empty":
        rows = []
    elif change == "id_escaped":
        rows = [{**r, "doc_id": "a doc/with space"} for r in rows]
    else:
        rows = rows + rows[:1]
    assert not write_partitions(tmp_path / "new", arrow_schema("regimens"), rows, lambda r: r)
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("kind, workers, documents, pool", [
    ("serial", 0, 1, None),  # a build that does not say, of one document: read here
    ("serial", 0, 3, "beside"),  # ... of a few: the costliest read in one forked process beside this one
    ("serial", 0, AUTO_POOL_FROM, "pool"),  # ... of enough documents to repay the pool's start
    ("serial", 1, 3, None),  # asked for one worker: all here
    ("serial", 2, 3, "pool"),  # asked for two workers: a pool, whatever the count
    ("process", 0, 3, "pool"),
])
def test_a_build_that_does_not_say_starts_a_pool_only_for_enough_documents(monkeypatch, kind, workers, documents,
                                                                        pool):
    from pipeline import executors

    monkeypatch.setattr(executors, "default_workers", lambda: 2)
    monkeypatch.setattr(executors.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(executors, "_single_threaded", lambda: True)  # this test process runs libraries' threads
    started = []
    monkeypatch.setattr(executors, "ProcessPoolExecutor", lambda **kw: started.append(kw) or _InPlace())
    with executors.executor(kind, workers) as run:
        assert run.map(abs, [(-n,) for n in range(documents)]) == list(range(documents))
    kinds = [("beside" if kw["max_workers"] == 1 and kw["mp_context"].get_start_method() == "fork" else "pool")
             for kw in started]
    assert kinds == ([pool] if pool else [])


class _InPlace:
    """A stand-in pool that maps here (the decision to start one is what is tested)."""

    def map(self, fn, *columns):
        return map(fn, *columns)

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, cancel_futures=False):
        pass


# Run in a new process: fork needs a process of one thread, and this test process has the threads of the
# libraries it imported (numpy's, Arrow's). Prints where each document of a case was read (or the error).
_BESIDE = """
import json, os, sys
from pipeline.errors import WorkerError
from pipeline.executors import read_beside

def where_read(name, data):
    if name == "dies.pdf":
        os._exit(3)
    return name, os.getpid()

cases = {"pdf": [("a.txt", b"x" * 500), ("circular.pdf", b"%PDF-1.4 small"), ("b.txt", b"y" * 900)],
         "largest": [("a.txt", b"x" * 500), ("b.txt", b"y" * 900)],
         "dies": [("a.txt", b"x"), ("dies.pdf", b"%PDF-1.4")]}
def ceiling(name, data):
    import resource
    return name, resource.getrlimit(resource.RLIMIT_AS)[0]

try:
    if sys.argv[1] == "ceiling":
        out = [list(item) for item in read_beside(ceiling, cases["pdf"])]
    else:
        out = [[name, "here" if pid == os.getpid() else "beside"]
               for name, pid in read_beside(where_read, cases[sys.argv[1]], idle=lambda: None)]
except WorkerError as error:
    import multiprocessing
    out = {"error": str(error), "children": len(multiprocessing.active_children())}
print(json.dumps(out))
"""


def test_the_costliest_document_is_read_in_a_forked_process_the_results_in_their_order(tmp_path):
    import json
    import subprocess
    import sys

    def run(case: str):
        done = subprocess.run([sys.executable, "-c", _BESIDE, case], capture_output=True, text=True, timeout=120,
                              check=True)
        return json.loads(done.stdout)

    out = {case: run(case) for case in ("pdf", "largest", "dies", "ceiling")}
    assert out["pdf"] == [["a.txt", "here"], ["circular.pdf", "beside"], ["b.txt", "here"]]
    assert out["largest"] == [["a.txt", "here"], ["b.txt", "beside"]]  # no PDF: the largest file
    assert "dies.pdf" in out["dies"]["error"] and out["dies"]["children"] == 0  # named, nothing left behind
    from pipeline.limits import limits

    assert dict(out["ceiling"])["circular.pdf"] == limits().worker_memory_mib * 2**20  # as a pool worker reads


def _here(name, data):
    import os

    return name, os.getpid()


def test_with_another_thread_running_nothing_is_forked():
    import os
    import threading

    from pipeline.executors import read_beside

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = read_beside(_here, [("a.txt", b"x"), ("c.pdf", b"%PDF-1.4")])
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in results} == {os.getpid()}
