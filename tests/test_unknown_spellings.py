"""A number, a Latin word no pack knows as a unit, then per kg ("2 gmm/kg") is a dose the net sees: flagged
`dose_unread` quoting its words, never silence; rates, weights, labs, energy and osmolality per kg are not."""
from __future__ import annotations

import pytest

from pipeline import read_statement


@pytest.mark.parametrize("text, lang, words", [
    ("IVIG 2 gmm/kg 单次", "zh", "2 gmm/kg"),
    ("IVIG 0.4 grs/Kg/day x 5 days", "zh", "0.4 grs/Kg"),
    ("每公斤体重 0.4 gmx", "zh", "每公斤体重 0.4 gmx"),
    ("IVIG ۲ gmm/kg در ۲ روز", "fa", "2 gmm/kg"),
    ("IVIG 1 gmm per kg روزانه", "fa", "1 gmm per kg"),
    ("ایمونوگلوبولین ۰٫۴ gmx به ازای هر کیلوگرم", "fa", "0.4 gmx به ازای هر کیلوگرم"),
])
def test_an_unknown_unit_word_per_kg_is_flagged_with_its_words(text, lang, words):
    reading = read_statement(text, lang=lang)
    unread = [f for f in reading.flags if f.code == "dose_unread"]
    assert unread and any(f"'{words}'" in f.message for f in unread)
    assert all(r.dose_low_mg_per_kg is None and r.dose_low is None for r in reading.regimens)


@pytest.mark.parametrize("text, lang", [
    ("渗透压：290 mOsm/kg", "zh"),                      # osmolality
    ("血浆渗透压 280~300 mOsmol/kg", "zh"),
    ("肠外营养热量 100 kcal/kg/d", "zh"),               # energy
    ("IVIG 输注速度 0.5 ml/kg/h，逐渐增至 4 ml/kg/h", "zh"),  # a rate
    ("IVIG 起始速度 0.01 ml/kg/min", "zh"),
    ("体重 45 kg，14 岁", "zh"),                        # a weight
    ("IgG 4 g/L", "zh"),                                # a lab
    ("انرژی ۱۰۰ kcal/kg در روز", "fa"),
    ("اسمولالیته ۲۹۰ mOsm/kg", "fa"),
    ("سرعت انفوزیون ۰٫۵ ml/kg/h", "fa"),
    ("وزن بیمار ۳۰ kg", "fa"),
])
def test_no_dose_per_kg_is_flagged_as_unread(text, lang):
    reading = read_statement(text, lang=lang)
    assert "dose_unread" not in {f.code for f in reading.flags}
    assert not reading.regimens


@pytest.mark.parametrize("text, lang, code", [
    ("IVIG 0.5 gtt/kg/h", "zh", "infusion_rate"),       # per kg per hour: a rate whatever its unit
    ("aspirin 80 mgm/kg/d", "zh", "other_drug"),        # after a co-medication's name: that drug's
])
def test_an_unknown_unit_word_is_classed_by_its_words_as_known_units_are(text, lang, code):
    codes = {f.code for f in read_statement(text, lang=lang).flags}
    assert code in codes and "dose_unread" not in codes


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_every_per_kg_word_before_an_amount_holds_a_word_the_precheck_looks_for(lang):
    # unknown_spellings skips a statement whose per-kg words all stand in known units' mentions; the words are
    # read from the per-kg marks after an amount, so each mark before one must hold one of them too
    from pipeline.dosing.pack import load_net
    from pipeline.dosing.unknown_spellings import _patterns

    keys = _patterns(lang)[0]
    assert keys
    for spelling in load_net(lang).get("per_weight_before") or []:
        assert any(k in spelling.lower() for k in keys), spelling
