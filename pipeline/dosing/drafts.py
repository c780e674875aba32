"""A normalized statement -> its dose regimens (Drafts): amount, basis, timing, phase, population, doubts.

One engine for every language; the words come from the language pack (data/lang/<lang>.yaml). Each
dose amount opens a regimen. Its timing is read from the words after it, up to the next dose, the end
of the sentence or a change of phase ("سپس", "之后"); when those words give no interval or course, from
the words before it ("每周使用 0.5 g/kg", "هر ۳ هفته ۴۰۰ میلی‌گرم بر کیلوگرم"). Its phase comes from the
words just before it; an alternative ("... یا 0.5 تا 2.4 گرم ...") keeps the phase of the dose it
stands beside. How the timing is completed and shared: draft_timing.py; the cues (phase, population): cues.py.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..gate import for_text
from ..records import Reason
from .ceilings import apply_ceilings
from .compared import compared_amounts
from .cues import last_cue, populations_in, unbracketed
from .doses import find_doses
from .draft_timing import (share_alternatives, share_timing, the_repeat, times_a_day, timing_of, timing_said_first,
                           weighed)
from .negation import negated
from .not_to_give import not_to_give
from .net import mentions_in
from .pack import pack
from .plausibility import basis_of, check
from .populations import own_populations
from .records import DoseMatch, Draft, Mention, Timing
from .timing import read_timing
from .total_splits import totals_said_by_splits
from .totals import (bracket_kind, bracketed_total, conflict_reason, daily_form_words, daily_part_opened, note_volumes, restated_daily,
                     restated_total, restated_volumes, restatement_basis, restating_bracket, total_before, total_first)
from .vocab import vocab
from .windows import (_Window, _blank, _blank_conditions, _cap_brackets, _cuts, _sentence_bounds, _uncapped,
                      _window, item_ends)

_PHASE_AFTER = 25  # characters after an amount in which its phase may still be named


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
    ends = item_ends(text, [m.end() for m in _cuts(lang).sentence_end.finditer(text)], doses, lang)  # found once
    others = [m for m in mentions_in(text, lang) if m.kind == "other_drug"]  # other drugs' amounts, found once
    drafts = _doses_to_drafts(text, doses, ends, others, lang, _cap_brackets(text, ceilings))
    drafts += _doseless(text, [d for d in doses if not d.is_cap], ends, others, lang)
    _preface_fields(text, doses, ends, drafts, lang)
    compared_amounts(text, drafts, ends, lang)  # "IVIG 1 g/kg و 2 g/kg مقایسه شدند": a study's arms
    around: list[set[str]] = []  # the populations of the sentences with no amount, worked out when first asked
    for draft in drafts:
        _settle(text, draft, context_population, ends, around, lang)
    _apply_caps(text, doses, drafts, lang)  # after the basis: a cap's "دوز تجمعی" does not make a dose a total
    apply_ceilings(text, ceilings, drafts, lang)
    _apply_restated(restated, drafts)
    note_volumes(volumes, drafts)
    return totals_said_by_splits(drafts)  # "دوز کل 2 g/kg: یا 1 g/kg/day × 2 روز یا ...": the total, their note


def _preface_fields(text: str, doses: list[DoseMatch], ends: list[int], drafts: list[Draft], lang: str) -> None:
    """Fields in the sentences before the first amount's (timing_said_first), when they hold no amount, another
    drug's neither."""
    first = _sentence_bounds(ends, len(text), doses[0].start)[0] if doses else 0
    if first and all(m.start >= first for m in mentions_in(text, lang)):
        timing_said_first(text[:first], drafts, lang)


def _restated(text: str, doses: list[DoseMatch], lang: str) -> list[DoseMatch]:
    """"2 g/kg（共30 g）": the per-kg amount worked out for one body weight restates it, no regimen of its own; so
    does the same per-kg amount in other units ("0.4 g/kg/d（即400 mg/kg/d）", "0.4 g/kg (400 mg/kg)")."""
    restated = _cuts(lang).restated
    return [d for p, d in zip(doses, doses[1:]) if p.unit == "mg/kg" and (d.unit in ("g", "mg") or _same_per_kg(p, d))
            and restated.fullmatch(text[p.end:d.start])]


def _same_per_kg(first: DoseMatch, then: DoseMatch) -> bool:
    """The same amount per kg, per the same time (or none said), written again: "0.4 g/kg/d" and "400 mg/kg/d"."""
    return (then.unit == "mg/kg" and not then.is_cap and then.low_mg is not None and then.per in (None, first.per)
            and (then.low_mg, then.high_mg) == (first.low_mg, first.high_mg))


def _apply_restated(restated: list[DoseMatch], drafts: list[Draft]) -> None:
    for amount in restated:
        for draft in [d for d in drafts if d.dose and d.dose.end <= amount.start][-1:]:
            draft.notes.append(f"restated as {amount.text.strip()}" if amount.unit == "mg/kg"
                               else f"worked out for a body weight as {amount.text.strip()}")


