"""The circular's dose statements as regimens: numbers in mg/kg, basis, timing, phase, doubts."""
import pandas as pd
import pytest

from .conftest import DOC_ID, row_with


@pytest.fixture(scope="module")
def regimens(built) -> pd.DataFrame:
    return pd.read_parquet(built / "regimens.parquet")


FIELD_ORDER = {"dosing": 0, "conditions": 1, "recommendations": 2}


def regimens_of(regimens, source_rows, words, column="indication_text"):
    """A row's regimens in reading order (dosing, then conditions, then recommendations)."""
    row = row_with(source_rows, column, words)
    found = regimens[regimens.row_ids.apply(lambda ids: row.row_id in list(ids))]
    order = found.source_field.map(FIELD_ORDER) * 100000 + found.span_start
    return found.loc[order.sort_values().index]


def values(reg, *names):
    return tuple(None if pd.isna(reg[n]) else reg[n] for n in names)


DOSE = ("dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_basis")
EVERY = ("every_low", "every_high", "every_unit")
COURSE = ("course_days_low", "course_days_high")


def test_myasthenia_gravis_total_over_two_to_five_days(regimens, source_rows):
    (reg,) = [r for _, r in regimens_of(regimens, source_rows, "میاستنی گراویس").iterrows()]
    assert values(reg, *DOSE) == (1000.0, 2000.0, "total")
    assert values(reg, *COURSE) == (2.0, 5.0)
    assert reg.phase == "acute"  # "در موارد کریز"
    assert "دوز تو تال 1-2 گرم برای هر کیلوگرم وزن بدن" in reg.source_text
    assert "preferably 5 days" in " ".join(reg.notes)
    assert not reg.needs_review


def test_multifocal_motor_neuropathy_three_regimens(regimens, source_rows):
    rows = list(regimens_of(regimens, source_rows, "Multifocal Motor Neuropathy").itertuples())
    assert len(rows) == 3
    initial, every_weeks, monthly = rows
    assert (initial.dose_low_mg_per_kg, initial.dose_high_mg_per_kg, initial.dose_basis) == (400, 400, "per_dose")
    assert (initial.every_low, initial.every_unit, initial.course_days_high, initial.phase) == (1, "d", 5, "initial")
    assert pd.isna(initial.course_days_low)  # "تا 5 روز": up to five days
    assert (every_weeks.dose_low_mg_per_kg, every_weeks.dose_high_mg_per_kg) == (500, 2000)  # "2-0.5 gram/kg"
    assert (every_weeks.every_low, every_weeks.every_high, every_weeks.every_unit) == (2, 6, "wk")
    assert every_weeks.phase == "maintenance"
    assert (monthly.dose_low_mg_per_kg, monthly.dose_high_mg_per_kg) == (500, 2400)  # "۵/ تا ۲/۴"
    assert (monthly.every_low, monthly.every_unit, monthly.phase) == (1, "mo", "maintenance")


def test_cidp_initial_and_maintenance(regimens, source_rows):
    initial, maintenance, reduced = regimens_of(regimens, source_rows, "CIDP").itertuples()
    assert (initial.dose_low_mg_per_kg, initial.dose_basis, initial.course_days_low, initial.course_days_high,
            initial.phase) == (2000, "total", 2, 5, "initial")
    assert (maintenance.dose_low_mg_per_kg, maintenance.every_low, maintenance.every_unit,
            maintenance.phase) == (1000, 3, "wk", "maintenance")
    assert (reduced.dose_low_mg_per_kg, reduced.dose_high_mg_per_kg, reduced.every_low) == (400, 1000, 3)


