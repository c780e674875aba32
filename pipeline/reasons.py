"""The closed vocabulary of review reasons (data/review_codes.yaml): which codes a Reason may carry.

The record itself is pipeline.records.Reason (a leaf module every stage imports); this module only
reads what each code means, for the tests, the docs and the review page.
"""
from __future__ import annotations

from functools import cache

from .lexicon import load
from .records import Reason

__all__ = ["Reason", "review_codes", "unknown_codes"]


@cache
def review_codes() -> dict[str, str]:
    """code -> its one-line English meaning, in the data file's order."""
    return {str(code): str(meaning) for code, meaning in load("review_codes.yaml").items()}


def unknown_codes(codes) -> set[str]:
    """The codes (or reasons) not in the vocabulary."""
    return {getattr(c, "code", c) for c in codes} - set(review_codes())
