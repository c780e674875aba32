"""SourceRow -> Regimen records: every dose statement of every cell, with the row's evidence.

The circular puts doses in its dosing cells, but also in conditions and recommendations; all three
are read. The same regimen stated twice in one row (the sepsis row repeats its neonatal dose) is one
regimen. A regimen keeps the words it was read from and where they stand (row, field, span).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import cache

from ..records import Regimen, SourceRow, make_from
from .cues import populations_in
from .drafts import statement_to_drafts
from .pack import scanned
from .records import Draft
from .vocab import vocab

DOSE_FIELDS = ("dosing", "conditions", "recommendations")
_CONTRACT_VALUES = ("dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_basis", "course_days_low",
                    "course_days_high", "every_low", "every_high", "every_unit", "doses_count_low",
                    "doses_count_high", "infusion_hours_low", "infusion_hours_high", "max_total_mg_per_kg",
                    "phase", "population")
_EVIDENCE_ORDER = ("not_proven", "not_routine", "limited")


@cache
def _evidence(lang: str) -> tuple[tuple[str, tuple[re.Pattern, ...]], ...]:
    """The pack's evidence wordings by level, the most cautious first. Searched along every statement read:
    the Persian ones start with a look-behind and an alternation of words, tried in full at every position,
    so each goes behind the lookahead of its first characters (pack.scanned, exact)."""
    wordings = vocab(lang).evidence
    return tuple((level, tuple(scanned(p.pattern, p.flags) for name, p in wordings if name == level))
                 for level in _EVIDENCE_ORDER)


def evidence_of(texts: list[str], lang: str = "fa") -> str:
    """The row's evidence wording; the most cautious found wins, else recommended."""
    for level, patterns in _evidence(lang):
        for pattern in patterns:
            for text in texts:
                if pattern.search(text):
                    return level
    return "recommended"


def regimen_key(regimen: Regimen) -> tuple:
    """What makes two regimens the same regimen (the values, not the words or the row)."""
    return tuple(getattr(regimen, name) for name in _CONTRACT_VALUES)


def _intervals(draft: Draft) -> tuple[tuple, tuple]:
    """(every, cycle) of a draft: a daily course repeated every N goes to the cycle."""
    t, dose = draft.timing, draft.dose
    per = dose.per if dose is not None else None
    every = (t.every_low, t.every_high, t.every_unit)
    if per in ("wk", "mo") and not t.every_unit:  # "1 g/kg/هفته", "400 mg/kg/month"
        every = (1.0, 1.0, per)
    # "400 mg/kg برای 3 تا 5 روز متوالی", "连用5天": a dose per administration on each of consecutive days
    # (no other interval). A total spread over them keeps no interval: its amount is no day's amount.
    each_day = t.consecutive and every[2] is None and t.course_unit == "d" and draft.basis == "per_dose"
    if _days_a_week(t) or _day_unit_every_few_days(t, per):
        return every, (None, None, None)
    if each_day or _daily(t, per):
        repeated = t.every_unit and (t.every_unit, t.every_low) != ("d", 1.0)
        return (1.0, 1.0, "d"), (every if repeated else (None, None, None))
    if t.is_cycle() or _between_courses(draft, every[2]):
        return _total_recurs(draft, every), every
    return every, (None, None, None)


def _day_unit_every_few_days(t, per: str | None) -> bool:
    """"400 mg/kg/روز هر دو روز یک بار", "0.4 g/kg/d，隔日1次": the day is only the unit's (no daily word, no course or
    days), and the doses stand two or three days apart: every other day, not daily in cycles of two days."""
    return (per == "day" and not t.daily and not t.day_span and t.course_high is None and t.every_unit == "d"
            and t.every_low is not None and 2 <= t.every_low <= (t.every_high or t.every_low) <= 3)


def _daily(t, per: str | None) -> bool:
    return bool(t.daily or per == "day" or t.day_span)


