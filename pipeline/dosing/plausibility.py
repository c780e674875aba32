"""Is a regimen a course total or an amount per administration, and could IVIg ever be given so?

Neither question is answered by guessing: an ambiguous basis stays empty and a value outside what
IVIg is given at stays as written; both become review reasons.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .vocab import vocab

if TYPE_CHECKING:
    from .records import Draft

def _g(mg: float) -> str:
    return f"{mg / 1000:g} g/kg"


def basis_of(draft: Draft, text: str, lang: str = "fa") -> tuple[str | None, list[str]]:
    """per_dose, total or None (with the reason it could not be told) for a drafted regimen."""
    dose = draft.dose
    if dose is None:
        return None, []
    v = vocab(lang)
    near = text[max(0, dose.start - 30):dose.start] + " " + draft.text
    after = text[dose.end:dose.end + 20]
    total = (draft.timing.course_is_total or dose.per == "course" or bool(v.basis_total.search(near))
             or bool(v.basis_total_after and v.basis_total_after.search(after)))
    per_day = dose.per == "day" or draft.timing.daily
    each = dose.per == "dose" or bool(v.basis_per_dose.search(draft.text)) or bool(draft.timing.schedule_days)
    if total and per_day:
        return None, [f"basis_conflict: '{draft.text}' says both per day and in total"]
    if total:
        return "total", []
    # an interval between doses ("every week for 3 months") makes each amount one administration
    interval = draft.timing.every_unit and not draft.timing.is_cycle()
    if per_day or each or draft.timing.consecutive or interval:
        return "per_dose", []
    if (draft.timing.course_high or 0) > 1:
        return None, [f"basis_ambiguous: '{draft.text}' gives {dose.text} for several days without saying "
                      "per day or in total"]
    return "per_dose", []


def check(draft: Draft, lang: str = "fa") -> list[str]:
    """Review reasons for a drafted regimen: implausible values and unreadable or doubtful words."""
    problems: list[str] = []
    dose, timing = draft.dose, draft.timing
    if dose is not None:
        problems += list(dose.problems)
        limits = vocab(lang).plausible
        if dose.high_mg is not None and dose.high_mg > limits["max_course_mg_per_kg"]:
            problems.append(f"implausible_dose: {dose.text} is more than {_g(limits['max_course_mg_per_kg'])}, "
                            "more than IVIg is given in one course")
        spaced = timing.every_unit and not timing.is_cycle()  # doses a week apart are not daily doses
        daily = dose.per == "day" or timing.daily or (draft.basis == "per_dose" and timing.course_high and not spaced)
        if daily and dose.low_mg is not None and dose.low_mg > limits["max_per_day_mg_per_kg"]:
            problems.append(f"implausible_dose: {dose.text} a day is more than "
                            f"{_g(limits['max_per_day_mg_per_kg'])} in one day")
        days = timing.course_low or (1 if timing.course_high else None)
        if daily and days and dose.low_mg and dose.low_mg * days > limits["max_course_mg_per_kg"]:
            problems.append(f"implausible_course: {dose.text} a day for {days:g} days is {_g(dose.low_mg * days)}, "
                            f"more than {_g(limits['max_course_mg_per_kg'])} in one course")
        once = not daily and draft.basis != "total" and dose.low_mg is not None
        if once and dose.low_mg > limits["max_per_day_mg_per_kg"] and dose.high_mg <= limits["max_course_mg_per_kg"]:
            problems.append(f"implausible_dose: {dose.text} in one administration is more than "
                            f"{_g(limits['max_per_day_mg_per_kg'])}")
        if dose.low_mg is not None and dose.low_mg < limits["min_dose_mg_per_kg"]:
            problems.append(f"implausible_dose: {dose.text} is below any IVIg dose")
    problems += timing.problems
    if len(set(timing.courses)) > 1:
        problems.append("several_courses: " + "; ".join(f"'{c}'" for c in timing.courses)
                        + " (one regimen, several course lengths)")
    return problems
