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
    ("fa", "IVIG ۴۰۰ mg/kg روزانه"),  # no header
    ("zh", "剂量（g/kg）：2；输注时间（h）：12"),  # the first amount is read by the dose patterns; 12 is another field's
])
def test_nothing_written_in(lang, text):
    from pipeline.dosing.read import _normalize

    normalized = _normalize(text, lang)
    assert header_units(normalized, lang).units == ()