def test_kawasaki_single_dose_over_hours_with_a_cap(regimens, source_rows):
    first, repeat = regimens_of(regimens, source_rows, "بیماری کاوازاکی").itertuples()
    assert (first.dose_low_mg_per_kg, first.dose_basis, first.doses_count_low, first.doses_count_high) == (
        2000, "per_dose", 1, 1)
    assert (first.infusion_hours_low, first.infusion_hours_high) == (8, 12)
    assert pd.isna(first.every_unit)
    assert (repeat.dose_low_mg_per_kg, repeat.phase) == (2000, "repeat")
    assert first.max_total_mg_per_kg == repeat.max_total_mg_per_kg == 4000  # "بیش از 4 گرم ... توصیه نمی‌شود"
    assert len(regimens_of(regimens, source_rows, "بیماری کاوازاکی")) == 2  # the cap is not a dose to give


def test_cll_every_three_to_four_weeks(regimens, source_rows):
    low, fixed = regimens_of(regimens, source_rows, "لوسمی لنفوسیتیک مزمن").itertuples()
    assert (low.dose_low_mg_per_kg, low.dose_high_mg_per_kg, low.every_low, low.every_high, low.every_unit) == (
        200, 400, 3, 4, "wk")
    assert (fixed.dose_low_mg_per_kg, fixed.dose_high_mg_per_kg, fixed.every_low, fixed.every_high) == (400, 400, 3, 4)
    assert fixed.source_text == "0.4 گرم برای هر کیلوگرم وزن بدن هر 3 یا 4 هفته"


def test_humoral_immunodeficiency(regimens, source_rows):
    initial, maintenance, ranged = regimens_of(regimens, source_rows, "نقص ایمنی هومرال").itertuples()
    assert (initial.dose_low_mg_per_kg, initial.dose_high_mg_per_kg, initial.phase) == (400, 800, "initial")
    assert (maintenance.dose_low_mg_per_kg, maintenance.dose_high_mg_per_kg, maintenance.every_low,
            maintenance.every_high, maintenance.phase) == (200, 400, 3, 4, "maintenance")
    assert (ranged.dose_low_mg_per_kg, ranged.dose_high_mg_per_kg, ranged.every_low, ranged.every_high) == (
        200, 800, 3, 4)


def test_primary_immunodeficiency_typical_dose_beside_its_range(regimens, source_rows):
    (reg,) = regimens_of(regimens, source_rows, "نقص ایمنی هورمونی اولیه").itertuples()
    assert (reg.dose_low_mg_per_kg, reg.dose_high_mg_per_kg) == (200, 800)
    assert (reg.typical_low_mg_per_kg, reg.typical_high_mg_per_kg) == (400, 500)
    assert (reg.every_low, reg.every_high, reg.every_unit) == (3, 4, "wk")


def test_itp_in_children_row(regimens, source_rows):
    rows = source_rows[source_rows.indication_text.isna()]
    found = regimens[regimens.row_ids.apply(lambda ids: rows.row_id.iloc[0] in list(ids))]
    single, fixed, acute, chronic = found.sort_values("span_start").itertuples()
    assert (single.dose_low_mg_per_kg, single.dose_high_mg_per_kg, single.doses_count_high) == (800, 1000, 1)
    assert single.phase == "initial" and single.population == "children"
    assert single.needs_review and "dose_repeated" in single.review_reasons[0]  # "0.8-1 gram/kg تا 0.8-1 gram/kg"
    assert (fixed.dose_low_mg_per_kg, fixed.dose_high_mg_per_kg) == (800, 800)  # "800 میلی گرم به ازای هر کیلو"
    assert (acute.dose_low_mg_per_kg, acute.dose_high_mg_per_kg, acute.dose_basis) == (400, 1000, "per_dose")
    assert (acute.every_low, acute.every_unit, acute.course_days_low, acute.course_days_high) == (1, "d", 2, 5)
    assert acute.phase == "acute"
    assert (chronic.every_low, chronic.every_high, chronic.every_unit, chronic.phase) == (3, 6, "wk", "chronic")
    # "در اطفال" is said of the other sentences' doses; the acute and chronic ones name no population
    assert pd.isna(acute.population) and pd.isna(chronic.population)
    # the row's indication is inferred: each of its regimens carries that doubt (and leaves FHIR)
    assert all(any(x.startswith("indication_inferred") for x in r.review_reasons) for r in (acute, chronic, fixed))


