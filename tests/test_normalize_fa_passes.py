"""Persian normalization done in fewer passes gives what hazm's steps, one by one, give: the merged
letter table, the verb-prefix table, the spacing runs, the first pass (bidi, line breaks, digits)."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import fa, hazm_patterns
from pipeline.normalize.numbers import DIGITS


def _hazm_letters_then_diacritics(text: str) -> str:
    """hazm's translation table, then each of its diacritic patterns, as hazm applies them."""
    from hazm import normalizer as hazm_normalizer
    from hazm.utils import maketrans

    text = text.translate(maketrans(hazm_normalizer.TRANSLATION_SRC, hazm_normalizer.TRANSLATION_DST))
    for pattern, replacement in hazm_normalizer.DIACRITICS_PATTERNS:
        text = re.sub(pattern, replacement, text)
    return text


def test_merged_letter_table_is_hazm_table_then_diacritics():
    from hazm import normalizer as hazm_normalizer

    chars = set(hazm_normalizer.TRANSLATION_SRC) | set(map(chr, range(0x0600, 0x0700))) | set("abc 1.“”\u00a0")
    translate = fa._hazm().translate
    for ch in sorted(chars):
        assert translate(ch + "ب" + ch) == _hazm_letters_then_diacritics(ch + "ب" + ch), hex(ord(ch))


@pytest.mark.parametrize("typed, expected", [
    ("میباشد", "می\u200cباشد"),  # a verb hazm knows: joined
    ("نمیشود", "نمی\u200cشود"),
    ("میلی", "میلی"),  # "milli": no verb
    ("میز", "میز"),
])
def test_verb_prefix_table_joins_what_hazm_would(typed, expected):
    assert fa._separate_mi(typed, fa._hazm().mi_joined) == expected


def test_verb_prefix_table_is_the_join_of_each_verb():
    """Every entry joins its word's prefix with a ZWNJ and gives a verb, as hazm's seperate_mi does."""
    prefix = fa._mi()[1]
    joined = fa._hazm().mi_joined
    assert joined
    for typed, verb in list(joined.items())[:3000]:
        assert prefix.sub("\\1\u200c", typed) == verb


_OLD_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u2002\u200b\u200c\u3000ab\u0628", max_size=20))
def test_spacing_runs_become_one_space_as_before(text):
    assert fa._SPACES.sub(" ", text) == _OLD_SPACES.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\u200e\u202b\u2069\ufeff\r\n\f ab\u0628۴٤1", max_size=20))
def test_first_pass_drops_bidi_breaks_lines_and_reads_digits(text):
    expected = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", text)
    expected = expected.replace("\r", " ").replace("\n", " ").replace("\f", " ").translate(DIGITS)
    assert fa._FIRST_PASS(text) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \n\u200c\u200dab\u0628\u0647\u0627.", max_size=12))
def test_each_hazm_pattern_changes_only_a_text_its_test_lets_through(text):
    """The tests that skip hazm's patterns are exact: a pattern that would change the text is never skipped."""
    h = fa._hazm()
    for test, pairs in h.extra_space + h.affix_spacing:
        for pattern, replacement in pairs:
            if pattern.sub(replacement, text) != text:
                assert test is None or test(text), pattern.pattern


@pytest.mark.parametrize("source, plain", [
    ("(a)(b)", "(?:a)(?:b)"),
    ("([^]a(])b", "(?:[^]a(])b"),  # a "(" inside a class is a character
    (r"\((a)", r"\((?:a)"),  # an escaped "(" is a character
    ("(?P<n>a)(?=b)", "(?P<n>a)(?=b)"),  # named groups and lookarounds stay
    (r"(a)\1", r"(a)\1"),  # a back reference needs its group: the pattern itself
])
def test_capturing_groups_read_as_plain_groups(source, plain):
    assert hazm_patterns._uncaptured(re.compile(source)).pattern == plain


def test_words_across_groups_gate_hazm_affix_rules():
    """"([^ ]h) (a...)": the words of both groups and the space between them are one required word."""
    assert hazm_patterns.required_words(hazm_patterns._uncaptured(re.compile("([^ ]h) (a(m|sh))"))) == (("h a",), ("sh", "m"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="\u200c \u0628\u0647a1.\u06fd", max_size=10))
def test_stray_zwnj_is_found_exactly_where_the_rule_drops_one(text):
    assert (fa._STRAY_ZWNJ.sub("", text) != text) == bool(fa._ANY_STRAY_ZWNJ.search(text))


@pytest.mark.parametrize("source, rest", [
    ("(?<=[^ ]{2}) (tr|gr)", " (tr|gr)"),
    (r"(?<=\)x)ab", "ab"),  # an escaped bracket inside the lookbehind
    ("(?<![]a)])c", "c"),  # a "]" and a ")" inside its class
    ("ab(?<=b)", None),  # no lookbehind first: nothing to drop
])
def test_a_leading_lookbehind_is_dropped_for_the_test(source, rest):
    found = hazm_patterns._after_lookbehind(re.compile(source))
    assert (found.pattern if found else None) == rest


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="12,\u060c/.a\u0628 ", max_size=10))
def test_decimal_rules_are_skipped_only_where_none_can_change_the_text(text):
    from pipeline.normalize import numbers

    rules = (numbers._COMMA_THOUSANDS, numbers._COMMA_DECIMAL)
    if not numbers._COMMA_BEFORE_DIGIT.search(text):
        assert all(not r.search(text) for r in rules)
    slash_rules = (numbers._SLASH_DECIMAL, numbers._TRAILING_SLASH, numbers._LEADING_SLASH)
    if not numbers._SLASH_BY_DIGIT.search(text):
        assert all(not r.search(text) for r in slash_rules)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="12a\u0628\u0647 \u06fd.", max_size=10))
def test_digit_letter_rules_are_skipped_only_where_neither_can_match(text):
    if not fa._DIGIT_BY_LETTER.search(text):
        assert not fa._DIGIT_LETTER.search(text) and not fa._LETTER_DIGIT.search(text)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=" \t\u00a0\n\r\u200c\u0640ab\u0628\u0647\u0627\u06cc\u0645\u062a\u0631.)", max_size=14))
def test_spacing_gate_finds_a_place_in_every_text_a_spacing_step_changes(text):
    """The one search for the spacing runs, hazm's extra-space and its affix rules is exact: a text it
    finds nothing in is one none of them changes."""
    h = fa._hazm()
    if h.spacing_gate.search(text):
        return
    assert fa._SPACES.sub(" ", text) == text
    for _test, pairs in h.extra_space + h.affix_spacing:
        for pattern, replacement in pairs:
            assert pattern.sub(replacement, text) == text, pattern.pattern


@pytest.mark.parametrize("text", ["a \u200c b", " \u0628\u200c ", "1/5 \u200c\u0628", "\u0628  \u0628\t", "\u0645\u06cc \u0628"])
def test_skipped_second_passes_give_what_running_them_gives(text):
    """The last ZWNJ and spacing passes are skipped only where the text is one they already left."""
    text = fa.normalize_fa.__wrapped__(text)
    assert fa._STRAY_ZWNJ.sub("", text) == text and fa._SPACES.sub(" ", text).strip() == text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="12,\u060c/.a\u0628 ", max_size=10))
def test_decimal_marks_are_asked_once_for_both_kinds_of_rule(text):
    from pipeline.normalize import numbers

    if not numbers._MARK_BY_DIGIT.search(text):
        assert not numbers._COMMA_BEFORE_DIGIT.search(text) and not numbers._SLASH_BY_DIGIT.search(text)
