"""The timing doubts: a value of zero, below zero or NaN is no schedule; values above zero say nothing."""
import math

import pytest

from pipeline.dosing.plausibility import _timing_doubts
from pipeline.dosing.records import Timing


@pytest.mark.parametrize("fields", [
    {},
    {"course_low": 5.0, "course_high": 5.0, "daily": True},
    {"every_low": 3.0, "every_high": 4.0, "every_unit": "wk", "frequency": 2.0},
    {"count_low": None, "count_high": 3.0, "infusion_low": 0.5, "duration_low": 6.0, "duration_high": 6.0,
     "repeat_after_low": 12.0, "repeat_after_high": 24.0},
])
def test_a_timing_read_above_zero_has_no_doubt(fields):
    assert _timing_doubts(Timing(**fields)) == []


@pytest.mark.parametrize("fields, said", [
    ({"course_low": 0.0, "course_high": 0.0}, "a course of 0 days is no schedule: zero or less"),
    ({"every_low": 1.0, "every_high": -2.0, "every_unit": "wk"}, "every -2 wk is no schedule: zero or less"),
    ({"count_low": math.nan, "count_high": math.nan}, "nan doses is no schedule: zero or less"),
    ({"infusion_low": 0.0}, "an infusion of 0 hours is no schedule: zero or less"),
    ({"repeat_after_low": 0.0, "repeat_after_high": 0.0, "repeat_after_unit": "h"},
     "a repeat after 0 h is no schedule: zero or less"),
    ({"course_high": 5.0, "frequency": 0.0}, "0 times per interval is no schedule"),
])
def test_a_timing_value_of_zero_or_less_or_nan_is_doubted(fields, said):
    assert [r.message for r in _timing_doubts(Timing(**fields))] == [said]
