"""Glued numbers and units parted by the normalizers (pipeline/normalize/glued.py, fa.py): a decimal written
from its dot, a Latin drug name glued to its amount, a per-day unit glued to its count sign, Latin glued to
Persian letters; and what must stay as written."""
import pytest

from pipeline.normalize.fa import normalize_fa
from pipeline.normalize.zh import normalize_zh


@pytest.mark.parametrize("raw, expected", [
    (".4 g/kg", "0.4 g/kg"),
    ("ivig .5g/kg", "ivig 0.5g/kg"),
    ("٫۴ گرم", "0.4 گرم"),  # the Arabic decimal sign first
    ("(.5 g/kg)", "(0.5 g/kg)"),
    ("دوز: .4 g/kg", "دوز: 0.4 g/kg"),
    ("IVIg۰٫۴g/kgروزانه۵روز", "IVIg 0.4g/kg روزانه 5 روز"),
    ("تجویزIVIG۲g/kg", "تجویز IVIG 2g/kg"),
    ("روزانهIVIG", "روزانه IVIG"),
    ("IVIG 0.4 g/kg/روز", "IVIG 0.4 g/kg/روز"),  # per day: the slash joins them
    ("0.4g/kg/dx5d", "0.4g/kg/d x5d"),
    ("1 g/kg/dayx2", "1 g/kg/day x2"),
])
def test_fa_parts_glued_numbers(raw, expected):
    assert normalize_fa(raw) == expected
    assert normalize_fa(expected) == expected  # idempotent


@pytest.mark.parametrize("raw, expected", [
    ("丙球0.4g/kg/dx3d", "丙球0.4g/kg/d x3d"),
    ("IVIG0.4g/kg", "IVIG 0.4g/kg"),
    ("ivig2 g/kg", "ivig 2 g/kg"),
    ("IVIG .4 g/kg", "IVIG 0.4 g/kg"),
    ("（.5 g/kg）", "(0.5 g/kg)"),
])
def test_zh_parts_glued_numbers(raw, expected):
    assert normalize_zh(raw) == expected
    assert normalize_zh(expected) == expected


@pytest.mark.parametrize("raw", [
    "2 g/kg.4 days",  # a dot after a letter may end a sentence: not 0.4
    "طی 5 روز. 4 g/kg",  # a dot before a space is no decimal
    "0.4 g/kg",
    "1.5 g/kg",
    "d1-5 0.4 g/kg",  # day shorthand: no drug name
    "IgG4 0.4 g/kg",
    "400 mg/kg/d×5 d",  # read as written
    "1 g/kg qd x2d",
])
def test_left_as_written(raw):
    """Each as written in both languages."""
    assert normalize_fa(raw) == raw
    assert normalize_zh(raw) == raw


def test_latin_letters_inside_a_persian_word_stay():
    """OCR's Latin letters inside a Persian word ("الکتrolیت") are no unit nor number: not parted."""
    assert normalize_fa("الکتrolیت") == "الکتrolیت"
