"""A bare number right after the drug's name with timing words after it ("IVIG 400 برای 5 روز") is flagged
`unit_missing` (review) quoting its words and never read as an amount; a unit, a percentage, a count of
doses, a lab or a number the grammar read is no such number."""
from __future__ import annotations

import pytest

from pipeline import read_statement


@pytest.mark.parametrize("text, lang, words", [
    ("IVIG ۴۰۰ برای ۵ روز", "fa", "IVIG 400 برای 5 روز"),
    ("ایمونوگلوبولین با دوز ۵۰۰ هر ۴ هفته", "fa", "ایمونوگلوبولین با دوز 500 هر 4 هفته"),
    ("IVIG 400，连用5天", "zh", "IVIG 400,连用5天"),
    ("丙种球蛋白 剂量1000，每日1次", "zh", "丙种球蛋白 剂量1000,每日1次"),
])
def test_a_unitless_number_after_the_name_is_flagged_with_its_words(text, lang, words):
    reading = read_statement(text, lang=lang)
    [flag] = [f for f in reading.flags if f.code == "unit_missing"]
    assert flag.severity == "review" and f"'{words}'" in flag.message
    assert all(r.dose_low_mg_per_kg is None and r.dose_low is None for r in reading.regimens)


@pytest.mark.parametrize("text, lang", [
    ("IVIG 10% برای ۵ روز", "fa"),                      # a strength
    ("IVIG 5 g/100 mL هر ماه", "fa"),                    # a unit
    ("IgG 400 mg/dL هر ۴ هفته", "fa"),                   # a lab, not the drug's name
    ("IVIG 2 دوز به فاصله ۴ هفته", "fa"),                # a count of doses
    ("IVIG ۵ روز", "fa"),                                # a count of days
    ("IVIG در کودک ۵ ساله برای ۵ روز", "fa"),            # an age, not after the name
    ("IVIG ۴۰۰ میلی‌گرم/کیلوگرم روزانه برای ۵ روز", "fa"),  # read by the grammar
    ("免疫球蛋白 2次，间隔4周", "zh"),
    ("IVIG 10%，每4周", "zh"),
    ("IVIG 400 mg/kg，连用5天", "zh"),
])
def test_a_unit_count_or_read_amount_is_no_unitless_number(text, lang):
    assert "unit_missing" not in {f.code for f in read_statement(text, lang=lang).flags}
