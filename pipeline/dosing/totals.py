"""A course total written beside the dose it sums: a restatement, or a conflict, never a second regimen.

"0.4 g/kg daily for 5 days (total 2 g/kg)", "每公斤体重1克，连续2日，总剂量2克/公斤": the total equals the
amount times the days (or the doses) of the regimen before it, so it restates that regimen and is a note
of it. A total that does not equal it contradicts the regimen: both are kept and flagged.
"""
from __future__ import annotations

import re

from ..records import Reason
from .records import DoseMatch, Draft
from .vocab import vocab

_CLAUSE = re.compile(r"[,،，;؛；(（\[]")  # the total word must stand in the amount's own clause or bracket


def restated_total(previous: Draft, dose: DoseMatch, lead: str, lang: str) -> str | None:
    """"same" when `dose`, named a total in the words just before it (`lead`), is the previous regimen's
    amount times its days or doses; "conflict" when it is not; None when it is no total of that regimen."""
    first = previous.dose
    if first is None or first.unit != "mg/kg" or dose.unit != "mg/kg" or first.low_mg is None or dose.low_mg is None:
        return None
    v = vocab(lang)
    if not v.basis_total.search(_CLAUSE.split(lead)[-1]) or v.basis_total.search(previous.text):
        return None
    times = _times(previous)
    if times is None:
        return None
    same = all(abs(a * times - b) <= 1e-6 * b for a, b in ((first.low_mg, dose.low_mg), (first.high_mg, dose.high_mg)))
    return "same" if same else "conflict"


def _times(draft: Draft) -> float | None:
    """How many times the amount is given: the days of a daily course, else a stated number of doses."""
    t, per = draft.timing, draft.dose.per
    daily = t.daily or t.consecutive or per == "day" or (t.every_unit == "d" and t.every_low == t.every_high == 1)
    if daily and t.course_high is not None and t.course_low == t.course_high and not t.course_is_total:
        return t.course_high
    if t.count_high is not None and t.count_low == t.count_high:
        return t.count_high
    return None


def conflict_reason(previous: Draft, dose: DoseMatch) -> Reason:
    return Reason("total_conflict", f"the total '{dose.text.strip()}' is not '{previous.dose.text.strip()}' times "
                  "the days or doses of its regimen")
