"""The dose grammar on small statements: spellings, ranges, alternatives, timing, basis; and properties."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dosing import read_regimens


def one(text):
    (regimen,) = read_regimens(text)
    return regimen


@pytest.mark.parametrize("text, low, high", [
    ("1-2 g/kg", 1000, 2000),
    ("2-0.5 gram/kg", 500, 2000),
    ("0.4 gr/kg", 400, 400),
    ("400 mg/kg", 400, 400),
    ("2gr/kg", 2000, 2000),
    ("1- 2 gr/kg", 1000, 2000),
    ("۲ گرم برای هر کیلوگرم وزن بدن", 2000, 2000),
    ("۱ گرم به ازای هر کیلوگرم", 1000, 1000),
    ("۰,۴ گرم در کیلوگرم", 400, 400),
    ("دوز های ۰,۵-۲ گرم در هر کیلوگرم", 500, 2000),
    ("۸۰۰ میلی گرم به ازای هر کیلو وزن بدن", 800, 800),
    ("۵۰۰ میلی گرم تا ۱ گرم به ازای هر کیلوگرم وزن بدن", 500, 1000),
    ("۰/۲ تا ۰/۸ گرم برای هر کیلوگرم وزن بدن", 200, 800),
    ("۵/ تا ۲/۴ گرم برای هر کیلوگرم", 500, 2400),
    ("1 الی 2 g/kg", 1000, 2000),
    ("یک گرم در کیلوگرم", 1000, 1000),
    ("0.4-1.0 gr/kg/dose", 400, 1000),
    ("1 g / kg / day", 1000, 1000),
    ("۱ گرم / کیلوگرم / دوز", 1000, 1000),
])
def test_amount_in_any_spelling_reads_to_mg_per_kg(text, low, high):
    regimen = one(text)
    assert (regimen.dose_low_mg_per_kg, regimen.dose_high_mg_per_kg) == (low, high)
    assert regimen.dose_as_written


@pytest.mark.parametrize("text, expected", [
    ("400 mg/kg روزانه تا ۵ روز", dict(every_low=1, every_unit="d", course_days_low=None, course_days_high=5,
                                       dose_basis="per_dose")),
    ("1 g/kg/day به مدت ۲ روز", dict(every_unit="d", course_days_low=2, course_days_high=2)),
    ("200-400 mg/kg هر ۳-۴ هفته", dict(every_low=3, every_high=4, every_unit="wk", dose_basis="per_dose")),
    ("0.4 گرم در کیلوگرم هر ۲۸ روز", dict(every_low=28, every_high=28, every_unit="d")),
    ("1 گرم برای هر کیلوگرم هر سه هفته", dict(every_low=3, every_unit="wk")),
    ("0.5-2 g/kg ماهانه", dict(every_low=1, every_unit="mo")),
    ("1 گرم / کیلوگرم / دوز یک بار در ماه", dict(every_low=1, every_unit="mo")),
    ("200 mg/kg هر ۲ هفته تا ۳ دوز", dict(doses_count_low=None, doses_count_high=3)),
    ("500mg/kg هر ۳ هفته برای ۳-۴ دوز", dict(doses_count_low=3, doses_count_high=4)),
    ("2 g/kg به صورت تک دوز در مدت ۸ تا ۱۲ ساعت", dict(doses_count_high=1, infusion_hours_low=8,
                                                       infusion_hours_high=12)),
    ("500mg/kg/day برای دو روز متوالی", dict(course_days_low=2, dose_basis="per_dose")),
    ("1gr/kg تا دوروز", dict(course_days_high=2, dose_basis=None)),
])
def test_timing(text, expected):
    regimen = one(text)
    for name, value in expected.items():
        assert getattr(regimen, name) == value, name


@pytest.mark.parametrize("text", [
    "با دوز تجمعی 2g/kg طی ۲-۵ روز", "دوز توتال ۲ گرم برای هر کیلوگرم", "دوز تو تال 1-2 g/kg",
    "۲ گرم برای هر کیلوگرم وزن بدن منقسم شده طی ۲-۵ روز", "۲ گرم در کیلوگرم در ۲ روز",
])
def test_total_basis(text):
    assert one(text).dose_basis == "total"


def test_ambiguous_basis_is_flagged_and_left_empty():
    regimen = one("400mg/kg برای ۲-۵ روز")
    assert regimen.dose_basis is None and regimen.needs_review
    assert regimen.review_reasons[0].code == "basis_ambiguous"


def test_alternatives_are_separate_regimens():
    first, second = read_regimens("400-500 mg/kg روزانه تا ۵ روز یا 1gr/kg روزانه تا ۲ روز")
    assert (first.dose_low_mg_per_kg, first.course_days_high) == (400, 5)
    assert (second.dose_low_mg_per_kg, second.course_days_high) == (1000, 2)


def test_or_inside_a_range_is_not_an_alternative():
    regimen = one("0.4 گرم برای هر کیلوگرم هر ۳ یا ۴ هفته")
    assert (regimen.every_low, regimen.every_high) == (3, 4)
    regimen = one("۲ گرم برای هر کیلوگرم در دزهای منقسم در ۲ یا ترجیحا ۵ روز متوالی")
    assert (regimen.course_days_low, regimen.course_days_high, regimen.dose_basis) == (2, 5, "total")


def test_phase_and_population():
    initial, maintenance = read_regimens("در کودکان دوز اولیه 400-800 mg/kg و سپس 200-400 mg/kg هر ۳-۴ هفته")
    assert (initial.phase, maintenance.phase) == ("initial", "maintenance")
    assert initial.population == maintenance.population == "children"
    acute, chronic = read_regimens("درمان حمله حاد: 0.4-1.0 gr/kg/dose یک بار در روز برای ۵-۲ روز پیاپی "
                                   "درمان حمله مزمن: 0.4-1.0 gr/kg/dose هر ۳ تا ۶ هفته")
    assert (acute.phase, acute.course_days_low, acute.course_days_high) == ("acute", 2, 5)
    assert (chronic.phase, chronic.every_low, chronic.every_high) == ("chronic", 3, 6)
    assert one("در نوزادان 500 mg/kg").population == "neonates"
    assert one("در بالغین 2 g/kg").population == "adults"
    assert one("در مادران باردار 1-2 gr/kg در هفته").population == "pregnancy"


def test_cumulative_cap_is_not_a_dose():
    regimen = one("۲ گرم برای هر کیلوگرم به صورت تک دوز. دوزهای تجمعی بیش از ۴ گرم برای هر کیلوگرم وزن بدن "
                  "در دو کورس تزریق توصیه نمی شود.")
    assert (regimen.dose_low_mg_per_kg, regimen.max_total_mg_per_kg) == (2000, 4000)


@pytest.mark.parametrize("text, reason", [
    ("۲گرم در کیلوگرم در روز به مدت ۵ روز", "implausible_course"),
    ("4500mg/kg", "implausible_dose"),
    ("3 g/kg/day", "implausible_dose"),
    ("0.01 g/kg", "implausible_dose"),
    ("0.5-2 گرم در هر کیلوگرم هر چند هفته", "interval_unquantified"),
])
def test_doubts_are_flagged_never_corrected(text, reason):
    regimen = one(text)
    assert regimen.needs_review and any(r.code == reason for r in regimen.review_reasons)


def test_no_dose_no_regimen():
    assert read_regimens("سطح IgG کمتر از 500 mg/dL و حفظ سطح IgG در سطح 500-700 mg/dL") == []
    assert read_regimens("اثر بخشی اثبات نشده و استفاده روتین پیشنهاد نمی شود") == []


FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
UNITS = {1000: ["g/kg", "gr/kg", "gram/kg", "گرم برای هر کیلوگرم", "گرم به ازای هر کیلوگرم", "گرم در کیلوگرم",
                "g/kg/day", "gr/kg/dose"],
         1: ["mg/kg", "میلی گرم به ازای هر کیلو وزن بدن", "میلی گرم در کیلوگرم"]}


@st.composite
def dose_phrases(draw):
    scale = draw(st.sampled_from([1000, 1]))
    tenths = draw(st.lists(st.integers(1, 40) if scale == 1000 else st.integers(1, 40).map(lambda n: n * 50),
                           min_size=1, max_size=2, unique=True))
    numbers = [n / 10 if scale == 1000 else float(n) for n in tenths]
    persian = draw(st.booleans())
    decimal = draw(st.sampled_from(["/", ".", ","])) if persian else "."

    def write(x: float) -> str:
        text = f"{x:g}".replace(".", decimal)
        return text.translate(FA_DIGITS) if persian else text

    joiner = draw(st.sampled_from(["-", " - ", " تا ", " الی "]))
    amount = joiner.join(write(x) for x in numbers)
    unit = draw(st.sampled_from(UNITS[scale]))
    return f"{amount} {unit}", min(numbers) * scale, max(numbers) * scale


@settings(max_examples=300, deadline=None)
@given(dose_phrases())
def test_generated_dose_phrase_reads_back(phrase):
    text, low, high = phrase
    regimen = one(text)
    assert (regimen.dose_low_mg_per_kg, regimen.dose_high_mg_per_kg) == (pytest.approx(low), pytest.approx(high))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789۰۱۲۳۴۵۶۷۸۹/.-, ()gmkr/دوزگرمکیلوتاهریاروزهفته:؛.")),
               max_size=60))
def test_arbitrary_text_never_raises(text):
    for regimen in read_regimens(text):
        assert regimen.source_text is not None