def test_doubtful_doses_are_flagged_not_corrected(regimens, source_rows):
    (hiv_itp,) = [r for r in regimens_of(regimens, source_rows, "ITP ناشی از HIV").itertuples()
                  if r.dose_low_mg_per_kg == 4500]
    assert hiv_itp.needs_review and any("implausible_dose" in x for x in hiv_itp.review_reasons)
    assert hiv_itp.dose_high_mg_per_kg == 4500  # kept as written
    (ms,) = regimens_of(regimens, source_rows, "درمان MS عودکننده").itertuples()
    assert (ms.dose_low_mg_per_kg, ms.every_low, ms.every_unit, ms.course_days_low) == (2000, 1, "d", 5)
    assert ms.needs_review and any("implausible_course" in x for x in ms.review_reasons)


def test_doses_in_conditions_cells_are_read(regimens, source_rows):
    kidney = regimens_of(regimens, source_rows, "قبل از پیوند کلیه و کاندید پیوند")
    assert set(kidney.source_field) == {"conditions"}
    single, scheduled, low = kidney.itertuples()
    assert (single.dose_low_mg_per_kg, single.doses_count_high) == (2000, 1)  # "به صورت تک دوز 2 gram/kg"
    assert list(scheduled.schedule_days) == [28, 42] and scheduled.doses_count_high == 2
    assert low.dose_low_mg_per_kg == 100
    nait = regimens_of(regimens, source_rows, "ترومبوسیتوپنی آلو ایمیون نوزادی")
    (pregnancy,) = nait[nait.source_field == "conditions"].itertuples()
    assert (pregnancy.dose_low_mg_per_kg, pregnancy.dose_high_mg_per_kg, pregnancy.every_unit) == (1000, 2000, "wk")
    assert pregnancy.population == "pregnancy"


def test_same_regimen_twice_in_a_row_is_one(regimens, source_rows):
    (sepsis,) = regimens_of(regimens, source_rows, "سپسیس شدید").itertuples()
    assert (sepsis.dose_low_mg_per_kg, sepsis.dose_high_mg_per_kg, sepsis.course_days_low,
            sepsis.course_days_high, sepsis.population) == (500, 1000, 2, 4, "neonates")
    assert any(n.startswith("also stated in conditions") for n in sepsis.notes)
    assert sepsis.needs_review and "basis_ambiguous" in sepsis.review_reasons[0]


def test_course_repeated_monthly(regimens, source_rows):
    (reg,) = regimens_of(regimens, source_rows, "میوپاتی‌های التهابی").itertuples()
    assert (reg.dose_low_mg_per_kg, reg.every_low, reg.every_unit, reg.course_days_high) == (400, 1, "d", 5)
    assert (reg.cycle_every_low, reg.cycle_every_unit, reg.duration_low, reg.duration_high, reg.duration_unit) == (
        1, "mo", 3, 6, "mo")


def test_amount_not_stated_is_a_flagged_regimen(regimens, source_rows):
    sle = regimens_of(regimens, source_rows, "لوپوس مقاوم")
    daily, monthly = sle.itertuples()
    assert (daily.dose_low_mg_per_kg, daily.every_unit, daily.course_days_high) == (400, "d", 5)
    assert pd.isna(monthly.dose_low_mg_per_kg) and (monthly.every_low, monthly.every_unit) == (1, "mo")
    assert monthly.phase == "maintenance" and "amount_not_stated" in monthly.review_reasons[0]


def test_cumulative_cap_as_a_range_bounds_the_dose_before_it(regimens, source_rows):
    first = regimens_of(regimens, source_rows, "rejection").iloc[0]
    assert (first.dose_low_mg_per_kg, first.dose_basis, first.phase) == (100, "per_dose", "acute")
    assert (first.max_total_low_mg_per_kg, first.max_total_mg_per_kg) == (1000, 2000)