def _doses_to_drafts(text: str, doses: list[DoseMatch], ends: list[int], others: list[Mention],
                     lang: str, capped: list[tuple[int, int]] = ()) -> list[Draft]:
    """One draft per amount given (caps aside); a typical amount or a restatement in brackets is a note."""
    drafts: list[Draft] = []
    first_total: list[Draft] | None = None  # a course total written before the regimen it sums, held
    loose = False  # that total is said by a bracket alone (no total word): kept as it is when nothing checks it
    for i, dose in enumerate(doses):
        if dose.is_cap:
            continue
        window = _window(text, doses, i, ends, drafts, others, lang)
        if capped:
            window = _uncapped(window, dose.end, capped)
        made = _amount_to_drafts(text, dose, window, drafts, lang)
        if first_total is not None:
            made, first_total, loose = total_before(first_total, made, loose), None, False
        elif made and (total_first(text, doses, i, window.lead, lang, made[0].span[1])
                       or (loose := bracketed_total(text, doses, i, made[0], lang))):
            if not loose and i + 1 < len(doses):  # a total word: a bracket that goes on past the day's amount is more
                loose = "word_more" if bracket_kind(text, doses[i + 1].end) == "more" else False
            first_total = made  # "مجموعاً 2 g/kg (400 mg/kg روزانه ×5 روز)": decided by the regimen after it
            continue
        share_timing(drafts, made, window, _sentence_bounds(ends, len(text), dose.start)[0], lang)
        share_alternatives(text, drafts, made, lang)
        if drafts and made:
            weighed(text, drafts[-1], made, lang)
        drafts += made
    return drafts + (first_total or [])


def _amount_to_drafts(text: str, dose: DoseMatch, window: _Window, drafts: list[Draft], lang: str) -> list[Draft]:
    """The drafts one amount opens (none when it is a note of the regimen before it)."""
    if drafts and drafts[-1].dose and _cuts(lang).typical.search(window.lead):
        _typical(text, drafts[-1], dose, window.tail, lang)  # "0.2 تا 0.8 گرم ... (عموما 400-500 mg/kg) ..."
        return []
    if drafts and _restates(drafts[-1], dose, window):  # "2 g/kg طی 5 روز (400 mg/kg/روز)": the same regimen
        if restated_daily(drafts[-1], dose):  # one amount a day: the daily form, as a total read first
            daily_form_words(text, drafts[-1], dose, window.lead_start + _OPEN_BRACKET.search(window.lead).start())
        else:
            drafts[-1].notes.append(f"restated as {dose.text}")
            restatement_basis(drafts[-1], dose)
        return []
    # "2 g/kg در 2 روز، روزی 1 g/kg": the total's one day after a comma, the same regimen in its daily form
    if drafts and (opened := daily_part_opened(drafts[-1], dose, window.lead, _cuts(lang).daily_part)) is not None \
            and restated_daily(drafts[-1], dose):
        daily_form_words(text, drafts[-1], dose, window.lead_start + opened)
        return []
    return _unless_total(drafts, dose, window, lang,
                         lambda: _by_condition(text, _dose_to_draft(text, dose, window, drafts, lang), window, lang))


def _unless_total(drafts: list[Draft], dose: DoseMatch, window: _Window, lang: str, make) -> list[Draft]:
    """"0.4 g/kg daily for 5 days (total 2 g/kg)": a total equal to the regimen before it times its days
    is a note of that regimen; a total that is not is kept as a regimen and both are flagged."""
    verdict = restated_total(drafts[-1], dose, window.lead, lang, window.tail) if drafts else None
    bracket = verdict is None and bool(drafts) and restating_bracket(drafts[-1], dose, window.lead, lang)
    if verdict == "same":
        drafts[-1].notes.append(f"course total restated as {dose.text.strip()}")
        restatement_basis(drafts[-1], dose)
        return []
    made = make()
    if verdict == "conflict" or bracket:  # "(یعنی ...)", "（即 ...）" after a course it does not restate: both flagged
        for draft in [drafts[-1], *made]:
            draft.problems.append(conflict_reason(drafts[-1], dose, bracket))
    return made


def _single_before(cuts, window: _Window, timing: Timing, dose: DoseMatch) -> bool:
    """"به صورت تک دوز 2 gram/kg", "单次剂量2 g/kg": one dose, when the words after it give no count, interval or
    course ("یک دوز 2 g/kg هر 4 هفته", "单次剂量0.4 g/kg，每4周一次": the amount of each dose, not one in all)."""
    if timing.count_high is not None or timing.every_unit or timing.daily or timing.course_high is not None:
        return False
    return dose.per not in ("day", "wk", "mo") and bool(for_text(cuts.single_before, window.lead).search(window.lead))


