"""The article's doses and thresholds in canonical units (mg/kg, mg/dL, years, days)."""
import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.article.dosing_zh import course_spans, text_to_criteria, text_to_regimens
from pipeline.lexicon import load

from .conftest import statement_with


def regimen_of(article, words):
    statement = statement_with(article.statements, words)
    found = [r for r in article.regimens if r.row_ids == (statement.statement_id,)]
    assert len(found) == 1
    return found[0]


def test_weekly_half_gram_for_the_first_three_months(article):
    r = regimen_of(article, "每周使用 0.5 g/kg")
    assert (r.dose_low_mg_per_kg, r.dose_high_mg_per_kg, r.dose_basis) == (500, 500, "per_dose")
    assert (r.every_low, r.every_high, r.every_unit) == (1, 1, "wk")
    assert (r.course_days_low, r.course_days_high) == (90, 90)
    assert r.indication_id == "cmv-disease" and r.evidence == "limited" and r.phase is None
    assert r.needs_review and r.review_reasons[0].code == "course_in_months"


def test_cmv_pneumonia_regimen_every_other_day_then_weekly(article):
    first = regimen_of(article, "每隔一天一次")
    assert (first.dose_low_mg_per_kg, first.every_low, first.every_unit) == (150, 2, "d")
    assert (first.course_days_low, first.course_days_high, first.phase) == (14, 14, "initial")
    assert first.dose_as_written == "150毫克/公斤" and first.evidence == "limited"
    assert first.indication_id == "cmv-disease"
    assert first.review_reasons[0].code == "indication_weak"  # "在这种情况下": the indication is in its context
    then = regimen_of(article, "之后,每周静脉注射")
    assert (then.dose_low_mg_per_kg, then.every_low, then.every_unit) == (150, 1, "wk")
    assert (then.course_days_low, then.phase, then.indication_id) == (28, "maintenance", "cmv-disease")
    assert not then.needs_review
    assert then.doses_count_low is None and then.infusion_hours_low is None  # the text says nothing of them


def test_only_the_three_dose_sentences_give_regimens(article):
    assert len(article.regimens) == 3
    assert {s.kind for s in article.statements if any(r.row_ids == (s.statement_id,) for r in article.regimens)} == {"dose"}
    assert len({r.regimen_id for r in article.regimens}) == 3


def test_igg_threshold_in_mg_per_dl(article):
    statement = statement_with(article.statements, "IgG <4 克/升")
    (c,) = [c for c in article.criteria if c.row_ids == (statement.statement_id,)]
    assert (c.analyte, c.op, c.value_low, c.value_high, c.unit, c.kind) == ("igg", "<", 400, None, "mg/dL", "eligibility")
    assert statement.kind == "threshold"


def test_payer_rule_age_and_days_since_transplant(article):
    statement = statement_with(article.statements, "20 岁及以上")
    found = {c.analyte: c for c in article.criteria if c.row_ids == (statement.statement_id,)}
    assert set(found) == {"age", "days_since_transplant"}
    assert (found["age"].op, found["age"].value_low, found["age"].unit) == (">=", 20, "a")
    assert (found["days_since_transplant"].op, found["days_since_transplant"].value_low,
            found["days_since_transplant"].unit) == ("<=", 100, "d")
    assert {c.indication_id for c in found.values()} == {"allo-hsct-hypogammaglobulinemia"}
    assert statement.kind == "policy"


def test_an_exclusion_is_not_read_as_a_criterion(article):
    statement = statement_with(article.statements, "CMS 不建议 20 岁以下")
    assert not [c for c in article.criteria if c.row_ids == (statement.statement_id,)]
    assert any(f.code == "exclusion_not_read" and f.row_id == statement.statement_id for f in article.flags)


def test_a_dose_course_is_not_a_threshold(article):
    statement = statement_with(article.statements, "每周使用 0.5 g/kg")
    assert not [c for c in article.criteria if c.row_ids == (statement.statement_id,)]


