"""A normalized statement -> its dose regimens (Drafts): amount, basis, timing, phase, population, doubts.

One engine for every language; the words come from the language pack (data/lang/<lang>.yaml). Each
dose amount opens a regimen. Its timing is read from the words after it, up to the next dose, the end
of the sentence or a change of phase ("سپس", "之后"); when those words give no interval or course, from
the words before it ("每周使用 0.5 g/kg", "هر ۳ هفته ۴۰۰ میلی‌گرم بر کیلوگرم"). Its phase comes from the
words just before it; an alternative ("... یا 0.5 تا 2.4 گرم ...") keeps the phase of the dose it
stands beside.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache

from ..compiled import regex
from ..gate import for_text, gated
from ..records import Reason
from .doses import find_doses
from .net import Mention, mentions_in
from .pack import pack
from .plausibility import basis_of, check
from .records import DoseMatch, Draft, Timing
from .timing import read_timing
from .totals import (conflict_reason, note_volumes, restated_daily, restated_total, restated_volumes,
                     restatement_basis, restating_bracket, spread_bracket, total_before, total_first,
                     weight_restatement)
from .vocab import vocab
from .windows import _PARENTHESIS, _Window, _blank, _blank_conditions, _cuts, _sentence_bounds, _window

_PHASE_AFTER = 25  # characters after an amount in which its phase may still be named


def _last_cue(lang: str, kind: str, text: str) -> tuple[str | None, int | None]:
    """The cue of a kind (phase, phase_after) nearest the end of text, and where it starts."""
    groups, any_cue = _cues(lang, kind)
    if not for_text(any_cue, text).search(text):  # most words name no cue: one search, not one per cue
        return None, None
    best: tuple[str | None, int | None, int] = (None, None, -1)
    for name, pattern in groups:
        for m in pattern.finditer(text):
            if m.end() > best[2]:
                best = (name, m.start(), m.end())
    return best[0], best[1]


def populations_in(text: str, lang: str = "fa") -> set[str]:
    groups, any_cue = _cues(lang, "population")
    if not for_text(any_cue, text).search(text):
        return set()
    return {name for name, pattern in groups if pattern.search(text)}


def _unbracketed(text: str) -> str:
    """The text with each bracket (and its words; one left open runs to the end) put as one space."""
    return _PARENTHESIS.sub(" ", text) if "(" in text else text  # most texts hold no bracket: no scan


@cache
def _cues(lang: str, kind: str) -> tuple[tuple[tuple[str, re.Pattern], ...], re.Pattern]:
    """The pack's cues of a kind (vocab's phase, phase_after, population), and one pattern matching wherever
    any of them matches (each cue in its own flags), behind its gate: it finds something exactly when one
    of the cues would, so a text it misses names none of them. Built once per pack, not looked up per text."""
    groups = getattr(vocab(lang), kind)
    parts = [(p.pattern, p.flags) for _, p in groups]
    return groups, gated(regex("|".join(f"(?{_inline(flags)}:{pattern})" if _inline(flags) else f"(?:{pattern})"
                                        for pattern, flags in parts) or "(?!)"))


def _inline(flags: int) -> str:
    """The inline form of a cue's flags that may be scoped to its group (re.I, re.S, re.M, re.X)."""
    return "".join(letter for flag, letter in ((re.I, "i"), (re.M, "m"), (re.S, "s"), (re.X, "x")) if flags & flag)


def statement_to_drafts(text: str, context_population: str | None = None, lang: str = "fa") -> list[Draft]:
    """Every regimen a normalized statement states, with the words each was read from."""
    if not _cuts(lang).may_dose.search(text):  # no number and no interval word: nothing to read (most sentences)
        return []
    doses = find_doses(text, lang)
    # "1 g/kg (حداکثر 80 گرم) روزانه ...": a ceiling in grams bounds the dose before it, never ends its words
    ceilings = [d for d in doses if d.is_cap and d.unit != "mg/kg"]
    restated = _restated(text, doses, lang)
    volumes = restated_volumes(text, doses, lang)  # "0.4 g/kg (8 mL/kg of 5%)": the same dose as a volume
    doses = [d for d in doses if d not in ceilings and d not in restated and d not in volumes[0]]
    ends = [m.end() for m in _cuts(lang).sentence_end.finditer(text)]  # where its sentences end, found once
    others = [m for m in mentions_in(text, lang) if m.kind == "other_drug"]  # other drugs' amounts, found once
    drafts = _doses_to_drafts(text, doses, ends, others, lang)
    drafts += _doseless(text, [d for d in doses if not d.is_cap], ends, others, lang)
    around: list[set[str]] = []  # the populations of the sentences with no amount, worked out when first asked
    for draft in drafts:
        _settle(text, draft, context_population, ends, around, lang)
    _apply_caps(text, doses, drafts, lang)  # after the basis: a cap's "دوز تجمعی" does not make a dose a total
    _apply_ceilings(ceilings, drafts)
    _apply_restated(restated, drafts)
    note_volumes(volumes, drafts)
    return drafts


