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
    ("serial", 0, 3, False),  # a build that does not say, of a few documents: read here
    ("serial", 0, AUTO_POOL_FROM, True),  # ... of enough documents to repay the pool's start
    ("serial", 2, 3, True),  # asked for two workers: a pool, whatever the count
    ("process", 0, 3, True),
])
def test_a_build_that_does_not_say_starts_a_pool_only_for_enough_documents(monkeypatch, kind, workers, documents,
                                                                        pool):
    from pipeline import executors

    monkeypatch.setattr(executors, "default_workers", lambda: 2)
    started = []
    monkeypatch.setattr(executors, "ProcessPoolExecutor", lambda **kw: started.append(kw) or _InPlace())
    with executors.executor(kind, workers) as run:
        assert run.map(abs, [(-n,) for n in range(documents)]) == list(range(documents))
    assert bool(started) == pool


class _InPlace:
    """A stand-in pool that maps here (the decision to start one is what is tested)."""

    def map(self, fn, *columns):
        return map(fn, *columns)

    def shutdown(self, cancel_futures=False):
        pass