@pytest.mark.parametrize("text, expected", [
    ("每公斤体重 0.4 克,每 3-4 周一次", dict(dose_low_mg_per_kg=400, every_low=3, every_high=4, every_unit="wk")),
    ("400 mg/kg/d,连续 5 天", dict(dose_low_mg_per_kg=400, every_low=1, every_unit="d", course_days_high=5)),
    ("总剂量 2 g/kg,连续 2-5 天", dict(dose_basis="total", dose_low_mg_per_kg=2000, course_days_low=2,
                                      course_days_high=5)),
    ("0.2-0.4 克/千克,每月一次,共 6 次", dict(dose_low_mg_per_kg=200, dose_high_mg_per_kg=400, every_unit="mo",
                                           doses_count_low=6)),
    ("1 g/kg,输注 4-6 小时", dict(infusion_hours_low=4, infusion_hours_high=6)),
    ("每隔两天 0.4 g/kg", dict(every_low=2, every_unit="d")),
    ("儿童每周 0.5 g/kg", dict(population="children", every_low=1, every_unit="wk")),
])
def test_dose_phrases(text, expected):
    (r,) = text_to_regimens(text, text, "doc", "s1")
    assert {k: getattr(r, k) for k in expected} == expected


def test_doubtful_readings_are_flagged():
    (r,) = text_to_regimens("每隔两天 0.4 g/kg", "", "doc", "s1")
    assert r.review_reasons[0].code == "interval_ambiguous"
    (r,) = text_to_regimens("每周 40 g/kg", "", "doc", "s1")
    assert r.review_reasons[0].code == "implausible_dose"  # one code for both languages
    (c,) = text_to_criteria("年满 18 岁以上", "doc", "s1")
    assert (c.op, c.value_low) == (">=", 18) and c.review_reasons[0].code == "bound_ambiguous"


@pytest.mark.parametrize("text, expected", [
    ("IgG 低于 5 g/L", ("igg", "<", 500, "mg/dL", "eligibility")),
    ("维持 IgG > 5 克/升", ("igg", ">", 500, "mg/dL", "target")),
    ("血清IgG 400 mg/dL 以下", ("igg", "<", 400, "mg/dL", "eligibility")),
    ("年龄 ≥ 20 岁", ("age", ">=", 20, "a", "eligibility")),
    ("移植后 3 个月内", ("days_since_transplant", "<=", 90, "d", "eligibility")),
])
def test_threshold_phrases(text, expected):
    (c,) = text_to_criteria(text, "doc", "s1", skip=course_spans(text))
    assert (c.analyte, c.op, c.value_low, c.unit, c.kind) == expected


MASS = {"mg": 1, "毫克": 1, "g": 1000, "gr": 1000, "克": 1000}  # written unit -> mg
TIME = {"天": ("d", 1), "周": ("wk", 7), "个月": ("mo", 30)}


@settings(max_examples=200, deadline=None)
@given(dose=st.integers(1, 40).map(lambda n: n * 50), chinese=st.booleans(), mass=st.sampled_from(sorted(MASS)),
       per_kg=st.sampled_from(["kg", "公斤", "千克"]), every=st.integers(1, 6),
       every_unit=st.sampled_from(["天", "周"]), course=st.integers(1, 30), course_unit=st.sampled_from(sorted(TIME)))
def test_a_generated_dose_phrase_reads_back(dose, chinese, mass, per_kg, every, every_unit, course, course_unit):
    amount = dose / MASS[mass]
    written = cn2an.an2cn(f"{amount:g}") if chinese and amount == int(amount) else f"{amount:g}"
    course_words = cn2an.an2cn(str(course)) if chinese else str(course)
    text = f"静脉注射免疫球蛋白 {written} {mass}/{per_kg},每 {every} {every_unit}一次,持续{course_words}{course_unit}。"
    (r,) = text_to_regimens(text, text, "doc", "s1")
    assert r.dose_low_mg_per_kg == pytest.approx(dose) and r.dose_high_mg_per_kg == pytest.approx(dose)
    unit = {"天": "d", "周": "wk"}[every_unit]
    # an interval no shorter than a course of several days repeats the course (the cycle columns)
    cycle = course * TIME[course_unit][1] > 1 and every * {"d": 1, "wk": 7}[unit] >= course * TIME[course_unit][1]
    read = (r.cycle_every_low, r.cycle_every_unit) if cycle else (r.every_low, r.every_unit)
    assert read == (every, unit)
    assert r.course_days_low == course * TIME[course_unit][1]