def _restated(text: str, doses: list[DoseMatch], lang: str) -> list[DoseMatch]:
    """"2 g/kg（共30 g）": the per-kg amount worked out for one body weight restates it, no regimen of its own."""
    restated = _cuts(lang).restated
    return [d for p, d in zip(doses, doses[1:]) if p.unit == "mg/kg" and d.unit in ("g", "mg")
            and restated.fullmatch(text[p.end:d.start])]


def _apply_restated(restated: list[DoseMatch], drafts: list[Draft]) -> None:
    for amount in restated:
        for draft in [d for d in drafts if d.dose and d.dose.end <= amount.start][-1:]:
            draft.notes.append(f"worked out for a body weight as {amount.text.strip()}")


def _doses_to_drafts(text: str, doses: list[DoseMatch], ends: list[int], others: list[Mention],
                     lang: str) -> list[Draft]:
    """One draft per amount given (caps aside); a typical amount or a restatement in brackets is a note."""
    drafts: list[Draft] = []
    first_total: list[Draft] | None = None  # a course total written before the regimen it sums, held
    for i, dose in enumerate(doses):
        if dose.is_cap:
            continue
        window = _window(text, doses, i, ends, drafts, others, lang)
        made = _amount_to_drafts(text, dose, window, drafts, lang)
        if first_total is not None:
            made, first_total = total_before(first_total, made), None
        elif made and total_first(text, doses, i, window.lead, lang, made[0].span[1]):
            first_total = made  # "مجموعاً 2 g/kg (400 mg/kg روزانه ×5 روز)": decided by the regimen after it
            continue
        _share_timing(drafts, made, window, _sentence_bounds(ends, len(text), dose.start)[0], lang)
        if drafts and made:
            _weighed(text, drafts[-1], made, lang)
        drafts += made
    return drafts + (first_total or [])


def _share_timing(drafts: list[Draft], made: list[Draft], window: _Window, sentence_start: int, lang: str) -> None:
    """"儿童每次0.4 g/kg，成人每次0.4～0.6 g/kg，均每月1次": a word saying "each of them" before the timing
    of the last amount gives that timing to every earlier amount of the sentence that has none of its own."""
    shared = _cuts(lang).shared
    if not made or shared is None or not (m := shared.match(window.tail)):
        return
    source = made[0].timing
    for draft in [d for d in drafts if d.dose and d.dose.start >= sentence_start]:
        if names := _missing_timing(source, draft.timing):
            _copy_fields(source, draft.timing, names)
            draft.notes.append(f"timing shared by the amounts before it: '{window.tail[m.start():].strip()}'")


def _weighed(text: str, previous: Draft, made: list[Draft], lang: str) -> None:
    """"10 g qd×3d（体重50 kg，约0.2 g/kg/d）": the per-kg amount worked out for a body weight is the fixed
    amount's regimen: it takes the timing it lacks; one the weight does not make is flagged (its timing
    may be the fixed amount's)."""
    verdict = weight_restatement(text, previous, made, lang)
    for draft in made if verdict else ():
        if verdict == "conflict":
            draft.problems.append(Reason("weight_unchecked", f"'{draft.dose.text.strip()}' in brackets after "
                                         f"'{previous.dose.text.strip()}' is not that amount for the weight "
                                         "written beside it; the timing before the bracket may be its"))
        elif names := _missing_timing(previous.timing, draft.timing):
            _copy_fields(previous.timing, draft.timing, names)
            draft.notes.append(f"restates '{previous.dose.text.strip()}' for a body weight; its timing")


