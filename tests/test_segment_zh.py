"""jieba segmentation of the article: the domain's terms stay whole; jieba's state stays private."""
import os
import tempfile
from pathlib import Path

import pytest

from pipeline.article.segment import _tokenizer, domain_terms, text_to_tokens

from .conftest import statement_with


@pytest.mark.parametrize("words, term", [
    ("造血干细胞移植中的免疫球蛋白预防", "造血干细胞移植"),
    ("巨细胞病毒感染复发", "巨细胞病毒"),
    ("IgG <4 克/升", "低丙种球蛋白血症"),
    ("剂量为150毫克/公斤", "静脉注射免疫球蛋白"),
    ("并降低以下风险", "移植物抗宿主病"),
    ("与抗CMV药物联合使用。", "抗CMV"),
    ("IVIG 产品通常耐受性良好", "IVIG"),
])
def test_domain_terms_stay_whole_in_the_article(article, words, term):
    assert term in statement_with(article.statements, words).tokens


def test_every_domain_term_is_one_token_on_its_own():
    for term in domain_terms():
        assert text_to_tokens(term) == (term,)


def test_a_dose_sentence_is_cut_around_numbers_and_units(article):
    tokens = statement_with(article.statements, "每隔一天一次").tokens
    assert tokens[:4] == ("在", "这种", "情况", "下")
    assert ("150", "毫克", "/", "公斤") == tokens[tokens.index("150"):tokens.index("150") + 4]
    assert " " not in tokens


def test_jieba_cache_without_a_build_folder_is_in_the_temp_folder_and_the_global_tokenizer_is_untouched():
    import jieba

    assert _tokenizer().tmp_dir == tempfile.gettempdir()
    assert _tokenizer() is not jieba.dt
    assert "低丙种球蛋白血症" not in jieba.dt.FREQ


def _samples() -> list[str]:
    """The article's lines and strings of its characters in random order (words jieba must find or not)."""
    import random

    from .conftest import ARTICLE_TXT

    text = ARTICLE_TXT.read_text(encoding="utf-8")
    rng = random.Random(15)
    return [line for line in text.splitlines() if line.strip()] + [
        "".join(rng.choice(text) for _ in range(30)) for _ in range(100)]


@pytest.mark.parametrize("hmm", [True, False])
def test_the_indexed_dictionary_cuts_like_jiebas_own(tmp_path, hmm):
    from pipeline.article.jieba_index import IndexedFreq

    indexed, own = _tokenizer(str(tmp_path)), _tokenizer(None)
    assert isinstance(indexed.FREQ, IndexedFreq) and indexed.total == own.total
    for text in _samples():
        assert indexed.lcut(text, HMM=hmm) == own.lcut(text, HMM=hmm), text


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_damaged_dictionary_index_is_not_used(tmp_path, content):
    import jieba

    from pipeline.article.jieba_index import index_path, indexed_tokenizer

    index_path(tmp_path, Path(jieba.__file__).with_name("dict.txt")).write_bytes(content)
    assert indexed_tokenizer(tmp_path) is None


def test_a_folder_that_cannot_hold_the_index_leaves_jieba_to_load_its_dictionary(tmp_path):
    from pipeline.article.jieba_index import indexed_tokenizer

    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert indexed_tokenizer(blocked / "cache") is None


def test_the_build_keeps_the_index_in_its_cache_folder_even_without_the_document_cache(tmp_path, monkeypatch):
    from pipeline.article.segment import DICTIONARY_DIR
    from pipeline.build import build

    from .conftest import ARTICLE_TXT

    monkeypatch.delenv(DICTIONARY_DIR, raising=False)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / ARTICLE_TXT.name).write_bytes(ARTICLE_TXT.read_bytes())
    build(raw, tmp_path / "curated", cache_dir=False)
    assert [p.name[:11] for p in (tmp_path / ".curated-cache").glob("*.sqlite")] == ["jieba-dict-"]
    assert DICTIONARY_DIR not in os.environ
