"""A dose counted in vials ("۲ ویال ۵ گرمی", "每次2瓶（每瓶5g）") is a review flag quoting its words, never a
dose as read and never mg/kg; a product's strength alone ("ویال ۵ گرمی") stays an info flag."""
from __future__ import annotations

import pytest

from pipeline import read_statement
from pipeline.records import Reason
from pipeline.statements.dosing_adapter import read_fa, read_zh


@pytest.mark.parametrize("text, lang, words", [
    ("۲ ویال ۵ گرمی هر ماه", "fa", "2 ویال 5 گرمی"),
    ("۲ ویال هر ماه", "fa", "2 ویال"),
    ("دو شیشه ۵ گرمی ماهانه", "fa", "دو شیشه 5 گرمی"),
    ("2 vials of 5 g every month", "fa", "2 vials of 5 g"),
    ("每次2瓶（每瓶5g），每月一次", "zh", "2瓶(每瓶5g)"),
    ("每次2支，每4周一次", "zh", "2支"),
])
def test_a_count_of_vials_is_flagged_for_review_with_its_words(text, lang, words):
    reading = read_statement(text, lang=lang)
    [flag] = [f for f in reading.flags if f.code == "dose_in_vials"]
    assert flag.severity == "review" and flag.message.endswith(f"'{words}'")
    assert all(r.dose_low_mg_per_kg is None and r.review_reasons for r in reading.regimens)


def test_a_regimen_read_from_the_words_of_a_count_carries_the_reason():
    [regimen] = read_statement("2 vials of 5 g every month", lang="fa").regimens
    assert {"fixed_dose", "dose_in_vials"} <= {r.code for r in regimen.review_reasons}


@pytest.mark.parametrize("text, lang", [
    ("ویال ۵ گرمی موجود است؛ ۴۰۰ میلی‌گرم بر کیلوگرم روزانه برای ۵ روز", "fa"),
    ("۴۰۰ میلی‌گرم بر کیلوگرم روزانه برای ۵ روز (ویال ۵ گرمی)", "fa"),
    ("规格：2.5g/瓶。每日400mg/kg，连用5天", "zh"),
    ("每盒1瓶，每瓶2.5g", "zh"),  # a pack size
])
def test_a_strength_alone_stays_info(text, lang):
    reading = read_statement(text, lang=lang)
    assert {f.code: f.severity for f in reading.flags}.get("product_strength") == "info"
    assert "dose_in_vials" not in {f.code for f in reading.flags}
    assert all(not r.review_reasons for r in reading.regimens)


@pytest.mark.parametrize("read, text", [(read_fa, "۲ ویال ۵ گرمی هر ماه"), (read_zh, "每次2瓶（每瓶5g），每月一次")])
def test_a_statement_of_a_document_gets_the_reason(read, text):
    from pipeline.normalize.fa import normalize_fa
    from pipeline.normalize.zh import normalize_zh

    sentence = normalize_fa(text) if read is read_fa else normalize_zh(text)
    reading = read(sentence, sentence, "doc", "doc-s1", None)
    assert [r.code for r in reading.flags] == ["dose_in_vials"] and isinstance(reading.flags[0], Reason)