def _missing_timing(source: Timing, t: Timing) -> list[str]:
    """The interval and course fields `source` has and `t` lacks."""
    interval = (source.every_unit or source.daily) and not (t.every_unit or t.daily)
    return [*(_INTERVAL if interval else ()), *(_COURSE if source.course_high and t.course_high is None else ())]


def _amount_to_drafts(text: str, dose: DoseMatch, window: _Window, drafts: list[Draft], lang: str) -> list[Draft]:
    """The drafts one amount opens (none when it is a note of the regimen before it)."""
    if drafts and drafts[-1].dose and _cuts(lang).typical.search(window.lead):
        _typical(text, drafts[-1], dose, window.tail, lang)  # "0.2 تا 0.8 گرم ... (عموما 400-500 mg/kg) ..."
        return []
    if drafts and _restates(drafts[-1], dose, window):  # "2 g/kg طی 5 روز (400 mg/kg/روز)": the same regimen
        if restated_daily(drafts[-1], dose):  # one amount a day: the daily form, as a total read first
            close = _CLOSE.match(text, dose.end)  # its words hold the amount, and the bracket it closes
            drafts[-1].span = (drafts[-1].span[0], max(drafts[-1].span[1], close.end() if close else dose.end))
            drafts[-1].text = text[drafts[-1].span[0]:drafts[-1].span[1]].strip()
        else:
            drafts[-1].notes.append(f"restated as {dose.text}")
            restatement_basis(drafts[-1], dose)
        return []
    return _unless_total(drafts, dose, window, lang,
                         lambda: _by_condition(text, _dose_to_draft(text, dose, window, drafts, lang), window, lang))


def _unless_total(drafts: list[Draft], dose: DoseMatch, window: _Window, lang: str, make) -> list[Draft]:
    """"0.4 g/kg daily for 5 days (total 2 g/kg)": a total equal to the regimen before it times its days
    is a note of that regimen; a total that is not is kept as a regimen and both are flagged."""
    verdict = restated_total(drafts[-1], dose, window.lead, lang) if drafts else None
    bracket = verdict is None and bool(drafts) and (restating_bracket(drafts[-1], dose, window.lead, lang)
                                                     or spread_bracket(drafts[-1], dose, window.lead))
    if verdict == "same":
        drafts[-1].notes.append(f"course total restated as {dose.text.strip()}")
        restatement_basis(drafts[-1], dose)
        return []
    made = make()
    if verdict == "conflict" or bracket:  # "(یعنی ...)", "（即 ...）" after a course it does not restate: both flagged
        for draft in [drafts[-1], *made]:
            draft.problems.append(conflict_reason(drafts[-1], dose, bracket))
    return made


def _apply_ceilings(ceilings: list[DoseMatch], drafts: list[Draft]) -> None:
    """A ceiling in grams is a note of the dose it follows (or of the first dose)."""
    for ceiling in ceilings:
        before = [d for d in drafts if d.dose and d.dose.end <= ceiling.start] or drafts[:1]
        for draft in before[-1:]:
            draft.notes.append(f"ceiling of each administration: {ceiling.text.strip()}")


_INTERVAL = ("every_low", "every_high", "every_unit", "daily", "frequency")
_COURSE = ("course_low", "course_high", "course_is_total", "consecutive", "day_span", "schedule_days")


def _timing_of(window: _Window, lang: str) -> tuple[Timing, int | None]:
    """The timing after the amount; an interval or a course written only before it is read there
    ("每周使用 0.5 g/kg"). Returns where those earlier words start, relative to the lead."""
    timing = read_timing(window.tail, lang)
    before = read_timing(window.timing_lead, lang)
    start = len(window.lead) - len(window.timing_lead) + (before.start or 0)
    return timing, (start if _take_from_before(timing, before) else None)


