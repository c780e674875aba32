"""One bilingual vocabulary of side effects, with each document's sentences that name them."""
import pandas as pd
import pytest

from pipeline.adverse_effects import effects_named_fa, vocabulary


@pytest.fixture(scope="module")
def effects(built) -> pd.DataFrame:
    return pd.read_parquet(built / "adverse_effects.parquet").set_index("effect_id")


@pytest.mark.parametrize("effect_id, fa, zh", [
    ("thromboembolism", "حوادث ترومبوآمبولیک", "肺部血栓"),
    ("renal-failure", "نارسایی حاد کلیوی", "肾衰竭或肾功能下降"),
    ("hemolysis", "آنمی همولیتیک", "红细胞早期分解"),
    ("aseptic-meningitis", "مننژیت آسپتیک", "脑内膜肿胀"),
    ("hypersensitivity", "واکنش‌های حساسیتی", "严重且可能致命的过敏反应"),
])
def test_effects_both_documents_name(effects, effect_id, fa, zh):
    row = effects.loc[effect_id]
    assert len(row.sources_fa) == 1 and fa in row.sources_fa[0]
    assert list(row.sources_zh) == [zh]
    assert list(row.doc_ids) == ["article-db7056881d39", "qums-1399-06-16-148911"]


def test_effects_only_the_circular_names(effects):
    for effect_id in ("serology-interference", "live-vaccine-interference"):
        row = effects.loc[effect_id]
        assert len(row.sources_fa) == 1 and len(row.sources_zh) == 0
    assert "تست‌های سرولوژیک" in effects.loc["serology-interference"].sources_fa[0]


def test_effects_only_the_article_names(effects):
    mild = effects[effects.severity == "mild"]
    assert sorted(mild.name_zh) == sorted(["恶心", "发烧", "发冷", "疲劳", "关节痛", "头痛", "肌肉痛"])
    assert all(len(s) == 1 and "常见且轻微的副作用" in s[0] for s in mild.sources_zh)
    assert list(effects.loc["pulmonary-oedema"].sources_zh) == ["肺部积液"]
    assert list(effects.loc["serious-infection"].sources_fa) == []


def test_every_entry_has_three_names_and_is_found(effects):
    assert len(effects) == len(vocabulary()) == 16
    assert effects[["name_en", "name_fa", "name_zh"]].notna().all().all()


def test_persian_aliases_are_whole_words():
    assert effects_named_fa("بیمار تب دارد") == ["fever"]
    assert effects_named_fa("به ترتیب مراتب و تبدیل") == []  # "تب" inside other words
    assert effects_named_fa("واکنش های حساسیتی") == ["hypersensitivity"]  # space for ZWNJ


def test_the_circulars_table_rows_are_not_searched(effects):
    # the autoimmune haemolytic anaemia row is an indication, not the side effect
    assert not any("اتوایمیون" in s for s in effects.loc["hemolysis"].sources_fa)
