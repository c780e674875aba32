"""read_timing runs only the steps one of whose readings is live: every reading of a pack must belong to a
step (or be one read right after a course), else it would never be read."""
from __future__ import annotations

import pytest

from pipeline.dosing.timing import _STEPS, read_timing
from pipeline.dosing.timing_spellings import patterns as _patterns

_READ_AFTER_A_COURSE = {"consecutive_after", "course_more"}  # matched where a course ends, not scanned


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_every_reading_of_the_pack_belongs_to_a_step(lang):
    stepped = set().union(*(names for _, names in _STEPS))
    assert set(_patterns(lang)) - _READ_AFTER_A_COURSE <= stepped


@pytest.mark.parametrize("text, lang", [
    ("400 mg/kg every 3-4 weeks for 5 days", "fa"), ("每 3-4 周一次，连用 5 天", "zh"),
])
def test_a_timing_is_read_whatever_the_live_steps(text, lang):
    t = read_timing(text, lang)
    assert (t.every_low, t.every_high, t.every_unit) == (3.0, 4.0, "wk")
