"""Chinese normalization and numerals: full-width forms folded, thousands read, 四分之一 is 0.25."""
import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.zh import normalize_zh, numbers_in, read_number


@pytest.mark.parametrize("raw, expected", [
    ("150毫克/公斤，每隔一天一次，持续１４天。", "150毫克/公斤,每隔一天一次,持续14天。"),
    ("（IVIG）：对特定人群？", "(IVIG):对特定人群?"),
    ("IgG＜4 克/升", "IgG<4 克/升"),
    ("超过 8,000 人", "超过 8000 人"),
    ("第 27,5 卷", "第 27,5 卷"),  # volume 27, issue 5: not a decimal, not thousands
    ("每 3/4 周", "每 3/4 周"),  # a slash is never a decimal mark in Chinese
    ("常见\u3000副作用\u200b  包括", "常见 副作用 包括"),
    ("“标题。”《期刊》、", "“标题。”《期刊》、"),  # marks without an ASCII twin stay
])
def test_full_width_forms_and_digits(raw, expected):
    assert normalize_zh(raw) == expected


@pytest.mark.parametrize("phrase, value", [
    ("四分之一", 0.25), ("百分之六十", 0.6), ("三分之二", 2 / 3), ("十四", 14), ("两", 2), ("二十", 20),
    ("零点五", 0.5), ("一千二百", 1200), ("半", 0.5), ("0.5", 0.5), ("１４", 14), ("abc", None),
])
def test_numerals_are_read(phrase, value):
    assert read_number(phrase) == pytest.approx(value) if value is not None else read_number(phrase) is None


def test_numerals_only_where_they_stand_as_numbers():
    # cn2an's sentence mode would turn 一些 and 一般 into "1些", "1般"; these are words, not numbers
    assert numbers_in("一些专家认为一般可以统一使用") == []
    assert numbers_in("持续两周,每隔一天一次,共十四天") == [2, 1, 1, 14]
    assert numbers_in("有四分之一会出现低丙种球蛋白血症。[6].") == [0.25]  # the citation is not a number
    assert numbers_in("访问 L39314 和 CD015719") == []


ALPHABET = list("０１２３４５６７８９0123456789,.，。：；（）？！ 　\u200b每周克毫公斤/-IgG<＜分之四一")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
def test_normalizing_twice_changes_nothing(text):
    once = normalize_zh(text)
    assert normalize_zh(once) == once


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 9999))
def test_a_written_out_numeral_reads_back(n):
    assert read_number(cn2an.an2cn(str(n))) == n
