"""jieba segmentation of the article: the domain's terms stay whole; jieba's state stays private."""
import tempfile

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


def test_jieba_cache_is_in_the_temp_folder_and_the_global_tokenizer_is_untouched():
    import jieba

    assert _tokenizer().tmp_dir == tempfile.gettempdir()
    assert _tokenizer() is not jieba.dt
    assert "低丙种球蛋白血症" not in jieba.dt.FREQ
