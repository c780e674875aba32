"""A Persian line a PDF's text layer gives in visual order is read in reading order (normalize.visual_order): the
lines here are python-bidi's display of lines written in reading order, so the round trip is exact."""
from __future__ import annotations

import pytest
from bidi import get_display

from pipeline.normalize.visual_order import in_reading_order

# lines as written (reading order); their visual order is what a PDF's text layer may give
_LINES = [
    "ایمونوگلوبولین وریدی ۴۰۰ میلیگرم بر کیلوگرم روزانه به مدت ۵ روز",
    "انسفالیت خودایمن: IVIG ۲ گرم/کیلوگرم طی ۵ روز",
    "CIDP: دوز نگهدارنده ۱ گرم بر کیلوگرم هر ۳ هفته (حداکثر ۷۰ گرم)",
    "بیماری کاوازاکی: ایمونوگلوبولین وریدی 2 g/kg طی ۱۰ تا ۱۲ ساعت",
]


@pytest.mark.parametrize("line", _LINES)
def test_a_line_in_visual_order_reads_as_written(line):
    assert in_reading_order(get_display(line, base_dir="R")) == line


@pytest.mark.parametrize("line", _LINES + [
    "مرگ و میر بیماران با IVIG ۲ g/kg کاهش یافت؛ مدت بستری کوتاه‌تر بود",  # "مرگ" (death) is a word of its own
    "IVIG 2 g/kg over 2 days",
    "زور",  # one reversed word is no line in visual order
])
def test_a_line_in_reading_order_is_left_as_it_is(line):
    assert in_reading_order(line) is None


def test_each_line_of_a_text_is_judged_on_its_own():
    visual = get_display(_LINES[0], base_dir="R")
    assert in_reading_order(f"{_LINES[2]}\n{visual}") == f"{_LINES[2]}\n{_LINES[0]}"
