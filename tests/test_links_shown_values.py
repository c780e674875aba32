"""A link's relation follows the values its note shows."""
from __future__ import annotations

import dataclasses

import pytest

from pipeline.article.links import compare_regimen
from pipeline.records import Regimen


def _regimen(low, high, every=None, unit=None, course=None) -> Regimen:
    fields = {f: None for f in Regimen.__dataclass_fields__}
    fields.update(dose_low_mg_per_kg=low, dose_high_mg_per_kg=high, every_low=every, every_high=every,
                  every_unit=unit, course_days_low=course[0] if course else None,
                  course_days_high=course[1] if course else None)
    # required fields the comparison does not read are None; the rest keep their defaults
    required = {f.name for f in dataclasses.fields(Regimen)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    return Regimen(**{k: v for k, v in fields.items() if k in required or v is not None})


@pytest.mark.parametrize("mine, theirs, relation", [
    (_regimen(2000, 2000, course=(2, 5)), _regimen(2000, 2000, course=(2, 5)), "agrees"),
    (_regimen(400, 400, 4, "wk"), _regimen(400, 600, 3, "wk"), "differs"),
    (_regimen(400, 400, 3, "wk"), _regimen(400, 600, 3, "wk"), "agrees"),
    (_regimen(1000, 1000, course=(2, 2)), _regimen(1000, 1000, course=(5, 5)), "differs"),
])
def test_a_link_agrees_when_every_shown_value_agrees(mine, theirs, relation):
    assert compare_regimen(mine, [theirs])[0] == relation
