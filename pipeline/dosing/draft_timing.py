"""A draft's timing: the words after its amount, completed by those before it, shared by "each of them".

The timing after an amount wins; an interval, a course, a schedule or a count written only before it
is taken from there ("每周使用 0.5 g/kg"); a daily course and an interval split around the amount make a
cycle; a word saying "each of them" gives the last amount's timing to the earlier ones of its sentence,
amounts offered side by side ("or", "versus") share the interval of the last, and a per-kg amount worked
out for a body weight takes the timing of the fixed amount it restates.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Reason
from .pack import pack
from .records import Draft, Timing
from .timing import read_timing
from .totals import weight_restatement
from .windows import _Window, _cuts

__all__ = ["copy_fields", "missing_timing", "share_alternatives", "share_timing", "take_from_before", "times_a_day", "timing_of",
           "timing_said_first", "weighed"]

_INTERVAL = ("every_low", "every_high", "every_unit", "daily", "frequency", "days_a_week", "every_course")
_COURSE = ("course_low", "course_high", "course_is_total", "consecutive", "day_span", "schedule_days")


def timing_of(window: _Window, lang: str, field: bool = False) -> tuple[Timing, int | None]:
    """The timing after the amount; an interval or a course written only before it is read there
    ("每周使用 0.5 g/kg"). Returns where those earlier words start, relative to the lead. `field`: the amount is a
    field's value after its bracketed unit ("دوز (g/kg): ۱"): the word before the bracket names the field, and a
    number right after the colon of the field before is that field's value, no count ("وزن (kg): ۲۰ دوز (g/kg): ۱"
    gives no 20 doses; "دو دوز IVIG (g/kg): ۱" gives two)."""
    timing = read_timing(window.tail, lang)
    before = read_timing(window.timing_lead, lang)
    if field and before.count_high is not None and _FIELD_VALUE.search(window.timing_lead, 0, before.start or 0):
        before = replace(before, count_low=None, count_high=None, count_of_repeats=None)
    if not _no_infusion(before) and not _field_opens(window.timing_lead, lang):
        # hours before the amount with no word of the infusion's time ("طی ۴۸ ساعت دچار ضعف شد و IVIG ..."): not its
        before = replace(before, infusion_low=None, infusion_high=None)
    start = len(window.lead) - len(window.timing_lead) + (before.start or 0)
    _repeat_offered(timing, window.lead, lang)
    _repeat_offered(before, window.lead, lang)
    timing.count_of_repeats = None  # only a repeat written before the amount makes it the repeat (the_repeat)
    return timing, (start if take_from_before(timing, before) else None)


_FIELD_VALUE = re.compile(r"[:\uff1a]\s*$")  # the words before a count end with a field's colon


def the_repeat(timing: Timing, phase: str | None) -> None:
    """An amount that is itself the repeat (its phase read from the words before it: "کاوازاکی مقاوم: تکرار یک‌باره
    ۲ g/kg") repeated N times, the repeat written before it and given, is N doses, not N + 1: no first dose stands in
    its words. Not a repeat written after the amount ("再次入院，IVIG 0.4 g/kg，重复2次": 再次 is "again")."""
    if phase == "repeat" and timing.count_of_repeats is not None and timing.count_high is not None:
        timing.count_low = timing.count_high = timing.count_of_repeats
        timing.count_of_repeats = None


def _repeat_offered(timing: Timing, lead: str, lang: str) -> None:
    """A repeat whose condition of treating again stands before the amount ("در صورت عود، IVIG ۱ g/kg یک‌بار دیگر
    تکرار شود", "如无效，IVIG 1 g/kg 可再重复1次": the pack's `statement.retreatment`): at most N + 1 doses, as when a
    word of possibility follows it (the amount may itself be the repeat). Not any condition: "若血小板<20，予IVIG
    1 g/kg，次日重复1次" decides whether to treat, and gives two doses."""
    if timing.count_of_repeats is not None and _cuts(lang).retreatment.search(lead):
        timing.count_low, timing.count_of_repeats = 1.0, None


def times_a_day(timing: Timing, per: str | None) -> None:
    """"0.4 g/kg/d ×5", "每日0.4 g/kg ×5", "۰٫۴ گرم/کیلوگرم/روز ×۵": a day's amount N times over is a course
    of N consecutive days (the count of doses is kept); not when the words give a course or another interval."""
    if (timing.times and timing.course_high is None and timing.count_high is not None
            and timing.count_low == timing.count_high and (timing.daily or per == "day")
            and timing.every_unit in (None, "d") and timing.every_low in (None, 1.0)):
        timing.course_low = timing.course_high = timing.count_high
        timing.consecutive = True


def take_from_before(timing: Timing, before: Timing) -> bool:
    """Complete the timing after an amount with the words before it; True when any was taken."""
    if _cycle_from_before(timing, before):
        return True
    if timing.course_high is None and before.bare_course:
        _bare_days(timing, before)
    taken = [name for names in _missing(timing, before) for name in names]
    copy_fields(before, timing, taken)
    return bool(taken)


def _missing(timing: Timing, before: Timing) -> list[tuple[str, ...]]:
    """The groups of fields the words before the amount give and those after it lack."""
    has_interval = bool(timing.every_unit or timing.daily)
    # days standing alone before the amount are not its course (_bare_days)
    has_course = timing.course_high is not None or before.bare_course
    return [names for names, missing in ((_INTERVAL, not has_interval and (before.every_unit or before.daily)),
                                         (_COURSE, not has_course and before.course_high is not None),
                                         # ("شروع در روز اول، 400 mg/kg روزانه به مدت 5 روز": a start day, no
                                         # schedule of one dose, when the words after give a course or interval)
                                         (("schedule_days",), not timing.schedule_days and before.schedule_days
                                          and not has_course and not has_interval),
                                         (("count_low", "count_high", "count_of_repeats"),
                                          _count_before(timing, before)),
                                         # "静滴时间≥12 h，IVIG 2 g/kg", "طی ۸ ساعت، ۲ g/kg": the infusion's hours
                                         (("infusion_low", "infusion_high"), _no_infusion(timing) and not _no_infusion(before)))
            if missing]


def _field_opens(lead: str, lang: str) -> bool:
    """The words before an amount open with the infusion's field ("静滴时间≥12 h，IVIG", "انفوزیون طی ۸ ساعت: IVIG"),
    with no word of a history nor another drug among them ("上次输注时间2小时", "利妥昔单抗输注时间4小时")."""
    infusion_field, _, history, _, _ = _fields(lang)
    return (bool(infusion_field.match(lead.lstrip(" \t\u2022\u00b7-*:\uff1a"))) and not history.search(lead)
            and not pack(lang).other_drugs.search(lead))


def _no_infusion(timing: Timing) -> bool:
    return timing.infusion_low is None and timing.infusion_high is None


def _count_before(timing: Timing, before: Timing) -> bool:
    """"دو دوز 1 g/kg به فاصله ...": the count before the amount is its (one dose before it is the pack's
    single_before, read with the amount's own words); not beside an interval before it, unless counted in all
    ("每週，2次，每次200 mg/kg" may be twice a week; "每3周1次，共3次" is three doses)."""
    return (timing.count_high is None and before.count_high is not None and before.count_high != 1.0
            and (before.count_in or not (before.every_unit or before.daily))
            # "两次IVIG，每次0.4 g/kg/d×5d": two courses, not two doses (unless the days are as many as the doses)
            and ((timing.course_high is None and not timing.daily) or before.count_high == timing.course_high))


def _bare_days(timing: Timing, before: Timing) -> None:
    """"نوزاد، 5 روز، 1 g/kg روزانه", "新生儿，5天，1 g/kg/d": days standing alone between commas before the amount
    may be an age or the course: not read as the course, flagged with their words."""
    words = before.courses[0].strip() if before.courses else "days"
    timing.problems.append(Reason("course_ambiguous", f"'{words}' before the amount may be an age or the course: "
                                                      "not read as the course"))


def _cycle_from_before(timing: Timing, before: Timing) -> bool:
    """A daily course and an interval split around the amount: the interval repeats the course."""
    has_interval = bool(timing.every_unit or timing.daily)
    if before.daily and not timing.daily and has_interval:  # "每日0.4 g/kg，连续5天，每月重复": daily, cycled
        timing.daily = True
        return True
    if timing.daily and timing.course_high is not None and before.every_unit and not timing.every_unit:
        # "هر 4 هفته، 1 گرم بر کیلوگرم روزانه به مدت 2 روز": the course repeats at the interval before it
        copy_fields(before, timing, ["every_low", "every_high", "every_unit"])
        return True
    return False


def copy_fields(source: Timing, target: Timing, names: list[str]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))
    if names:
        target.courses += source.courses
        target.problems += source.problems


def share_timing(drafts: list[Draft], made: list[Draft], window: _Window, sentence_start: int, lang: str) -> None:
    """"儿童每次0.4 g/kg，成人每次0.4～0.6 g/kg，均每月1次": a word saying "each of them" before the timing
    of the last amount gives that timing to every earlier amount of the sentence that has none of its own."""
    shared = _cuts(lang).shared
    if not made or shared is None or not (m := shared.match(window.tail)):
        return
    source = made[0].timing
    for draft in [d for d in drafts if d.dose and d.dose.start >= sentence_start]:
        if names := missing_timing(source, draft.timing):
            copy_fields(source, draft.timing, names)
            draft.notes.append(f"timing shared by the amounts before it: '{window.tail[m.start():].strip()}'")


def share_alternatives(text: str, drafts: list[Draft], made: list[Draft], lang: str) -> None:
    """"IVIG 1 g/kg یا 2 g/kg هر 4 هفته", "0.5 vs 1 vs 2 g/kg | q3w": amounts joined to the next by nothing but
    an "or" or a "versus" (the pack's `statement.alternatives_between`) are offered alike: each that has no
    timing of its own takes the next one's interval. Only an interval of weeks or months: a course or a daily
    word is not shared ("2 g/kg یا 0.4 g/kg روزانه 5 روز": one dose, or five daily ones)."""
    between = _cuts(lang).alternatives_between
    if not made or between is None or not made[0].dose:
        return
    source, after = made[0].timing, made[0].dose
    if source.every_unit not in ("wk", "mo") or source.daily:
        return
    for draft in reversed(drafts):
        if not draft.dose or draft.dose.per != after.per or not between.fullmatch(text, draft.dose.end, after.start) \
                or not _untimed(draft.timing):
            return
        copy_fields(source, draft.timing, list(_INTERVAL))
        draft.notes.append(f"interval shared with the amount offered beside it: '{after.text.strip()}'")
        after = draft.dose


def _untimed(t: Timing) -> bool:
    """No interval, course, count or day of its own."""
    return not (t.every_unit or t.daily or t.course_high is not None or t.count_high is not None or t.single
                or t.schedule_days or t.days_a_week)


def weighed(text: str, previous: Draft, made: list[Draft], lang: str) -> None:
    """"10 g qd×3d（体重50 kg，约0.2 g/kg/d）": the per-kg amount worked out for a body weight is the fixed
    amount's regimen: it takes the timing it lacks; one the weight does not make is flagged (its timing
    may be the fixed amount's)."""
    verdict = weight_restatement(text, previous, made, lang)
    for draft in made if verdict else ():
        if verdict == "conflict":
            draft.problems.append(Reason("weight_unchecked", f"'{draft.dose.text.strip()}' in brackets after "
                                         f"'{previous.dose.text.strip()}' is not that amount for the weight "
                                         "written beside it; the timing before the bracket may be its"))
        elif names := missing_timing(previous.timing, draft.timing):
            copy_fields(previous.timing, draft.timing, names)
            draft.notes.append(f"restates '{previous.dose.text.strip()}' for a body weight; its timing")


def missing_timing(source: Timing, t: Timing) -> list[str]:
    """The interval and course fields `source` has and `t` lacks."""
    interval = (source.every_unit or source.daily) and not (t.every_unit or t.daily)
    return [*(_INTERVAL if interval else ()), *(_COURSE if source.course_high and t.course_high is None else ())]


_PREFACE_SENTENCES = re.compile(r"[.;!?\u061b\u061f\u3002\uff1b\uff01\uff1f\n]")


def _fields(lang: str) -> tuple[re.Pattern, ...]:
    """The words of a field naming the infusion's time, of one counting the doses, and of a patient's history (the
    pack's `statement.infusion_field`, `count_field`, `history_words`): hours or a count before the amount are its
    only beside the first two, never beside the third."""
    cuts = _cuts(lang)
    return cuts.infusion_field, cuts.count_field, cuts.history_words, cuts.course_field, cuts.interval_field


def _fields_said(preface: str, drafts: list[Draft], lang: str) -> Timing | None:
    """The timing of the preface's fields: the infusion's hours beside the words of its field, the count beside
    those of its own; None when no field is there or another drug is named (a history, not a form's fields:
    "علائم طی ۲۴ ساعت پیشرفت کرد.", "血浆置换共3次。")."""
    if not preface.strip() or not drafts or pack(lang).other_drugs.search(preface):
        return None
    infusion_field, count_field, history, course_field, interval_field = _fields(lang)
    if history.search(preface):
        return None
    # a field opens its sentence ("مدت انفوزیون ۶ تا ۸ ساعت.", "输注时间：≥8小时；"), not "上次输注时间2小时"
    opened = [s.strip(" \t•·-*:") for s in _PREFACE_SENTENCES.split(preface)]
    fields = [any(field.match(s) for s in opened) for field in (infusion_field, count_field, course_field, interval_field)]
    if not any(fields):
        return None
    return _only_fields(read_timing(preface, lang), *fields)


def _only_fields(said: Timing, infusion: bool, count: bool, course: bool, interval: bool) -> Timing:
    """The timing read in the preface, less what no field of it names."""
    said = said if infusion else replace(said, infusion_low=None, infusion_high=None)
    said = said if course else replace(said, course_low=None, course_high=None)
    said = said if interval else replace(said, every_low=None, every_high=None, every_unit=None)
    return said if count else replace(said, count_low=None, count_high=None)


def timing_said_first(preface: str, drafts: list[Draft], lang: str) -> None:
    """"مدت انفوزیون 6 تا 8 ساعت. تعداد دفعات: 1. IVIG 1 g/kg", "输注时间：≥8小时；IVIG 2 g/kg 一次": form fields in
    the sentences before the first amount (`preface`, which holds no amount) give the infusion's hours of every
    amount that gives none, and, for a statement of one amount, its number of doses, its course and its interval
    (the pack's `statement.course_field`, `interval_field`: "疗程：5天；剂量：0.4 g/kg/d"); not when the preface names
    another drug ("利妥昔单抗每周1次，共4次；IVIG 2 g/kg每月一次": its doses are rituximab's)."""
    said = _fields_said(preface, drafts, lang)
    if said is None:
        return
    for draft in drafts:
        t = draft.timing
        if draft.dose is None:
            continue
        if t.infusion_low is None and t.infusion_high is None:  # the fields alone: the preface's doubts are not the amount's
            t.infusion_low, t.infusion_high = said.infusion_low, said.infusion_high
        if len(drafts) == 1 and t.count_high is None and said.count_high is not None and said.count_low == said.count_high:
            t.count_low, t.count_high, t.single = said.count_low, said.count_high, said.single
        if len(drafts) == 1:  # "疗程：5天；剂量：0.4 g/kg/d", "给药间隔：4周；剂量：0.4 g/kg": the one amount's course, interval
            _course_and_interval_said(t, said)


def _course_and_interval_said(t: Timing, said: Timing) -> None:
    """A course or an interval field before the one amount of a statement is its own, where its words say none."""
    if t.course_high is None and said.course_high is not None:
        t.course_low, t.course_high = said.course_low, said.course_high
    if t.every_unit is None and not t.daily and said.every_unit is not None:
        t.every_low, t.every_high, t.every_unit = said.every_low, said.every_high, said.every_unit
