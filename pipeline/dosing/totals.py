"""A course total written beside the dose it sums: a restatement, or a conflict, never a second regimen.

"0.4 g/kg daily for 5 days (total 2 g/kg)", "每公斤体重1克，连续2日，总剂量2克/公斤": the total equals the
amount times the days (or the doses) of the regimen before it, so it restates that regimen and is a note
of it. A total that does not equal it contradicts the regimen: both are kept and flagged.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..records import Reason
from .pack import alternative_words, base_factor
from .records import DoseMatch, Draft
from .timing import read_timing
from .vocab import vocab

_CLAUSE = re.compile(r"[,;(\[\u060c\u061b\uff0c\uff1b\uff08]")  # the total word must stand in the amount's own clause or bracket


def restated_total(previous: Draft, dose: DoseMatch, lead: str, lang: str, tail: str = "") -> str | None:
    """"same" when `dose`, named a total in the words just before it (`lead`), is the previous regimen's
    amount times its days or doses, over the same days when its own words after it (`tail`) give some;
    "conflict" when it is not; None when it is no total of that regimen, or is offered instead of it ("或总量2
    g/kg，分2天", "یا دوز کل ...": an "or" word outside brackets, the pack's `net.other_drug_alternative`)."""
    first = previous.dose
    if first is None or first.unit != "mg/kg" or dose.unit != "mg/kg" or first.low_mg is None or dose.low_mg is None:
        return None
    v = vocab(lang)
    if not v.basis_total.search(_CLAUSE.split(lead)[-1]) or v.basis_total.search(previous.text):
        return None
    if (words := alternative_words(lang)) is not None and words.search(lead) and not _OPEN.search(lead):
        return None
    times = _times(previous)
    if times is None:
        return None
    same = all(abs(a * times - b) <= 1e-6 * b for a, b in ((first.low_mg, dose.low_mg), (first.high_mg, dose.high_mg)))
    return "same" if same and _same_days(previous, tail, lang) else "conflict"


_OPEN = re.compile(r"[(\[\uff08]")


def _same_days(previous: Draft, tail: str, lang: str) -> bool:
    """"0.4 g/kg/d×5d；总量2 g/kg，分2天": a total over days of its own other than the regimen's is not it."""
    days = previous.timing.course_low, previous.timing.course_high
    own = read_timing(tail, lang) if tail and days[1] is not None else None
    return own is None or own.course_high is None or (own.course_low, own.course_high) == days


def restating_bracket(previous: Draft, dose: DoseMatch, lead: str, lang: str) -> bool:
    """Whether per-kg `dose` stands in a bracket right after a per-kg regimen over days, as a restatement of
    it (checked by the caller): a bracket opened by a word of the pack's `dose.restated_before` ("(یعنی",
    "（即"), or, after a total spread over the days, any bracket opened maybe after one word ("2 g/kg، طی 4
    روز تقسیم شود (0.4 g/kg/روز)": a restatement, or a conflict when its sum is not the total)."""
    first, t = previous.dose, previous.timing
    if first is None or first.unit != "mg/kg" or dose.unit != "mg/kg" or not t.course_high:
        return False
    return bool(_restating_open(lang).search(lead)) or (t.course_is_total and bool(_SPREAD_OPEN.search(lead)))


_SPREAD_OPEN = re.compile(r"[(\[\uff08][ \u200c]*(?:[^\s\d()\[\]\uff08\uff09]+[ \u200c]*)?$")


@cache
def restated_words(lang: str) -> str:
    """The pack's `dose.restated_before` words ("共", "即", "یعنی", "total") as one alternation, longest
    first; "" when the pack has none."""
    from ..lexicon import load

    return "|".join(sorted(load(f"lang/{lang}.yaml")["dose"].get("restated_before") or [], key=len, reverse=True))


@cache
def _restating_open(lang: str) -> re.Pattern:
    alt = restated_words(lang)
    # a few words may follow it ("（即每日", "(یعنی روزانه"), never another bracket or a number
    return regex(rf"[(\[\uff08][ \u200c]*(?:{alt})[^()\[\]（）\d]{{0,8}}$" if alt else "(?!)", re.I)


def restatement_basis(previous: Draft, dose: DoseMatch) -> None:
    """The arithmetic of a restatement settles the basis the words before it left open: "1 g/kg × 2 d（总量2
    g/kg）" is each day's amount (the bracket is its days' sum), "2 g/kg × 5 روز (400 mg/kg/روز)" the course's."""
    t = previous.timing
    # only a course of days decides it: a count of doses or an interval says how the parts are given
    if previous.dose.per is not None or t.daily or not t.course_high or t.count_high is not None or t.every_unit:
        return
    if dose.low_mg > previous.dose.low_mg:
        previous.timing.daily, previous.timing.course_is_total = True, False
    else:
        previous.timing.course_is_total = True


def restated_daily(previous: Draft, dose: DoseMatch) -> bool:
    """"2 g/kg در ۵ روز تقسیم شود (۰٫۴ g/kg/روز)", "每月2 g/kg，分2天给予（每天1 g/kg）": a total over one count of
    days restated in brackets as one amount a day (the total divided by the days) is read in the daily form,
    as a total written first and restated after its days is (`total_before`): the restatement's amount,
    each day, for the days. Returns whether `previous` was rewritten so."""
    t, first = previous.timing, previous.dose
    days = t.course_high
    if first.low_mg is None or dose.low_mg is None:  # a fixed amount beside a per-kg one ("روزانه ۳۲ گرم"): not its restatement
        return False
    if (first.per is not None or not days or t.course_low != days or t.count_high is not None or dose.per not in (None, "day")
            or first.low_mg != first.high_mg or dose.low_mg != dose.high_mg or dose.low_mg >= first.low_mg
            or abs(dose.low_mg * days - first.low_mg) > 1e-6 * first.low_mg):
        return False
    if t.every_unit and not t.is_cycle():  # an interval shorter than the course spaces the doses: not each day's
        return False
    previous.notes.append(f"course total stated before it as {first.text.strip()}")
    previous.dose = dose
    t.daily, t.course_is_total = True, False
    return True


_CLOSE = re.compile(r"[^()（）\[\]\d]{0,25}[)）\]]")  # the bracket a day's amount closes, its own words before ("(1 g/kg روزانه)")


def daily_form_words(text: str, draft: Draft, dose: DoseMatch, lead_start: int) -> None:
    """The words of a total read in its daily form (restated_daily): they hold the day's amount and the bracket it
    closes; the words before the bracket or comma opening it ("با دوز کل 2 g/kg ... (روزانه 400 mg/kg)") are the
    total's, not the day's (`lead_start`)."""
    close = _CLOSE.match(text, dose.end)
    draft.span = (draft.span[0], max(draft.span[1], close.end() if close else dose.end))
    draft.text = text[draft.span[0]:draft.span[1]].strip()
    draft.lead_start = lead_start


def daily_part_opened(previous: Draft, dose: DoseMatch, lead: str, daily_part: re.Pattern | None) -> int | None:
    """"2 g/kg را 2 روزه بدهید، روزی 1 g/kg", "2 g/kg，分2天，每天1 g/kg": a total over one count of days, then a
    comma and a day's word (the pack's `statement.daily_part`) before the amount one day takes: where the comma
    stands in `lead` (restated_daily checks the sum and reads the daily form), else None."""
    t = previous.timing
    m = daily_part.search(lead) if daily_part is not None else None
    if m is None or previous.dose is None or t.daily or t.course_low != t.course_high or not t.course_high:
        return None
    return m.start()


def total_first(text: str, doses: list[DoseMatch], i: int, lead: str, lang: str, own_end: int | None = None) -> bool:
    """Whether doses[i] is a course total written before the regimen it sums: "مجموعاً 2 g/kg (400 mg/kg
    روزانه به مدت 5 روز)", "总剂量2 g/kg，即400 mg/kg/d，连用5天", "2 g/kg در هر دوره (400 mg/kg/روز ...)". A
    total word in its own clause or right after the amount, and only a bracket, a colon or a word of the
    pack's `statement.total_bridge` before the next per-kg amount; past the total's own timing (`own_end`:
    "总量3 g/kg，分3 d给药，即1 g/(kg·d)") only when a bracket or a word opens the restatement."""
    if i + 1 >= len(doses):
        return False
    total, then = doses[i], doses[i + 1]
    if total.unit != "mg/kg" or then.unit != "mg/kg" or then.is_cap or total.low_mg is None:
        return False
    v, start = vocab(lang), total.end
    said = total.per == "course" or bool(v.basis_total.search(_CLAUSE.split(lead)[-1]))
    for after in (v.per_course_after, v.basis_total_after, v.basis_divided_after):  # "2 g/kg در هر دوره (...)", "in total (...)"
        if after is not None and (m := after.match(text[start:then.start])):  # anchored: "^" at the slice's start
            said, start = True, start + m.end()
    if not said:
        return False
    if _bridge(lang).fullmatch(text, start, then.start):
        return True
    return (own_end is not None and start < own_end < then.start and bool(_bridge(lang).fullmatch(text, own_end, then.start))
            and bool(_OPENS.search(text, own_end, then.start)))


_DAY_WORDS_MAX = 8  # "در روز", "روزانه", "daily", "每日": the words a day's amount may carry in its bracket
_COMMA = re.compile(r"[,\u060c\uff0c;\u061b\uff1b]")
_OPENS = re.compile(r"[(（]|[^\W\d_]")  # a bracket or a word ("即", "یعنی"), not a comma alone


def bracketed_total(text: str, doses: list[DoseMatch], i: int, made: Draft, lang: str) -> bool | str:
    """"诱导2 g/kg（0.4 g/kg/d×5d）", "۲ گرم/کیلوگرم (۰٫۴ گرم/کیلوگرم/روز × ۵ روز)": an amount with no timing of its
    own and no total word, restated at once in brackets by a smaller amount, is a total written first: read in
    the bracket's daily form when the sum agrees (`total_before`), else both kept and flagged."""
    if i + 1 >= len(doses) or made.dose is None or not _part_of(doses[i], doses[i + 1]):
        return False
    t, start, end = made.timing, doses[i].end, doses[i + 1].start
    # "首剂2 g/kg（每天0.5 g/kg，连用4天）": a first dose (a word naming its phase) whose bracket gives it in days is
    # the first course's total; "单次2 g/kg（...）", a single dose by its word alone, is left as written
    first_dose = made.one_said_before and made.phase is not None and t.count_high == 1
    if t.course_high or t.every_unit or (t.count_high is not None and not first_dose) or t.daily or t.consecutive:
        return False
    # a bracket, or a word of the bridge ("2 g/kg، به صورت 1 g/kg روزانه در دو روز"): not a comma alone
    if not (_OPENS.search(text, start, end) and _bridge(lang).fullmatch(text, start, end)):
        return False
    return bracket_kind(text, doses[i + 1].end)


def bracket_kind(text: str, after: int) -> str:
    """"more" when the bracket goes on past the amount after a comma, or with more words than a day's ("(1 g/kg
    روزانه، در نارسایی قلبی)", "(1 g/kg روزانه در نارسایی کلیه)"): a case of its own, whose days total / day must not
    be worked out (total_before); else "bracket"."""
    close = text.find(")", after)
    if close < 0:
        return "bracket"
    rest = text[after:close].strip()  # a day's word may follow ("روزانه", "/d"); a case of its own is more
    return "more" if _COMMA.search(rest) or len(rest) > _DAY_WORDS_MAX else "bracket"


def _part_of(total: DoseMatch, then: DoseMatch) -> bool:
    """Whether `then` may be a part of the one per-kg amount `total` with no per-unit word (smaller, not a cap)."""
    return (total.unit == then.unit == "mg/kg" and not then.is_cap and total.per is None and total.low_mg is not None
            and then.low_mg is not None and total.low_mg == total.high_mg and then.high_mg < total.low_mg)


@cache
def _bridge(lang: str) -> re.Pattern:
    from ..lexicon import load

    return regex(load(f"lang/{lang}.yaml")["statement"]["total_bridge"], re.I)


def total_before(total: list[Draft], made: list[Draft], loose: bool | str = False) -> list[Draft]:
    """The drafts of a total written first (`total`) and of the regimen after it (`made`): a total that is
    the regimen's amount times its days or doses is a note of it; one that is not is kept, both flagged. A
    total said by its bracket alone (`loose`, `bracketed_total`) that no days or doses check is left as read."""
    if not total or not made or total[0].dose is None or made[0].dose is None:
        return total + made
    amount, regimen = total[0].dose, made[0]
    first = regimen.dose
    if first.unit != "mg/kg" or first.low_mg is None:
        return total + made
    times = _times(regimen) or (_spread_daily(total[0], regimen) if loose not in ("more", "word_more") else None)
    if times is None:
        return _unchecked(total, made, loose)
    if all(abs(a * times - b) <= 1e-6 * b for a, b in ((first.low_mg, amount.low_mg), (first.high_mg, amount.high_mg))):
        regimen.notes.append(f"course total stated before it as {amount.text.strip()}")
        regimen.phase = regimen.phase or total[0].phase  # "诱导2 g/kg（...）": the total's phase is the regimen's
        _each_day(regimen, times)
        return made
    for draft in (total[0], regimen):
        draft.problems.append(conflict_reason(regimen, amount))
    return total + made


def _unchecked(total: list[Draft], made: list[Draft], loose: bool | str) -> list[Draft]:
    """A total and the regimen after it that no days or doses check: a bracket alone that says no day ("1 g/kg (0.5
    g/kg در کودکان)") is left as read; a total word or a day's amount ("总剂量2 g/kg，即0.7 g/kg/d") flags both."""
    regimen, amount = made[0], total[0].dose
    if loose and loose != "word_more" and not _is_daily(regimen):
        return total + made
    for draft in (total[0], regimen):
        draft.problems.append(Reason("total_conflict", f"the total '{amount.text.strip()}' restated as "
                                     f"'{regimen.dose.text.strip()}' cannot be checked: no days or doses are given"))
    return total + made


_MOST_DAYS = 10  # a daily course of IVIg lasts a few days: a longer quotient is no course anyone writes so


def _spread_daily(total: Draft, regimen: Draft) -> float | None:
    """The days of a daily regimen with none of its own that restates `total` (_days_of_daily), set as its course
    with a note; None when there are none, or the two name another phase or population."""
    if regimen.phase not in (None, total.phase) or regimen.population not in (None, total.population):
        return None
    days = _days_of_daily(regimen, total.dose)
    if days is not None:
        regimen.timing.course_low = regimen.timing.course_high = days
        regimen.notes.append(f"course of {days:g} days: the total {total.dose.text.strip()} given as "
                             f"{regimen.dose.text.strip()} a day")
    return days


def _days_of_daily(regimen: Draft, amount: DoseMatch) -> float | None:
    """"IVIG 2 g/kg (1 g/kg روزانه)", "总量2 g/kg（1 g/kg/d）": a total restated as one amount a day, with no
    days nor doses of its own, is given on total / day days, when that is a whole number of days (2 to
    _MOST_DAYS): the arithmetic the words leave, kept as a note; else None (the caller flags what it cannot check)."""
    t, first = regimen.timing, regimen.dose
    if (not _is_daily(regimen) or t.course_high is not None or t.count_high is not None or first.low_mg != first.high_mg
            or amount.low_mg != amount.high_mg or not first.low_mg):
        return None
    days = amount.low_mg / first.low_mg
    return float(round(days)) if 2 <= round(days) <= _MOST_DAYS and abs(days - round(days)) < 1e-9 else None


def _is_daily(regimen: Draft) -> bool:
    """The regimen's amount is given each day ("روزانه", "/d", once a day): a part of a total, when one stands before it."""
    t = regimen.timing
    return t.daily or regimen.dose.per == "day" or t.once_a_day()


def _each_day(regimen: Draft, times: float) -> None:
    """A total that is the regimen's amount times its days settles the amount as each day's ("总量3 g/kg，分3 d
    给药，即1 g/(kg·d)": the days were the total's words; "总量2 g/kg（400 mg/kg × 5 d）")."""
    t, per = regimen.timing, regimen.dose.per
    if per in (None, "day") and (per or t.daily or t.consecutive) and times == t.course_high:
        t.daily, t.course_is_total = True, False


def _times(draft: Draft) -> float | None:
    """How many times the amount is given: the days of a daily course, else a stated number of doses."""
    t, per = draft.timing, draft.dose.per
    daily = t.daily or t.consecutive or per == "day" or t.once_a_day()
    # "1 g/kg در روز طی 2 روز": a course phrase that alone would spread a total, outweighed by the daily word
    each_day = not t.course_is_total or t.daily or per == "day"
    if daily and t.course_high is not None and t.course_low == t.course_high and each_day:
        return t.course_high
    if t.count_high is not None and t.count_low == t.count_high:
        return t.count_high
    return _spaced_doses(t)


def _spaced_doses(t) -> float | None:
    """"هر هفته به مدت 4 هفته", "每周1次，共4周": a course of a whole number of intervals holds that many doses."""
    days = {"d": 1, "wk": 7}.get(t.every_unit or "")
    if not days or t.every_low != t.every_high or not t.every_low or t.course_high is None or t.course_low != t.course_high:
        return None
    n = t.course_high / (t.every_low * days)
    return n if n >= 1 and abs(n - round(n)) < 1e-9 else None


def conflict_reason(previous: Draft, dose: DoseMatch, bracket: bool = False) -> Reason:
    if bracket:
        return Reason("total_conflict", f"'{dose.text.strip()}' in brackets after '{previous.dose.text.strip()}' is "
                      "neither it times its days nor divided by them")
    return Reason("total_conflict", f"the total '{dose.text.strip()}' is not '{previous.dose.text.strip()}' times "
                  "the days or doses of its regimen")


def restated_volumes(text: str, doses: list[DoseMatch], lang: str) -> tuple[list[DoseMatch], list[DoseMatch]]:
    """"0.4 g/kg (8 mL/kg of a 5% solution)": a volume per kg in brackets right after a per-kg amount, which
    at the strength written in the bracket is that very amount, restates it (a note, no regimen of its own).
    Returns (those, the bracketed volumes that cannot be checked or give another amount): the latter stay
    flagged regimens, and the amount before them is flagged too (the timing after the bracket may be its)."""
    same, doubtful = [], []
    for first, dose in zip(doses, doses[1:]):
        if first.unit != "mg/kg" or dose.unit != "mL/kg" or not _BRACKET_OPEN.fullmatch(text, first.end, dose.start):
            continue
        close = _BRACKET_CLOSE.search(text, dose.end)
        strength = _percent(lang).search(text, first.end, close.start()) if close else None
        amount = dose.low * float(strength.group("pct")) * 10 if strength and dose.low == dose.high else None
        agrees = amount is not None and first.low_mg == first.high_mg and abs(amount - first.low_mg) <= 1e-6 * amount
        (same if agrees else doubtful).append(dose)
    return same, doubtful


_BRACKET_OPEN = re.compile(r"[ \u200c]*[(（][^()（）]{0,20}")  # a few words may open it ("（5%溶液8 ml/kg）")
_BRACKET_CLOSE = re.compile(r"[)）]")


@cache
def _percent(lang: str) -> re.Pattern:
    """A percentage (the solution's strength; 5% is 50 mg per mL): the pack's own spellings."""
    from ..lexicon import load

    written = load(f"lang/{lang}.yaml")["net"]["strength"]["percent"]
    return regex(written.replace(r"\d+(?:\.\d+)?", r"(?P<pct>\d+(?:\.\d+)?)", 1))


def note_volumes(volumes: tuple[list[DoseMatch], list[DoseMatch]], drafts: list[Draft]) -> None:
    """Each restating volume becomes a note of the regimen of the amount just before it; a volume that
    cannot be checked against that amount flags it."""
    same, doubtful = volumes
    for volume in same + doubtful:
        for draft in [d for d in drafts if d.dose and d.dose.end <= volume.start and d.dose.unit == "mg/kg"][-1:]:
            if volume in same:
                draft.notes.append(f"the same dose as a volume of solution: {volume.text.strip()}")
            else:
                draft.problems.append(Reason("volume_unchecked", f"'{volume.text.strip()}' in brackets after "
                                             f"'{draft.dose.text.strip()}' is not that amount at a strength written "
                                             "beside it; the timing after the bracket may be either's"))


def weight_restatement(text: str, previous: Draft, made: list[Draft], lang: str) -> str | None:
    """"丙球 10 g qd×3d（体重50 kg，约0.2 g/kg/d）": a per-kg amount in brackets right after a fixed amount,
    opened by a body weight (the pack's `statement.weight_restated`), restates it for that weight. "same"
    when the fixed amount divided by the weight is the per-kg amount (within the rounding an "about"
    allows: 5%): one regimen, the per-kg one takes the fixed one's timing; "conflict" when it is not; None
    when the words are no such restatement."""
    first, dose = previous.dose, made[0].dose if made else None
    pattern = _weight_restated(lang)
    if (pattern is None or first is None or dose is None or first.unit not in ("g", "mg") or dose.unit != "mg/kg"
            or first.low is None or first.low != first.high or dose.low_mg is None or first.end > dose.start):
        return None
    m = pattern.search(text, first.end, dose.start)
    if m is None or not float(m.group("w")) > 0:
        return None
    per_kg = first.low * base_factor(first.unit) / float(m.group("w"))
    agrees = dose.low_mg == dose.high_mg and abs(per_kg - dose.low_mg) <= 0.05 * dose.low_mg
    return "same" if agrees else "conflict"


@cache
def _weight_restated(lang: str) -> re.Pattern | None:
    from ..lexicon import load

    written = load(f"lang/{lang}.yaml")["statement"].get("weight_restated")
    return regex(written) if written else None
