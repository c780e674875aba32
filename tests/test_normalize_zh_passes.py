"""Chinese normalization asks each rule only where it can act, and gives the text it gave before."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import zh


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u3000\u00a0\x0b\u2028ab\u514b", max_size=20))
def test_white_space_runs_become_one_space_as_before(text):
    assert zh._SPACES.sub(" ", text) == re.sub(r"\s+", " ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="10\u2079\u207b\u00b3 x", max_size=10))
def test_powers_of_ten_are_skipped_only_where_there_is_none(text):
    if not zh._ANY_POWER.search(text):
        assert not zh._POWER.search(text)


def test_a_power_of_ten_keeps_its_caret():
    assert zh.normalize_zh("血小板<30×10\u2079/L") == "血小板<30×10^9/L"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u3000\u00a0\u200b\u200e\u2066\ufeff\u06f4\u0664a\u514b", max_size=20))
def test_invisible_characters_and_digits_in_one_pass_as_in_two(text):
    from pipeline.normalize.numbers import digits_to_ascii

    two = digits_to_ascii(re.sub(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]", "", text))
    assert zh._INVISIBLE_AND_DIGITS(text) == two


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u3000\u00a0\x0b\u2028ab\u514b", max_size=20))
def test_white_space_runs_are_skipped_only_where_there_is_none(text):
    if not ("  " in text or zh._NOT_A_SPACE.search(text)):
        assert not zh._SPACES.search(text)
