"""A course total followed by the ways of giving it: "دوز کل 2 g/kg: یا 1 g/kg/day × 2 روز یا 0.4 g/kg/day × 5 روز",
"总量2 g/kg，可1 g/(kg·d)×2 d或0.4 g/(kg·d)×5 d". Each daily form after it is the total spread over its days (the day's
amount times the days is the total): the total is said by them, a note of each, no regimen of its own. One daily form
restating a total is totals.restated_daily's (read in the daily form); a daily form that does not sum to the total
leaves the total standing (a different regimen, or a conflict the basis rules flag).
"""
from __future__ import annotations

from .records import Draft

__all__ = ["totals_said_by_splits"]


def totals_said_by_splits(drafts: list[Draft]) -> list[Draft]:
    """The drafts less each course total that two or more daily forms after it spread over their days."""
    kept = []
    for i, draft in enumerate(drafts):
        splits = [later for later in drafts[i + 1:] if _spreads(draft, later)]
        if len(splits) < 2:
            kept.append(draft)
            continue
        for split in splits:
            split.notes.append(f"course total stated before it as {draft.dose.text.strip()}")
    return kept


def _spreads(total: Draft, daily: Draft) -> bool:
    """`daily` gives `total`'s amount a day over its days: total = the day's amount times the days."""
    d = daily.timing
    if not _total_alone(total) or daily.dose is None:
        return False
    days, amount = d.course_high, daily.dose.low_mg
    each_day = daily.basis == "per_dose" and (d.daily or daily.dose.per == "day")
    return bool(each_day and days and d.course_low == days and amount and amount == daily.dose.high_mg
                and abs(amount * days - total.dose.low_mg) <= 1e-6 * total.dose.low_mg)


def _total_alone(total: Draft) -> bool:
    """A total of one mass per kg with no days, count or interval of its own (a fixed amount is none)."""
    t = total.timing
    return (total.basis == "total" and total.dose is not None and t.course_high is None and t.count_high is None
            and not t.every_unit and total.dose.low_mg is not None and total.dose.low_mg == total.dose.high_mg)