def _take_from_before(timing: Timing, before: Timing) -> bool:
    """Complete the timing after an amount with the words before it; True when any was taken."""
    if _cycle_from_before(timing, before):
        return True
    has_interval, has_course = bool(timing.every_unit or timing.daily), timing.course_high is not None
    taken = [names for names, missing in ((_INTERVAL, not has_interval and (before.every_unit or before.daily)),
                                          (_COURSE, not has_course and before.course_high is not None),
                                          # ("شروع در روز اول، 400 mg/kg روزانه به مدت 5 روز": a start day, no
                                          # schedule of one dose, when the words after give a course or interval)
                                          (("schedule_days",), not timing.schedule_days and before.schedule_days
                                           and not has_course and not has_interval),
                                          # "دو دوز 1 g/kg به فاصله ...": the count (one dose before the amount is
                                          # the pack's single_before, read with the amount's own words)
                                          (("count_low", "count_high"), timing.count_high is None
                                           and before.count_high is not None and before.count_high != 1.0))
             if missing]
    _copy_fields(before, timing, [name for names in taken for name in names])
    return bool(taken)


def _cycle_from_before(timing: Timing, before: Timing) -> bool:
    """A daily course and an interval split around the amount: the interval repeats the course."""
    has_interval = bool(timing.every_unit or timing.daily)
    if before.daily and not timing.daily and has_interval:  # "每日0.4 g/kg，连续5天，每月重复": daily, cycled
        timing.daily = True
        return True
    if timing.daily and timing.course_high is not None and before.every_unit and not timing.every_unit:
        # "هر 4 هفته، 1 گرم بر کیلوگرم روزانه به مدت 2 روز": the course repeats at the interval before it
        _copy_fields(before, timing, ["every_low", "every_high", "every_unit"])
        return True
    return False


def _copy_fields(source: Timing, target: Timing, names: list[str]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))
    if names:
        target.courses += source.courses
        target.problems += source.problems


def _single_before(cuts, window: _Window, timing: Timing, dose: DoseMatch) -> bool:
    """"به صورت تک دوز 2 gram/kg", "单次剂量2 g/kg": one dose, when the words after it give no count, interval or
    course ("یک دوز 2 g/kg هر 4 هفته", "单次剂量0.4 g/kg，每4周一次": the amount of each dose, not one in all)."""
    if timing.count_high is not None or timing.every_unit or timing.daily or timing.course_high is not None:
        return False
    return dose.per not in ("day", "wk", "mo") and bool(for_text(cuts.single_before, window.lead).search(window.lead))


def _dose_to_draft(text: str, dose: DoseMatch, window: _Window, drafts: list[Draft], lang: str) -> Draft:
    v, cuts = vocab(lang), _cuts(lang)
    timing, timing_before = _timing_of(window, lang)
    if _single_before(cuts, window, timing, dose):
        timing.count_low = timing.count_high = 1.0
    phase, cue_at = _last_cue(lang, "phase", _blank(v.window, window.lead))  # "در 10 روز اول شروع تب": no phase
    starts = [at for at in (cue_at, timing_before) if at is not None]
    start = window.lead_start + min(starts) if starts else dose.start
    if phase is None:  # "0.8-1 gram/kg تک دوز اولیه": the phase may follow the amount closely
        phase, _ = _last_cue(lang, "phase_after", window.tail[:_PHASE_AFTER])
    draft = Draft(dose=dose, span=(start, dose.end + timing.end), text="", timing=timing, phase=phase,
                  lead_start=window.lead_start)
    if cuts.alternative.search(window.lead) and drafts and phase is None:
        draft.phase, draft.population = drafts[-1].phase, drafts[-1].population
    # the population named just before the amount ("در بالغین 400 ... و در کودکان 500 ..."), else around it
    own = (populations_in(_unbracketed(window.lead), lang)
           or populations_in(_unbracketed(window.lead + dose.text + window.tail), lang))
    if len(own) == 1:
        draft.population = own.pop()
    elif len(own) > 1:
        draft.notes.append("populations named together: " + ", ".join(sorted(own)))
    draft.text = text[draft.span[0]:draft.span[1]].strip()
    _conditions_and_notes(draft, window, v)
    lead = window.lead[-20:]
    if (v.ceiling_before is not None and for_text(v.ceiling_before, lead).search(lead)) or _wrapped(window, v):
        draft.problems.append(Reason("dose_ceiling", f"'{dose.text}' follows a word of maximum: a ceiling, "
                                                     "not the dose to give"))
    return draft


def _wrapped(window: _Window, v) -> bool:
    """"نباید از 2 g/kg در هر سیکل بیشتر شود": the amount stands inside a comparison of maximum (the pack's
    `dose.ceiling_around`: words before it and after it)."""
    return any(before.search(window.lead[-30:]) and after.match(window.tail) for before, after in v.ceiling_around)


