"""Is a regimen a course total or an amount per administration, and could IVIg ever be given so?

Neither question is answered by guessing: an ambiguous basis stays empty and a value outside what
IVIg is given at stays as written; both become review reasons.
"""
from __future__ import annotations

import re
from functools import partial
from operator import attrgetter, lt
from typing import TYPE_CHECKING

from ..gate import for_text
from ..records import Reason
from .vocab import vocab

if TYPE_CHECKING:
    from .records import Draft

def _g(mg: float) -> str:
    return f"{mg / 1000:g} g/kg"


def _says_total(draft: Draft, text: str, v, per_course: bool) -> tuple[bool, bool]:
    """(strong, weak): the words make the amount a course total. Strong: said per course (`per_course`,
    _per_course's answer: "/دوره") or a total word ("دوز تجمعی", "总剂量", "... در مجموع", "分2次"); weak:
    only a course phrase ("طی 2-5 روز", "در 2 روز"), which a daily word outweighs ("1 گرم بر کیلوگرم
    روزانه در 2 روز" is each day)."""
    dose = draft.dose
    # its own words, none before where its lead may start (a daily form restating a total: the total's are not)
    near = (_own_clause(text[max(0, dose.start - 30, draft.lead_start):dose.start], v) + " "
            + text[max(draft.span[0], draft.lead_start):draft.span[1]])
    after = text[dose.end:dose.end + 30]  # the words right after it (the patterns are anchored there)
    strong = (per_course or bool(for_text(v.basis_total, near).search(near))
              or bool(v.basis_total_after and for_text(v.basis_total_after, after).search(after)))
    # "divided" with no count ("2 g/kg به صورت منقسم", "分次给予"): a total, unless the amount is said each day's or
    # each dose's ("每日0.4 g/kg，分次静滴": the day's amount given in parts)
    divided = bool(v.basis_divided_after and for_text(v.basis_divided_after, after).search(after))
    each = dose.per in ("day", "dose") or draft.timing.daily or bool(for_text(v.basis_per_dose, near).search(near))
    # (not over days said apart from it: "0.4 g/kg，分次给予，连用5天" is a day's or a course's? basis_assumed)
    return strong, draft.timing.course_is_total or (divided and not each and draft.timing.course_high is None)


def _per_course(draft: Draft, text: str, v) -> bool:
    """The amount is said per course or cycle: in its unit ("/دوره", "/疗程"), or in words right after it
    ("در هر دوره", "每疗程") or right before it ("هر دوره 2 g/kg", "每个疗程2 g/kg")."""
    dose = draft.dose
    if dose.per == "course":
        return True
    lead, after = text[max(0, draft.lead_start, dose.start - 30):dose.start], text[dose.end:dose.end + 30]
    return any(p is not None and for_text(p, t).search(t)
               for p, t in ((v.per_course_before, lead), (v.per_course_after, after)))


_CELL_MARKS = ("|", "\u2016")
_DIGIT = re.compile(r"\d")


def _own_clause(lead: str, v) -> str:
    """The words before an amount since its clause began: "总剂量2g/kg，分2～5天给予；之后每3周给予1g/kg"
    gives the second amount no total word (a basis word belongs to its own clause)."""
    # a cell's bar ends a clause, but for the label cell right before the amount's ("دوز کل IVIG | 2 g/kg | 2 تا 5
    # روز": its words are the amount's; "شروع: 2 g/kg منقسم | نگهدارنده: 1 g/kg", "دوز کل | دوز نگهدارنده | 1 g/kg":
    # a cell with a number, or another cell, between)
    found = list(for_text(v.clause_cut, lead).finditer(lead))
    if found and found[-1].group().strip() in _CELL_MARKS:
        label = lead[found[-2].end() if len(found) > 1 else 0:found[-1].start()]
        if not _DIGIT.search(label):
            found.pop()
    return lead[found[-1].end():] if found else lead


def _says_each(draft: Draft, v) -> bool:
    """The words give the amount per administration: per day, per dose, per week or month, on named
    days or a span of days, or at an interval between doses ("every week for 3 months")."""
    dose, t = draft.dose, draft.timing
    return (dose.per in ("day", "dose", "wk", "mo") or t.daily or bool(v.basis_per_dose.search(draft.text))
            or bool(t.schedule_days) or t.day_span or bool(t.every_unit and not t.is_cycle()))