def _days_a_week(t) -> bool:
    """"روزانه، 5 روز در هفته": N days a week are N doses a week (a daily word names the days, not a daily
    interval the N times would multiply); only a count of days does (not "روزانه ... هفته‌ای دو بار")."""
    return t.days_a_week and t.frequency not in (None, 1.0) and t.every_unit not in (None, "d", "h")


def _total_recurs(draft: Draft, every: tuple) -> tuple:
    """A course total recurs whole: the interval between its courses is also the one between its amounts
    (every_*, the cycle kept too); a daily course's repeat is its cycle only."""
    return every if draft.basis == "total" else (None, None, None)


def _between_courses(draft: Draft, unit: str | None) -> bool:
    """"2 g/kg/疗程，q4w", "2 g/kg در هر سیکل ماهانه": a course total's interval is the one between its courses
    (not when it is divided into doses: "2 g/kg，分4次输注，每6小时1次" spaces the doses)."""
    return draft.basis == "total" and unit not in (None, "h") and draft.timing.count_high is None


def draft_to_regimen(draft: Draft, doc_id: str, row_ids: tuple[str, ...], field: str,
                     evidence: str | None) -> Regimen:
    """A drafted regimen -> a Regimen record."""
    t, dose = draft.timing, draft.dose
    every, cycle = _intervals(draft)
    count = _count(t, dose is not None and dose.per == "day")
    typical = draft.typical or (None, None)
    # the amount in mg/kg, or in its own unit when it is not per kg (no dose: the columns stay null)
    low_mg, high_mg, as_written, low, high, unit = ((dose.low_mg, dose.high_mg, dose.text, dose.low, dose.high,
                                                     dose.unit if dose.unit != "mg/kg" else None)
                                                    if dose is not None else (None,) * 6)
    # one dict display handed to make_from, not fifty keywords gathered into a dict again by make(**...);
    # a name written twice in it would be a duplicate key (linters refuse it), an unknown one make_from refuses
    return make_from(Regimen, {
        "doc_id": doc_id, "row_ids": row_ids, "source_field": field, "source_text": draft.text, "span": draft.span,
        "dose_basis": draft.basis, "course_days_low": t.course_low, "course_days_high": t.course_high,
        "every_low": every[0], "every_high": every[1], "every_unit": every[2],
        "frequency": ((t.frequency or 1.0) if every[2] == t.every_unit else 1.0) if every[2] else None,
        "doses_count_low": count[0], "doses_count_high": count[1],
        "infusion_hours_low": t.infusion_low, "infusion_hours_high": t.infusion_high,
        "phase": draft.phase, "population": draft.population, "evidence": evidence,
        "review_reasons": tuple(draft.problems),
        "cycle_every_low": cycle[0], "cycle_every_high": cycle[1], "cycle_every_unit": cycle[2],
        "dose_low_mg_per_kg": low_mg, "dose_high_mg_per_kg": high_mg, "dose_as_written": as_written,
        "dose_low": low, "dose_high": high, "dose_unit": unit,
        # what the contract's columns cannot hold: typical amounts, caps, duration, the repeat, notes
        "typical_low_mg_per_kg": typical[0], "typical_high_mg_per_kg": typical[1],
        "max_total_mg_per_kg": draft.max_total_high, "max_total_low_mg_per_kg": draft.max_total_low,
        "max_dose": draft.max_dose[0] if draft.max_dose else None,
        "max_dose_unit": draft.max_dose[1] if draft.max_dose else None,
        "duration_low": t.duration_low, "duration_high": t.duration_high, "duration_unit": t.duration_unit,
        "schedule_days": t.schedule_days, "notes": tuple(draft.notes + t.preferred + _repeat_note(t)),
        "condition": draft.condition, "repeat_after_low": t.repeat_after_low,
        "repeat_after_high": t.repeat_after_high, "repeat_after_unit": t.repeat_after_unit})


