"""Generality: circulars laid out as other issuers do (other header words, column order, a row-number
column, no shared columns, Persian or ASCII digits, other dose spellings) give the regimens per
indication the real circular gives."""
from collections import Counter

import pytest

from pipeline.build import build
from pipeline.circular.read import read_circular_text
from pipeline.ingest import read_source
from pipeline.reconcile import reconcile

from .conftest import CIRCULAR_TXT

_VALUES = ("indication_id", "dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_basis", "every_low", "every_high",
           "every_unit", "course_days_low", "course_days_high", "doses_count_low", "phase", "population")


def _per_indication(regimens) -> Counter:
    return Counter(tuple(getattr(r, v) if not isinstance(r, dict) else r[v] for v in _VALUES) for r in regimens)


@pytest.fixture(scope="module")
def real() -> Counter:
    _, reading = read_circular_text(read_source(CIRCULAR_TXT))
    return _per_indication(reconcile(list(reading.rows)).regimens)


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_varied_layouts_give_the_same_regimens_per_indication(tmp_path, real, seed):
    import json

    from bench.corpus import generate

    raw = tmp_path / "raw"
    [path] = generate(raw, 1, seed=seed, vary=True)
    out = tmp_path / "curated"
    build(raw, out, cache_dir=False)
    regimens = json.loads((out / "regimens.json").read_text(encoding="utf-8"))
    assert _per_indication(regimens) == real


def test_varied_layouts_do_vary(tmp_path):
    from bench.corpus import generate

    headers = {p.read_text(encoding="utf-8").split("\n")[20] for p in generate(tmp_path, 4, seed=5, vary=True)}
    assert len(headers) == 4