def basis_of(draft: Draft, text: str, lang: str = "fa") -> tuple[str | None, list[Reason]]:
    """per_dose, total or None (with the reason it could not be told) for a drafted regimen."""
    dose = draft.dose
    if dose is None:
        return None, []
    v = vocab(lang)
    per_course = _per_course(draft, text, v)  # asked once: both the total words and the conflict use it
    strong, weak = _says_total(draft, text, v, per_course)
    if conflict := _conflict(draft, strong or weak, per_course):
        return None, [conflict]
    if strong or (weak and not draft.timing.daily):
        return "total", []
    if _course_days_unsaid(draft):
        return None, [Reason("basis_ambiguous", f"'{draft.text}' gives {dose.text} for a course every "
                             f"{draft.timing.every_high:g} {draft.timing.every_unit}, its days not given")]
    if _says_each(draft, v):
        return "per_dose", []
    if draft.timing.consecutive and (draft.timing.course_high or 0) > 1:
        return "per_dose", _consecutive_doubt(draft, text, v)
    unsaid = _unsaid_over(draft)
    return (None, [Reason("basis_ambiguous", f"'{draft.text}' gives {dose.text} {unsaid} or in total")]
            ) if unsaid else ("per_dose", [])


def _unsaid_over(draft: Draft) -> str | None:
    """What an amount is given over when the words say neither each one's nor in total: several days ("400
    mg/kg for 5 days"), or several doses ("2 g/kg در 2 دوز": the count written as "in N doses")."""
    t = draft.timing
    if (t.course_high or 0) > 1:
        return "for several days without saying per day"
    return "in several doses without saying each dose's" if t.count_in and (t.count_high or 0) > 1 else None


def _course_days_unsaid(draft: Draft) -> bool:
    """"400 mg/kg，每4周1个疗程": one course (of days not given) every 4 weeks: each day's or the course's?"""
    t = draft.timing
    return (t.every_course and t.course_high is None and t.every_high is not None and not t.daily
            and draft.dose.per not in ("day", "dose") and not t.schedule_days and not t.day_span)


def _conflict(draft: Draft, total: bool, per_course: bool) -> Reason | None:
    """Words that say both a day's amount and a total: "2 g/kg/day ... in total"; "هر دوره 400 mg/kg روزانه
    ...", "每个疗程0.4 g/kg，每日1次": a day's or the course's? ("2 g/kg, divided in 2, once a day" is no
    conflict: "once a day" says when the parts are given)"""
    if total and draft.dose.per == "day":
        return Reason("basis_conflict", f"'{draft.text}' says both per day and in total")
    if draft.timing.daily and per_course:
        return Reason("basis_conflict", f"'{draft.text}' says both daily and per course")
    return None


def _consecutive_doubt(draft: Draft, text: str, v) -> list[Reason]:
    """An amount on consecutive days ("1 g/kg، دو روز متوالی", "0.4 g/kg，连用5天") is read as each day's, as
    clinicians write it; unless a per-dose word stands before it ("每次"), the words do not say so, and a
    curator confirms it."""
    dose = draft.dose
    own = _own_clause(text[max(0, dose.start - 30, draft.lead_start):dose.start], v)
    if for_text(v.basis_per_dose, own).search(own):
        return []
    return [Reason("basis_assumed", f"'{draft.text}' gives {dose.text} on consecutive days without saying per day "
                   "or in total: read as each day's")]


def _is_daily(draft: Draft) -> bool:
    """A dose given every day: per day, daily, or per dose over a course with no interval between doses."""
    dose, timing = draft.dose, draft.timing
    # doses a week apart are not daily doses, nor an amount per week or month ("1 g/kg/month, 3 months")
    spaced = (timing.every_unit and not timing.is_cycle()) or dose.per in ("wk", "mo")
    # a total given a part each day ("总量2 g/kg，分5次，每天1次") is no day's amount: its course is checked
    return bool(dose.per == "day" or ((timing.daily or timing.once_a_day()) and draft.basis != "total")
                or (draft.basis == "per_dose" and timing.course_high and not spaced))