def _count(t, per_day: bool = False) -> tuple[float | None, float | None]:
    """The number of doses: as written, from a schedule of days, or one dose that may be repeated once.
    per_day: the amount's unit is a day's ("0.4 g/kg/d")."""
    if _one_each_time(t, per_day):
        return None, None
    if t.count_high is not None and not (t.count_divided and t.daily):  # "每日…分2次": doses a day, not in all
        return t.count_low, t.count_high
    if t.schedule_days:
        return float(len(t.schedule_days)), float(len(t.schedule_days))
    return _repeated_count(t)


def _one_each_time(t, per_day: bool = False) -> bool:
    """A single-dose word that counts one dose each time, not one in all: one infusion a day ("روزانه در یک
    انفوزیون به مدت 5 روز", "每日0.4 g/kg，单次输注，连用5天", "0.4 g/kg/d，一次输注，共5天": the unit a day's), or one
    at each interval ("1 g/kg، هر 4 هفته، یک بار")."""
    if not t.single:
        return False
    if t.course_high is not None and t.course_high > 1 and not t.course_is_total and (t.daily or t.consecutive or per_day):
        return True
    return bool(t.every_unit) and t.count_high == 1.0 and not t.is_cycle()


def _repeated_count(t) -> tuple[float | None, float | None]:
    """One dose repeated after a wait: N + 1 doses when the repeats are given, 1-2 when one is offered."""
    if t.repeat_after_unit and t.repeat_times is not None and t.course_high is None and not t.daily:
        return t.repeat_times + 1, t.repeat_times + 1  # a repeat given, not offered: N + 1 doses
    if t.repeat_after_unit:
        return 1.0, 2.0
    return None, None


def _repeat_note(t) -> list[str]:
    if not t.repeat_after_unit:
        return []
    wait = f"{t.repeat_after_low:g}" + (f"-{t.repeat_after_high:g}" if t.repeat_after_high != t.repeat_after_low else "")
    if t.repeat_times is not None and t.course_high is None and not t.daily:
        times = "once" if t.repeat_times == 1 else f"{t.repeat_times:g} times"
        return [f"repeated {times} after {wait} {t.repeat_after_unit}"]
    return [f"may be repeated once after {wait} {t.repeat_after_unit}"]


def row_population(row: SourceRow) -> str | None:
    """The population the row's indication names, when it names exactly one ("صرع مقاوم کودکان")."""
    found = populations_in(row.cell("indication"))
    return found.pop() if len(found) == 1 else None


def row_to_regimens(row: SourceRow) -> list[Regimen]:
    """Every regimen stated in a row's dosing, conditions and recommendations cells."""
    evidence = evidence_of([row.cell(f) for f in DOSE_FIELDS])
    context = row_population(row)
    regimens: list[Regimen] = []
    seen: dict[tuple, int] = {}
    for field in DOSE_FIELDS:
        for draft in statement_to_drafts(row.cell(field), context):
            regimen = draft_to_regimen(draft, row.doc_id, (row.row_id,), field, evidence)
            key = regimen_key(regimen)
            if key in seen and regimen.dose_low_mg_per_kg is not None:
                first = regimens[seen[key]]
                regimens[seen[key]] = replace(first, notes=first.notes + (
                    f"also stated in {field}: '{regimen.source_text}'",))
                continue
            seen[key] = len(regimens)
            regimens.append(regimen)
    return _with_ids(row.row_id, regimens)


def _with_ids(row_id: str, regimens: list[Regimen]) -> list[Regimen]:
    """Stable ids: the row, the field and the words, so reordering other regimens changes nothing."""
    out, taken = [], set()
    for regimen in regimens:
        words = re.sub(r"\s+", " ", f"{regimen.source_field}|{regimen.source_text}")
        stem = f"{row_id}-g{hashlib.sha256(words.encode()).hexdigest()[:6]}"
        regimen_id, n = stem, 2
        while regimen_id in taken:
            regimen_id, n = f"{stem}-{n}", n + 1
        taken.add(regimen_id)
        out.append(replace(regimen, regimen_id=regimen_id))
    return out