def _condition_segments(window: _Window, lang: str) -> list[tuple[int, str]]:
    """The words before an amount cut at each condition ("در 100 روز اول ...", "بعد از 100 روز ..."):
    (where each starts in the statement, its words); fewer than two conditions give none."""
    condition = vocab(lang).condition
    lead = window.lead[len(window.lead) - len(window.timing_lead):]
    starts = [m.start() for m in for_text(condition, lead).finditer(lead)] if condition is not None else []
    if len(starts) < 2:
        return []
    lead_at = window.lead_start + len(window.lead) - len(lead)
    return [(lead_at + a, lead[a:b]) for a, b in zip(starts, starts[1:] + [len(lead)])]


def _by_condition(text: str, draft: Draft, window: _Window, lang: str) -> list[Draft]:
    """"در 100 روز اول هر هفته و بعد از 100 روز هر 3-4 هفته 0.4 g/kg": one amount given at a different
    interval under each condition written before it is one regimen per condition."""
    segments = _condition_segments(window, lang)
    if not segments:  # fewer than two conditions (most amounts): one regimen
        return [draft]
    timings = [read_timing(_blank_conditions(words, lang), lang) for _, words in segments]
    if sum(1 for t in timings if t.every_unit) < 2:
        return [draft]
    condition = vocab(lang).condition
    kept = [p for p in draft.problems if p.code != "several_intervals"]
    out = []
    for (at, words), timing in zip(segments, timings):
        if not timing.every_unit:
            continue
        span = (at, draft.span[1])
        own = replace(draft, timing=replace(draft.timing, problems=[p for p in draft.timing.problems if p in kept]),
                      problems=list(kept), notes=list(draft.notes), condition=condition.match(words).group(0).strip(),
                      span=span, text=text[span[0]:span[1]].strip())
        for name in ("every_low", "every_high", "every_unit", "frequency"):
            setattr(own.timing, name, getattr(timing, name))
        out.append(own)
    return out


def _conditions_and_notes(draft: Draft, window: _Window, v) -> None:
    """When the regimen applies ("بعد از سال اول"), and readings kept as notes ("repeat if needed")."""
    if v.condition is not None:
        found = [m.group(0) for m in for_text(v.condition, window.lead).finditer(window.lead)]
        if found:
            draft.condition = found[-1].strip()
    tail = window.raw_tail
    if draft.condition is None and v.window is not None and (m := for_text(v.window, tail).search(tail)):
        draft.condition = m.group(0).strip()
    for note, pattern in v.notes:
        if for_text(pattern, window.tail).search(window.tail):
            draft.notes.append(note)


def _settle(text: str, draft: Draft, context_population: str | None, ends: list[int], around: list[set[str]],
            lang: str) -> None:
    """A draft's population from the whole statement (or its context), then its basis and doubts."""
    if draft.population is None and not any(n.startswith("populations") for n in draft.notes):
        # the population named in the dose's own sentence: "در اطفال ..." in one sentence does not make
        # the next sentence's "درمان حمله حاد: ..." a children's dose
        start, end = _sentence_bounds(ends, len(text), draft.span[0])
        found = populations_in(_unbracketed(text[start:end]), lang)
        if not found and not around:
            around.append(_context_populations(text, ends, (start, end), lang))
        found = found or around[0]
        if len(found) == 1:
            draft.population = next(iter(found))
        elif context_population:
            draft.population = context_population
    draft.basis, basis_problems = basis_of(draft, text, lang)
    draft.problems += basis_problems
    draft.problems += check(draft, lang)


def _context_populations(text: str, ends: list[int], named_none: tuple[int, int], lang: str) -> set[str]:
    """Populations named in the sentences of a text that state no amount of their own ("IVIG ... در
    مادران ... طی بارداری. در این شرایط ... 1-2 gr/kg"): those speak of the whole statement. The sentence
    at `named_none` (start, end) is known to name none: not searched again."""
    bounds = [0] + ends + [len(text)]
    found: set[str] = set()
    for a, b in zip(bounds, bounds[1:]):
        if a == b or (a, b) == named_none:
            continue
        sentence = text[a:b]
        # the populations first: most sentences name none, and then their amounts need not be looked for
        if (named := populations_in(_unbracketed(sentence), lang)) and not find_doses(sentence, lang):
            found |= named
    return found if len(found) == 1 else set()