def _daily_doubts(draft: Draft, most_day: float, most_course: float) -> list[Reason]:
    """A daily dose above what IVIg is given in a day, or a daily course above a course."""
    dose, timing = draft.dose, draft.timing
    problems = []
    if dose.low_mg > most_day:
        problems.append(Reason("implausible_dose", f"{dose.text} a day is more than {_g(most_day)} in one day"))
    days = timing.course_low or (1 if timing.course_high else None) or _daily_doses(draft)
    if days and dose.low_mg * days > most_course:
        problems.append(Reason("implausible_course", f"{dose.text} a day for {days:g} days is {_g(dose.low_mg * days)}, "
                               f"more than {_g(most_course)} in one course"))
    return problems


def _daily_doses(draft: Draft) -> float | None:
    """The days a daily course given as a count of doses lasts ("2 g/kg در 5 دوز روزانه": 5 doses a day
    apart), None when the count is not of daily doses (parts of a divided amount, doses weeks apart)."""
    timing = draft.timing
    if not timing.count_low or timing.count_divided:
        return None
    return timing.count_low if draft.dose.per == "day" or timing.daily or timing.once_a_day() else None


def _amount_doubts(draft: Draft, limits: dict) -> list[Reason]:
    """An amount outside what IVIg is ever given at, in one administration, one day or one course."""
    dose = draft.dose
    if dose.low_mg is None:
        return []
    problems = []
    daily = _is_daily(draft)
    most_course, most_day = limits["max_course_mg_per_kg"], limits["max_per_day_mg_per_kg"]
    if dose.high_mg > most_course:  # a course total above it is an implausible course, any other amount a dose
        code = "implausible_course" if draft.basis == "total" else "implausible_dose"
        problems.append(Reason(code, f"{dose.text} is more than {_g(most_course)}, more than IVIg is given in one course"))
    if daily:
        problems += _daily_doubts(draft, most_day, most_course)
    elif draft.basis != "total" and most_day < dose.low_mg and dose.high_mg <= most_course:
        problems.append(Reason("implausible_dose", f"{dose.text} in one administration is more than {_g(most_day)}"))
    if dose.low_mg < limits["min_dose_mg_per_kg"]:
        problems.append(Reason("implausible_dose", f"{dose.text} is below any IVIg dose"))
    return problems


_POSITIVE = partial(lt, 0)  # x > 0; False for NaN too
_TIMING_FIELDS = tuple((f"{name}_low", f"{name}_high", f"{name}_unit", words) for name, words in (
    ("course", "a course of {} days"), ("every", "every {} {}"), ("count", "{} doses"),
    ("infusion", "an infusion of {} hours"), ("duration", "a treatment of {} {}"),
    ("repeat_after", "a repeat after {} {}")))


# every value _timing_doubts looks at, fetched in one call
_TIMING_VALUES = attrgetter(*(name for low, high, _, _ in _TIMING_FIELDS for name in (low, high)), "frequency")


def _timing_doubts(timing) -> list[Reason]:
    """A zero or negative interval, course, count, infusion time or frequency: no schedule anyone gives
    ("every 0 weeks", "for 0 days" is a slip of the pen or a misreading), so a curator must look."""
    if all(map(_POSITIVE, [v for v in _TIMING_VALUES(timing) if v is not None])):
        return []  # every value read is above zero (most timings): one test in C, not one per field
    problems = []
    for low, high, unit, words in _TIMING_FIELDS:
        values = (getattr(timing, low, None), getattr(timing, high, None))
        if values == (None, None):  # most fields of most timings are not read
            continue
        bad = next((v for v in values if v is not None and not v > 0), None)  # "not > 0" also catches NaN
        if bad is not None:
            written = getattr(timing, unit, None) or ""
            problems.append(Reason("implausible_timing", words.format(f"{bad:g}", written).strip()
                                   + " is no schedule: zero or less"))
    if timing.frequency is not None and not timing.frequency > 0:
        problems.append(Reason("implausible_timing", f"{timing.frequency:g} times per interval is no schedule"))
    return problems


