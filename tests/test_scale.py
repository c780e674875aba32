"""Parallel and distributed builds give byte-identical output; large corpora as partitioned datasets."""
import shutil

import pandas as pd
import pytest

from pipeline.build import build

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
