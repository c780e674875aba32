"""A space (thin, narrow no-break) before exactly three digits and a unit is a thousands separator where the
first group can be nothing else ("1 000 mg·kg⁻¹·d⁻¹" is 1000); where either side may be a number of its own
("方案1 000 mg", "5 1 000 mg", "1 400 mg") the words stay as written and the statement is flagged `separator_ambiguous`."""
from __future__ import annotations

import pytest

from pipeline import read_statement
from pipeline.normalize.fa import normalize_fa
from pipeline.normalize.zh import normalize_zh


@pytest.mark.parametrize("raw, expected", [
    ("或1 000 mg·kg⁻¹·d⁻¹", "或1000 mg·kg−1·d−1"),
    ("IVIG 1\u2009000 mg/kg", "IVIG 1000 mg/kg"),
    ("IVIG 1\u202f000 mg/kg", "IVIG 1000 mg/kg"),
    ("1 000～2 000 mg/kg", "1000~2000 mg/kg"),
    ("总量2 000毫克/公斤", "总量2000毫克/公斤"),
])
def test_a_space_before_three_digits_and_a_unit_is_a_thousands_separator(raw, expected):
    assert normalize_zh(raw) == expected


@pytest.mark.parametrize("raw", [
    "共纳入1 200例患者",        # no unit after: not an amount, left alone
    "d1 400 mg/kg",             # day 1, then the amount
    "方案1 000 mg",             # scheme 1
    "IVIG 1 400 mg/kg",         # 1 and 400, or 1400: three digits that may be a number of their own
    "剂量400、1 000 mg/kg",     # a list of numbers
    "IVIG 1 0000 mg",           # four digits after the space
    "0.4 000 mg",               # a decimal before
])
def test_a_space_that_may_part_two_numbers_is_left_as_written(raw):
    assert normalize_zh(raw) == raw


def test_the_guideline_notation_gives_both_regimens():
    reading = read_statement("IVIg：常用剂量400 mg·kg⁻¹·d⁻¹×5 d或1 000 mg·kg⁻¹·d⁻¹×1～2 d。", lang="zh")
    assert sorted((r.dose_low_mg_per_kg, r.course_days_low, r.course_days_high) for r in reading.regimens) == [
        (400, 5, 5), (1000, 1, 2)]
    assert not any(r.review_reasons for r in reading.regimens)


@pytest.mark.parametrize("text", ["方案1 400 mg/kg/d×5 d", "剂量400、1 000 mg/kg", "IVIG 1 500 mg/kg 单次"])
def test_an_ambiguous_space_flags_the_statement_and_its_regimens(text):
    reading = read_statement(text, lang="zh")
    assert "separator_ambiguous" in {f.code for f in reading.flags}
    assert reading.regimens and all(r.review_reasons for r in reading.regimens)


@pytest.mark.parametrize("raw, expected", [
    ("IVIG ۱ ۰۰۰ میلی‌گرم/کیلوگرم", "IVIG 1000 میلی‌گرم/کیلوگرم"),
    ("۱ ۰۰۰ تا ۲ ۰۰۰ mg/kg", "1000 تا 2000 mg/kg"),
    ("ردیف ۱ ۰۰۰ میلی‌گرم", "ردیف 1 000 میلی‌گرم"),   # row 1
    ("IVIG ۱ ۴۰۰ میلی‌گرم", "IVIG 1 400 میلی‌گرم"),   # 1 and 400, or 1400
])
def test_the_persian_pack_reads_a_space_separator_by_the_same_rule(raw, expected):
    assert normalize_fa(raw) == expected