_CLOSE = re.compile(r"[ \u200c]*[)）\]]")
_OPEN_BRACKET = re.compile(r"[(（]\s*(?:\S+\s*)?$")


def _restates(previous: Draft, dose: DoseMatch, window: _Window) -> bool:
    """An amount in brackets just after a course that is the same course said per day or in total; over a
    range of days, a total restated as a range a day ("2 g/kg، طی 2-5 روز (0.4-1 g/kg در روز)"): each end
    times the other end of the days."""
    t, first = previous.timing, previous.dose
    if not (_OPEN_BRACKET.search(window.lead) and t.course_low and t.course_high and first and first.low_mg
            and dose.low_mg):
        return False
    per_day = _close(dose.low_mg * t.course_high, first.low_mg) and _close(dose.high_mg * t.course_low, first.high_mg)
    total = _close(first.low_mg * t.course_low, dose.low_mg) and _close(first.high_mg * t.course_high, dose.high_mg)
    return per_day or total


def _close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6 * max(a, b)


def _typical(text: str, main: Draft, typical: DoseMatch, tail: str, lang: str) -> None:
    """A typical amount in brackets after a range: note it, and read the range's timing past it."""
    main.typical = (typical.low_mg, typical.high_mg)
    main.notes.append(f"typically {typical.text}")
    between = text[main.dose.end:typical.end]
    timing = read_timing(" " * len(between) + tail, lang)
    if timing.end:
        main.timing = timing
        main.span = (main.span[0], main.dose.end + timing.end)
        main.text = text[main.span[0]:main.span[1]].strip()


def _apply_caps(text: str, doses: list[DoseMatch], drafts: list[Draft], lang: str) -> None:
    """A cap bounds the dose just before it ("تا دوز تجمعی ...") or, said apart, every dose of the text."""
    for cap in doses:
        if not cap.is_cap:
            continue
        up_to = bool(_cuts(lang).up_to_cap.search(text[:cap.start]))
        bounded = [d for d in drafts if d.dose and d.dose.end <= cap.start][-1:] if up_to else drafts
        for draft in bounded:
            draft.max_total_low, draft.max_total_high = cap.low_mg, cap.high_mg
            draft.notes.append(f"cumulative cap: {text[max(0, cap.start - 25):cap.end].strip()}")
            if up_to:
                draft.span = (draft.span[0], max(draft.span[1], cap.end))
                draft.text = text[draft.span[0]:draft.span[1]].strip()


def _doseless(text: str, givens: list[DoseMatch], ends: list[int], others: list[Mention], lang: str) -> list[Draft]:
    """A clause that gives a dose's timing and phase but no amount ("و سپس ماهانه", "دوز نگه دارنده
    ... هر 4-12 هفته") is a regimen too, with its amount left empty and flagged."""
    cuts = _cuts(lang)
    drafts: list[Draft] = []
    bounds = sorted({0, len(text), *ends} | {m.start() for m in cuts.tail_stop.finditer(text)})
    # a clause with another drug's amount ("و سپس پردنیزون 2 mg/kg روزانه") times that drug, not IVIg: the
    # clauses (numbered as the bounds) an amount starts in, found once, not tested for each clause
    taken = {bisect_right(bounds, at) - 1 for at in [d.start for d in givens] + [m.start for m in others]}
    for i, (start, end) in enumerate(zip(bounds, bounds[1:])):
        clause = text[start:end]
        if i in taken or not cuts.may_time.search(clause):
            continue
        phase, _ = _last_cue(lang, "phase", clause)
        if not (phase or cuts.dose_word in clause or pack(lang).ivig.search(clause)):  # a dose, or the drug
            continue  # its timing is no dose's: not read
        timing = read_timing(clause, lang)
        if timing.every_unit or timing.daily:
            draft = Draft(dose=None, span=(start, end), text=clause.strip(cuts.clause_trim), timing=timing, phase=phase)
            draft.problems.append(Reason("amount_not_stated", "the statement gives timing for a dose but no amount"))
            drafts.append(draft)
    return drafts
