"""Shared fixtures: the real documents, a dataset built from them once per session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw_documents"
CIRCULAR_TXT = RAW / "qums-ivig-circular-1399.txt"
CIRCULAR_PDF = RAW / "qums-ivig-circular-1399.pdf"
ARTICLE_TXT = RAW / "ivig-bmt-article-zh.txt"
DOC_ID = "qums-1399-06-16-148911"


@pytest.fixture(scope="session", autouse=True)
def jieba_index(tmp_path_factory):
    """One index of jieba's dictionary for the whole session (a build makes it in its cache folder,
    which is new in every test's folder); the builds of the tests, and their workers, use it."""
    import os

    from pipeline.article.segment import DICTIONARY_DIR

    folder = str(tmp_path_factory.mktemp("jieba"))
    previous = os.environ.get(DICTIONARY_DIR)
    os.environ[DICTIONARY_DIR] = folder
    yield folder
    if previous is None:
        os.environ.pop(DICTIONARY_DIR, None)
    else:
        os.environ[DICTIONARY_DIR] = previous


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """curated/ built from raw_documents/ into a fresh folder."""
    from pipeline.build import build

    out = tmp_path_factory.mktemp("built") / "curated"
    build(RAW, out)
    return out


@pytest.fixture(scope="session")
def source_rows(built) -> pd.DataFrame:
    return pd.read_parquet(built / "source_rows.parquet")


@pytest.fixture(scope="session")
def documents(built) -> pd.DataFrame:
    return pd.read_parquet(built / "documents.parquet").set_index("doc_id")


def row_with(rows: pd.DataFrame, column: str, words: str) -> pd.Series:
    """The one row whose column contains words (fails when none or several do)."""
    hits = rows[rows[column].fillna("").str.contains(words, regex=False)]
    assert len(hits) == 1, f"{len(hits)} rows have {words!r} in {column}"
    return hits.iloc[0]


def copy_raw(tmp_path: Path, names: list[str] | None = None) -> Path:
    """A raw_documents/ folder holding copies of some real documents."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in RAW.iterdir():
        if path.is_file() and (names is None or path.name in names):
            shutil.copy(path, raw / path.name)
    return raw


@pytest.fixture(scope="session")
def article():
    """The real Chinese article, read from its text rendition."""
    from pipeline.article.read import read_article
    from pipeline.ingest import read_source

    return read_article(read_source(ARTICLE_TXT))


def statement_with(statements, words: str):
    """The one statement whose text contains words (fails when none or several do)."""
    hits = [s for s in statements if words in s.text]
    assert len(hits) == 1, f"{len(hits)} statements have {words!r}"
    return hits[0]
