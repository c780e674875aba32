"""A right-to-left line in visual order back to logical order: the readings Persian writers mean."""
import unicodedata

import pytest
from bidi import get_display
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.pdf.bidi import visual_to_logical


def _units(visual: str) -> list[str]:
    return list(visual)


def _shown(logical: str) -> str:
    """What a conforming renderer puts on the page, left to right (python-bidi's forward algorithm)."""
    return get_display(logical, base_dir="R")


@pytest.mark.parametrize("logical", [
    "با دوز 400 mg/kg هر 3-4 هفته",  # a number before its unit, though "mg/kg 400" fits the glyphs too
    "درمان حمله حاد: 0.4-1.0 gr/kg/dose",  # a range after Arabic letters is shown 1.0-0.4
    "به کار گرفته شود. 500-1000mg/kg به مدت",
    "با دوز تجمعی 1-2gr/kg طی 2-5 روز",
    "شکست مکرر لانه گزینی (RIF)",  # brackets stay in logical order, the glyphs are not mirrored
    "حساسیت بالا (PRA>20%) منتظر پیوند کلیه",  # % stays with its number
    "با یا بدون induction ۰.۴ گرم در کیلوگرم",  # a Latin word that is no unit keeps its place
    "درمان سندروم (TTP- HUS)عود کننده",
    "IVIg در تعویض پلاسما در کودکان ترجیح داده می",
    "تاریخ: ۱۳۹۹/۰۶/۱۶",
    "عطف به نامه شماره ۵۳/۹۷۴۰۵/د تاریخ ۱۳۹۹/۶/۱۲",
    "انواع IgA- IgM-enriched به کار گرفته شود.",
])
def test_line_reads_back_to_its_logical_order(logical):
    line = visual_to_logical(_units(_shown(logical)))
    assert line.verified
    assert line.text == logical


def test_lam_alef_ligature_keeps_its_letters_in_order():
    # the ligature is one glyph whose text is "لا" in logical order; reversing characters breaks it
    visual = ["ت", "س", "لا", "ا", "ب", " ", "ا", "ه", "ن", "آ"]
    assert visual_to_logical(visual).text == "آنها بالاست"


def test_presentation_forms_are_read_as_letters():
    logical = unicodedata.normalize("NFKC", "ﺑﺎﻻﺳﺖ")  # the units reach the reader folded
    assert logical == "بالاست"
    assert visual_to_logical(_units(_shown(logical))).text == logical


def test_context_of_the_previous_line_decides_a_leading_range():
    # "0.4-1.0" opening a paragraph is shown as typed; after Arabic letters (AL) it is shown reversed
    assert visual_to_logical(_units(_shown("0.4-1.0 gr"))).text == "0.4-1.0 gr"
    shown_after_arabic = "gr 1.0-0.4"
    assert visual_to_logical(_units(shown_after_arabic), before="AL").text == "0.4-1.0 gr"


def test_hyphen_at_the_end_of_a_line_before_a_latin_line_stays_with_its_word():
    # "West, Lennox-" goes on with "Gastaut" on the next line: the hyphen belongs to "Lennox-"
    visual = _units("West, Lennox- یاه")
    assert visual_to_logical(visual, after="L").text == "های West, Lennox-"


def test_repeated_bracketed_words_are_not_confirmed_with_their_brackets_turned_round():
    # python-bidi shows the first "(RIF)" (after a number: N0 makes the pair R) with its brackets
    # at level 1 and the second at level 2, so the page reads "400 (RIF) 400 )RIF( 400". Read back
    # in place, the line's text would be that very string, which python-bidi shows as
    # "400 )RIF( 400 )RIF( 400": it must not pass as confirmed.
    logical = "400 (RIF) 400 (RIF) 400"
    visual = _shown(logical)
    assert visual == "400 (RIF) 400 )RIF( 400"
    line = visual_to_logical(_units(visual))
    assert (line.text, line.verified) == (logical, True)


@pytest.mark.parametrize("logical", [
    "(400) (400)",  # once confirmed as "(400( )400)"
    "(RIF) IVIg)",  # a bracket without its partner: once confirmed as ")IVIg )RIF("
])
def test_reading_with_a_bracket_turned_round_is_never_confirmed(logical):
    visual = _shown(logical)
    line = visual_to_logical(_units(visual))
    assert not line.verified or _shown(line.text) == visual


def test_line_no_reading_gives_back_is_returned_unverified():
    # context that contradicts the glyphs (a right-to-left mark cutting a Latin word in two): the
    # preferred reading comes back, marked unverified, for the caller to flag
    line = visual_to_logical(_units("fed cba"), forced={0: "R"})
    assert (line.text, line.verified) == ("fed cba", False)


WORDS = st.sampled_from(["درمان", "بیمار", "دوز", "هر", "روز", "IgG", "anti-HLA", "IVIg", "mg/kg", "g/kg",
                         "400", "0.4", "2-5", "۳", "(RIF)", "است.", "،", "و"])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=9))
@example(["400", "(RIF)", "400", "(RIF)", "400"])  # once confirmed though it read ")RIF(" for "(RIF)"
def test_every_reading_is_confirmed_or_flagged(words):
    """Whatever the line, the reader returns a reading, and one it calls verified really gives the
    line back through python-bidi's forward algorithm."""
    logical = " ".join(words)
    visual = _shown(logical)
    line = visual_to_logical(_units(visual))
    assert sorted(line.text) == sorted(visual)
    if line.verified:
        assert _shown(line.text) == visual
