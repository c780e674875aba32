"""Patterns rewritten to be found from their first character (re scans for a pattern's first literal or class in C;
one opening with a lookbehind or a choice is tried at every character) find a match exactly where the forms they
replace did: each is only asked whether one stands, or gates a rule that is then asked itself."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dosing import marks
from pipeline.normalize import fa, glued

_LETTER = r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff]"
# the forms as they were written before (their meaning, read letter by letter)
_OLD_LATIN_BY_LETTER = re.compile("(?<=[A-Za-z])(?=" + _LETTER + ")|(?<=" + _LETTER + ")(?=[A-Za-z])")
_OLD_DOT_DIGIT = re.compile(r"(?:^|[\s(\[（:：=\u4e00-\u9fff])\.\d|\d +\.\d|(?<![\d.])0\. +\d")
_OLD_LETTER_DIGIT = re.compile(f"{glued.LETTER_ZERO.pattern}|{glued.LETTER_ONE.pattern}")
_OLD_COUNT_SIGN = re.compile(r"/ ?d(?:ay)?x", re.I)

# the characters the rules turn on, a Persian and a Chinese letter, and the marks the footnote rule drops
_TEXT = st.text(alphabet=" .0O o14lIdxgkmM/()[:=丙ابIVGay\u200c\u2020\u00a7\u00b2\u2074*×,|", max_size=24)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_latin_by_letter_found_where_it_was(text):
    assert bool(fa._LATIN_BY_LETTER.search(text)) == bool(_OLD_LATIN_BY_LETTER.search(text))


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_dot_digit_found_where_it_was(text):
    assert bool(glued._DOT_DIGIT.search(text)) == bool(_OLD_DOT_DIGIT.search(text))


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_letter_digit_found_where_it_was(text):
    assert bool(glued.LETTER_DIGIT.search(text)) == bool(_OLD_LETTER_DIGIT.search(text))


def _old_part_glued(text: str, lang: str) -> str:
    """part_glued as it was: one search of the union of its rules (any case) before any of them."""
    names = glued._names_before_number(lang)
    rules = [_OLD_DOT_DIGIT.pattern, _OLD_LETTER_DIGIT.pattern, _OLD_COUNT_SIGN.pattern]
    union = re.compile("|".join(f"(?:{r})" for r in rules + ([names.pattern] if names is not None else [])), re.I)
    if not (union.search(text) or _OLD_LETTER_DIGIT.search(text)):  # the letter rule is case-sensitive itself
        return text
    if names is not None and names.search(text):
        text = names.sub(r"\1 ", text)
    if _OLD_DOT_DIGIT.search(text):
        text = glued._LEADING_DOT.sub(r"0.\1", glued._zero_dot(glued._SPACED_DOT.sub("", text), lang))
    if _OLD_LETTER_DIGIT.search(text):
        text = glued.LETTER_ONE.sub(lambda m: glued.as_digits(m.group()), glued.LETTER_ZERO.sub(lambda m: glued.as_digits(m.group()), text))
    if _OLD_COUNT_SIGN.search(text):
        text = glued._PER_DAY_COUNT.sub(r"\1 ", text)
    return text


@settings(max_examples=3000, deadline=None)
@given(_TEXT, st.sampled_from(["fa", "zh"]))
def test_part_glued_parts_what_it_parted(text, lang):
    assert glued.part_glued(text, lang) == _old_part_glued(text, lang)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_footnote_marks_dropped_where_they_were(text):
    dropped = marks._FOOTNOTE.sub("", text) if marks._FOOTNOTE_MARK.search(text) else text
    assert dropped == marks._FOOTNOTE.sub("", text)