def check(draft: Draft, lang: str = "fa") -> list[Reason]:
    """Review reasons for a drafted regimen: implausible values and unreadable or doubtful words."""
    problems: list[Reason] = []
    if draft.dose is not None:
        problems += list(draft.dose.problems) + _amount_doubts(draft, vocab(lang).plausible)
    problems += draft.timing.problems + _timing_doubts(draft.timing) + _range_of_day_and_course(draft)
    problems += _cycle_times(draft) + _cycle_days_unsaid(draft)
    problems += _hours_apart(draft.timing, vocab(lang).plausible) if draft.dose else []
    if len(set(draft.timing.courses)) > 1:
        problems.append(Reason("several_courses", "; ".join(f"'{c}'" for c in draft.timing.courses)
                               + " (one regimen, several course lengths)"))
    return problems


def _hours_apart(timing, plausible: dict) -> list[Reason]:
    """"50 mg/kg q8h": doses a few hours apart with no end are no IVIg schedule (an antibiotic's, most often, whose
    name the packs do not know): flagged with the interval (the pack's `plausible.min_every_hours`). A counted few
    or a course of a day or two ("1 g/kg，分2次，间隔12小时", "هر ۱۲ ساعت ... برای ۴ نوبت", "q12h × 2d") are a schedule;
    "q12h×5d" is not."""
    least = plausible.get("min_every_hours")
    if (least is None or timing.every_unit != "h" or timing.every_low is None or timing.every_low >= least
            or timing.count_high is not None or (timing.course_high is not None and timing.course_high <= 2)):
        return []
    return [Reason("implausible_timing", f"every {timing.every_low:g} h is no IVIg schedule (doses at least "
                                         f"{least:g} h apart)")]


def _cycle_times(draft: Draft) -> list[Reason]:
    """"0.4 g/kg/d ×5 d，每月2次": a daily course repeated N times a period: the regimen's columns hold the days'
    interval and the cycle's period, not the cycle's times (N is not the doses a day): flagged with the words."""
    t, per = draft.timing, draft.dose.per if draft.dose is not None else None
    if (t.frequency in (None, 1.0) or t.days_a_week or t.every_unit in (None, "d", "h")
            or not (t.daily or per == "day" or t.day_span)):
        return []
    return [Reason("timing_unread", f"a daily course {t.frequency:g} times every {t.every_high or 1:g} {t.every_unit}: "
                                    "the cycle's times are not kept")]


def _cycle_days_unsaid(draft: Draft) -> list[Reason]:
    """"400 mg/kg/day هر ۴ هفته", "400 mg/kg 每日，每4周": a day's amount repeated every weeks or months, and no days
    of each course written (no course, count or days): one day's dose each time, or a course of days? The regimen
    would say daily with no end, the cycle beside it: flagged with the words."""
    t, per = draft.timing, draft.dose.per if draft.dose is not None else None
    if (draft.dose is None or not (t.daily or per == "day") or t.every_unit not in ("wk", "mo")
            or t.course_high is not None or t.count_high is not None or t.schedule_days or t.day_span
            or t.days_a_week):
        return []
    return [Reason("course_unstated", f"'{draft.text}': a day's amount repeated every "
                                      f"{t.every_high or 1:g} {t.every_unit}, and no days of each course")]


def _range_of_day_and_course(draft: Draft) -> list[Reason]:
    """"0.4 تا 2 g/kg طی 5 روز": a range whose high end is its low end times the course's days joins a day's
    dose and the course total of one regimen; which the amount is cannot be told from the range. Over two
    days ("1-2 g/kg طی 2 روز") a range of totals is what clinicians write, and both readings give the same."""
    dose, days = draft.dose, draft.timing.course_high
    if dose is None or not (dose.low_mg and dose.high_mg and days and days > 2) or draft.timing.course_low != days:
        return []
    if abs(dose.low_mg * days - dose.high_mg) > 1e-6 * dose.high_mg:
        return []
    return [Reason("basis_ambiguous", f"'{dose.text}' over {days:g} days: {dose.text.strip()} may join each day's dose "
                   "and the course total")]