@pytest.mark.parametrize("words, evidence", [
    ("میاستنی گراویس", "recommended"), ("TTP- HUS", "not_proven"), ("درمان PTLD", "not_routine"),
    ("NMOSD", "limited"), ("کریز هایپر همولیتیک", "not_proven"), ("birdshot", "not_routine"),
])
def test_evidence_per_row(source_rows, words, evidence):
    assert row_with(source_rows, "indication_text", words).evidence == evidence


def test_every_dose_statement_is_a_regimen(regimens, source_rows):
    from pipeline.dosing.doses import find_doses

    stated = sum(1 for row in source_rows.itertuples() for col in ("dosing_text", "conditions_text",
                                                                   "recommendations_text")
                 if isinstance(getattr(row, col), str)
                 for d in find_doses(getattr(row, col)) if not d.is_cap)
    # a regimen merged across rows stands for each row's statement
    circular = regimens[regimens.doc_id == DOC_ID]
    with_amount = circular[circular.dose_low_mg_per_kg.notna()].row_ids.apply(len).sum()
    # one sepsis dose is stated twice in its row; one typical amount annotates its range; one amount
    # is given at two intervals, each under its own condition (two regimens)
    assert with_amount == stated - 2 + 1
    assert (regimens.source_text.str.len() > 0).all()


def _row_regimens(regimens, source_rows, column, words):
    row = row_with(source_rows, column, words)
    return regimens[regimens.row_ids.apply(lambda ids: row.row_id in list(ids))]


def test_after_the_first_year_is_a_condition_not_a_maintenance_phase(regimens, source_rows):
    # row 32: "و بعد از سال اول، 200 mg/kg هر ۲ هفته تا ۳ دوز" (acute AMR after the first post-transplant year)
    found = _row_regimens(regimens, source_rows, "dosing_text", "بعد از سال اول")
    (late,) = found[found.dose_low_mg_per_kg == 200].itertuples()
    assert pd.isna(late.phase) and late.condition == "بعد از سال اول"
    assert (late.every_low, late.every_unit, late.doses_count_high) == (2, "wk", 3) and pd.isna(late.doses_count_low)


def test_a_dose_that_may_be_repeated_once_has_no_interval(regimens, source_rows):
    # row 15: "... در مدت ۲ ساعت که بعد از ۱۲-۲۴ ساعت همین دوز قابل تکرار است"
    (r,) = _row_regimens(regimens, source_rows, "dosing_text", "همین دوز قابل تکرار").itertuples()
    assert pd.isna(r.every_low) and pd.isna(r.every_unit)
    assert (r.doses_count_low, r.doses_count_high, r.infusion_hours_low) == (1, 2, 2)
    assert (r.repeat_after_low, r.repeat_after_high, r.repeat_after_unit) == (12, 24, "h")


def test_repeat_if_needed_is_a_note_not_a_phase(regimens, source_rows):
    # row 18: "0.4 g/kg و تکرار در صورت نیاز ..."
    (r,) = _row_regimens(regimens, source_rows, "dosing_text", "تکرار در صورت نیاز").itertuples()
    assert r.dose_low_mg_per_kg == 400 and pd.isna(r.phase) and "may be repeated if needed" in list(r.notes)


def test_weekly_in_the_first_100_days_then_every_3_to_4_weeks(regimens, source_rows):
    # row 13: "در ۱۰۰ روز اول عموماً هر هفته و بعد از ۱۰۰ روز در صورت نیاز هر ۳-۴ هفته 0.4 gr/ kg/ dose"
    found = _row_regimens(regimens, source_rows, "dosing_text", "در 100 روز اول")
    found = found[found.condition.notna()].sort_values("span_start")
    first, after = found.itertuples()
    assert (first.dose_low_mg_per_kg, first.dose_basis, first.every_low, first.every_unit) == (400, "per_dose", 1, "wk")
    assert (after.dose_low_mg_per_kg, after.every_low, after.every_high, after.every_unit) == (400, 3, 4, "wk")
    assert (first.condition, after.condition) == ("در 100 روز اول", "بعد از 100 روز")
