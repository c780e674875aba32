"""A unit named once in a header for the bare amounts after it (pipeline/dosing/header_units.py): the amounts are
read in that unit, the header is accounted for (no dose_unread), and each regimen says whose unit it is."""
import pytest

from pipeline import read_statement
from pipeline.dosing.header_units import header_units

CASES = [
    ("fa", "دوز (mg/kg): ITP ۱۰۰۰ × ۲ روز؛ کاوازاکی ۲۰۰۰", [1000, 2000]),
    ("fa", "واحد: g/kg — GBS ۰٫۴ روزانه ۵ روز", [400]),
    ("zh", "劑量（克/公斤）：ITP 0.8–1；GBS 0.4/日×5；Kawasaki 2", [800, 400, 2000]),
    ("zh", "剂量单位：g/kg\n原发性免疫缺陷 0.4–0.6 每3–4周；川崎病 2.0 单次", [400, 2000]),
    ("fa", "دوز (mg/kg): ۱) نقص ایمنی اولیه ۴۰۰–۶۰۰ هر ۳–۴ هفته؛ ۲) ITP ۱۰۰۰ × ۲ روز", [400, 1000]),  # items' numbers
]


@pytest.mark.parametrize("lang,text,lows", CASES)
def test_header_unit_read_and_accounted(lang, text, lows):
    reading = read_statement(text, lang)
    assert [r.dose_low_mg_per_kg for r in reading.regimens] == lows
    assert not [f for f in reading.flags if f.code == "dose_unread"]
    for r in reading.regimens:
        assert any("from the header" in n for n in r.notes)
        assert r.source_text == text.strip()  # the unit stands in the header, the amount in the row


def test_spans_point_into_the_new_text():
    headed = header_units("剂量(g/kg):ITP 1;川崎病 2", "zh")
    assert headed.text == "剂量(g/kg):ITP 1 g/kg;川崎病 2 g/kg"
    assert [headed.text[s:e] for s, e, _ in headed.units] == ["g/kg", "g/kg"]
    assert [headed.text[s:e] for s, e in headed.headers] == ["(g/kg):"]


@pytest.mark.parametrize("lang,text", [
    ("fa", "دوز (mg/kg): ۴۰۰ | فاصله (هفته): ۴"),  # another column's header ends the scope
    ("fa", "دوز (g/kg): ۰٫۴ در روزهای ۱، ۲، ۳، ۴ و ۵"),  # a list of days after commas: no amounts
    ("fa", "دوز (g/kg): کاوازاکی ۲؛ سن بیمار: ۱"),  # all or none: the age is left, so is the 2 (dose_unread stays)
    ("fa", "دوز (mg/kg): ITP ۱۰۰۰ × ۲ روز. سرعت: ۱۰۰، سپس ۲۰۰"),  # a rate's numbers after a comma
    ("fa", "دوز (g/kg): ۲؛ تکرار: ۱"),  # "repeat: 1" may be a count or an amount: neither
    ("fa", "واحد: g/kg؛ کاوازاکی ۲ تک‌دوز؛ کورتون ۲ روزانه"),  # another drug's amount: no label of IVIg's
    ("zh", "剂量单位：mg/kg；床号 205，IVIG 400×5天"),  # a bed number opens the segment
    ("fa", "IVIG ۴۰۰ mg/kg روزانه"),  # no header
    ("zh", "剂量（g/kg）：2；输注时间（h）：12"),  # the first amount is read by the dose patterns; 12 is another field's
])
def test_nothing_written_in(lang, text):
    from pipeline.dosing.read import _normalize

    normalized = _normalize(text, lang)
    assert header_units(normalized, lang).units == ()


def test_an_items_number_is_no_amount():
    reading = read_statement("剂量（g/kg）：1、ITP 1，连用2天；2、川崎病 2，单次", "zh")
    assert [r.dose_low_mg_per_kg for r in reading.regimens] == [1000, 2000]
    assert not [f for f in reading.flags if f.code == "dose_unread"]


@pytest.mark.parametrize("lang,text", [
    ("fa", "دوز (g/kg): کاوازاکی ۲؛ سن بیمار: ۱"),
    ("zh", "剂量（g/kg）：ITP 1；天数：2"),
    ("zh", "剂量（g/kg）：ITP 1；出血评分：2"),  # a score
    ("zh", "剂量（mg/kg）：PID 400–600，每4周；PID 维持谷浓度 800"),  # a trough target under an indication's name
    ("fa", "دوز (g/kg): کاوازاکی ۲ تک‌دوز؛ ITP# ۱ روزانه × ۲ روز؛ (g/kg): GBS ۰٫۴ × ۵؛ سن: ۲"),  # over every header
])
def test_a_number_left_keeps_the_header_unread(lang, text):
    reading = read_statement(text, lang)
    assert any(f.code == "dose_unread" for f in reading.flags)
    assert not [r for r in reading.regimens if not r.review_reasons]