_BRACKETS = ("(", "\uff08")  # a dose read as a field's value opens with its bracketed unit ("(g/kg): 1")


def _dose_to_draft(text: str, dose: DoseMatch, window: _Window, drafts: list[Draft], lang: str) -> Draft:
    v, cuts = vocab(lang), _cuts(lang)
    timing, timing_before = timing_of(window, lang, field=dose.text[:1] in _BRACKETS)
    times_a_day(timing, dose.per)
    one_before = _single_before(cuts, window, timing, dose)
    if one_before:
        timing.count_low = timing.count_high = 1.0
    phase, cue_at = last_cue(lang, "phase", _blank(v.window, window.lead))  # "در 10 روز اول شروع تب": no phase
    starts = [at for at in (cue_at, timing_before) if at is not None]
    start = window.lead_start + min(starts) if starts else dose.start
    if phase is None:  # "0.8-1 gram/kg تک دوز اولیه": the phase may follow the amount closely
        phase, _ = last_cue(lang, "phase_after", window.tail[:_PHASE_AFTER])
    the_repeat(timing, phase)  # "تکرار یک‌باره ۲ g/kg": the amount is the repeat, N doses
    draft = Draft(dose=dose, span=(start, dose.end + timing.end), text="", timing=timing, phase=phase,
                  lead_start=window.lead_start, one_said_before=one_before)
    if cuts.alternative.search(window.lead) and drafts and phase is None:
        draft.phase, draft.population = drafts[-1].phase, drafts[-1].population
    # the population named just before the amount ("در بالغین 400 ... و در کودکان 500 ..."), else around it
    own = own_populations(window, dose, lang)
    if len(own) == 1:
        draft.population = own.pop()
    elif len(own) > 1:
        draft.notes.append("populations named together: " + ", ".join(sorted(own)))
    draft.text = text[draft.span[0]:draft.span[1]].strip()
    _conditions_and_notes(draft, window, v)
    draft.problems += not_to_give(text, dose, window, drafts, cuts.alternative.search(window.lead) is not None, lang)
    draft.problems += negated(window.lead, dose.text, window.raw_tail, draft.problems, lang)  # "... ندهید", "未输注"
    return draft


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
    if v.history is not None and (m := for_text(v.history, tail).search(tail)):  # "既往共输注3次", "原为每4周一次": kept, not timing
        draft.notes.append(f"before this regimen: {m.group(0).strip()}")


def _settle(text: str, draft: Draft, context_population: str | None, ends: list[int], around: list[set[str]],
            lang: str) -> None:
    """A draft's population from the whole statement (or its context), then its basis and doubts."""
    if draft.population is None and not any(n.startswith("populations") for n in draft.notes):
        # the population named in the dose's own sentence: "در اطفال ..." in one sentence does not make
        # the next sentence's "درمان حمله حاد: ..." a children's dose
        start, end = _sentence_bounds(ends, len(text), draft.span[0])
        found = populations_in(unbracketed(text[start:end]), lang)
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
        if (named := populations_in(unbracketed(sentence), lang)) and not find_doses(sentence, lang):
            found |= named
    return found if len(found) == 1 else set()


_OPEN_BRACKET = re.compile(r"[(（]\s*(?:[^\s\d()（）]+\s*){0,2}$")  # "(روزانه", "(هر روز", "（每日": a word or two


def _restates(previous: Draft, dose: DoseMatch, window: _Window) -> bool:
    """An amount in brackets just after a course that is the same course said per day or in total; over a
    range of days, a total restated as a range a day ("2 g/kg، طی 2-5 روز (0.4-1 g/kg در روز)"): each end
    times the other end of the days. A day's amount may follow two words ("(هر روز"); a total one at most
    (two, "(دوز کل", are a total's words: restated_total's)."""
    t, first = previous.timing, previous.dose
    opened = _OPEN_BRACKET.search(window.lead)
    if not (opened and t.course_low and t.course_high and first and first.low_mg and dose.low_mg):
        return False
    per_day = _close(dose.low_mg * t.course_high, first.low_mg) and _close(dose.high_mg * t.course_low, first.high_mg)
    total = _close(first.low_mg * t.course_low, dose.low_mg) and _close(first.high_mg * t.course_high, dose.high_mg)
    return per_day or (total and len(opened.group(0)[1:].split()) <= 1)


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
        phase, _ = last_cue(lang, "phase", clause)
        if not (phase or cuts.dose_word in clause or pack(lang).ivig.search(clause)):  # a dose, or the drug
            continue  # its timing is no dose's: not read
        timing = read_timing(clause, lang)
        if timing.every_unit or timing.daily:
            draft = Draft(dose=None, span=(start, end), text=clause.strip(cuts.clause_trim), timing=timing, phase=phase)
            draft.problems.append(Reason("amount_not_stated", "the statement gives timing for a dose but no amount"))
            drafts.append(draft)
    return drafts
