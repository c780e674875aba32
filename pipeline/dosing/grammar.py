"""A normalized statement -> its dose regimens: amount, basis, timing, phase, population, doubts.

Each dose amount opens a regimen. Its timing is read from the words after it, up to the next dose,
the end of the sentence or a change of phase ("سپس"); its phase from the words just before it; an
alternative ("... یا 0.5 تا 2.4 گرم ...") keeps the phase of the dose it stands beside. Written so that
any statement can use it: a circular's cell, or an article's sentence once numbers are normalized.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from types import SimpleNamespace

from ..lexicon import load
from .doses import DoseMatch, find_doses
from .pack import pack
from .plausibility import basis_of, check
from .timing import Timing, read_timing
from .vocab import vocab

_PHASE_AFTER = 25  # characters after an amount in which its phase may still be named
_PARENTHESIS = re.compile(r"\([^()]*(?:\)|$)")  # a bracket the window cuts off counts too


@cache
def _cuts() -> SimpleNamespace:
    """The statement-cutting patterns of the Persian pack (data/lang/fa.yaml, statement)."""
    data = load("lang/fa.yaml")["statement"]
    compiled = {key: re.compile(value) for key, value in data.items() if key not in ("may_dose_words", "dose_word", "clause_trim")}
    # Cheap gate before the grammar runs: a dose needs a number (digits or words) or an interval word.
    compiled["may_dose"] = re.compile(rf"\d|{data['may_dose_words']}|{pack('fa').number}")
    return SimpleNamespace(**compiled, dose_word=data["dose_word"], clause_trim=data["clause_trim"])


@dataclass
class Draft:
    """A regimen as read from one statement, before it is tied to a row or an indication."""

    dose: DoseMatch | None
    span: tuple[int, int]
    text: str
    timing: Timing
    phase: str | None = None
    population: str | None = None
    basis: str | None = None
    max_total_low: float | None = None
    max_total_high: float | None = None
    typical: tuple[float, float] | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _sentence_bounds(ends: list[int], length: int, at: int) -> tuple[int, int]:
    """Start and end of the sentence holding position `at`, given where the text's sentences end."""
    i = bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else length)


def _last_cue(groups, text: str) -> tuple[str | None, int | None]:
    """The cue (phase or population) nearest the end of text, and where it starts."""
    best: tuple[str | None, int | None, int] = (None, None, -1)
    for name, pattern in groups:
        for m in pattern.finditer(text):
            if m.end() > best[2]:
                best = (name, m.start(), m.end())
    return best[0], best[1]


def populations_in(text: str) -> set[str]:
    return {name for name, pattern in vocab().population if pattern.search(text)}


def statement_to_drafts(text: str, context_population: str | None = None) -> list[Draft]:
    """Every regimen a normalized statement states, with the words each was read from."""
    if not _cuts().may_dose.search(text):  # no number and no interval word: nothing to read (most sentences)
        return []
    doses = find_doses(text)
    givens = [d for d in doses if not d.is_cap]
    drafts: list[Draft] = []
    sentence_ends = [m.end() for m in _cuts().sentence_end.finditer(text)]
    for i, dose in enumerate(doses):
        if dose.is_cap:
            continue
        prev_end = doses[i - 1].end if i else 0
        next_start = doses[i + 1].start if i + 1 < len(doses) else len(text)
        s_start, s_end = _sentence_bounds(sentence_ends, len(text), dose.start)
        lead = text[max(prev_end, s_start):dose.start]
        tail = text[dose.end:min(next_start, s_end)]
        if stop := _cuts().tail_stop.search(tail):
            tail = tail[:stop.start()]
        if drafts and drafts[-1].dose and _cuts().typical.search(lead):
            _typical(text, drafts[-1], dose, tail)  # "0.2 تا 0.8 گرم ... (عموما 400-500 mg/kg) هر 3 تا 4 هفته"
            continue
        timing = read_timing(tail)
        if _cuts().single_before.search(lead) and timing.count_high is None:  # "به صورت تک دوز 2 gram/kg"
            timing.count_low = timing.count_high = 1.0
        phase, cue_at = _last_cue(vocab().phase, lead)
        start = max(prev_end, s_start) + cue_at if cue_at is not None else dose.start
        if phase is None:  # "0.8-1 gram/kg تک دوز اولیه": the phase may follow the amount closely
            phase, _ = _last_cue(vocab().phase, tail[:_PHASE_AFTER])
        draft = Draft(dose=dose, span=(start, dose.end + timing.end), text="", timing=timing, phase=phase)
        if _cuts().alternative.search(lead) and drafts and phase is None:
            draft.phase, draft.population = drafts[-1].phase, drafts[-1].population
        own = populations_in(_PARENTHESIS.sub(" ", text[max(prev_end, s_start):dose.end + len(tail)]))
        if len(own) == 1:
            draft.population = own.pop()
        elif len(own) > 1:
            draft.notes.append("populations named together: " + ", ".join(sorted(own)))
        draft.text = text[draft.span[0]:draft.span[1]].strip()
        drafts.append(draft)
    drafts += _doseless(text, givens)
    cell_populations = None
    for draft in drafts:
        if draft.population is None and not any(n.startswith("populations") for n in draft.notes):
            if cell_populations is None:
                cell_populations = populations_in(_PARENTHESIS.sub(" ", text))
            if len(cell_populations) == 1:
                draft.population = next(iter(cell_populations))
            elif context_population:
                draft.population = context_population
        draft.basis, basis_problems = basis_of(draft, text)
        draft.problems += basis_problems
        draft.problems += check(draft)
    _apply_caps(text, doses, drafts)  # after the basis: a cap's "دوز تجمعی" does not make a dose a total
    return drafts


def _typical(text: str, main: Draft, typical: DoseMatch, tail: str) -> None:
    """A typical amount in brackets after a range: note it, and read the range's timing past it."""
    main.typical = (typical.low_mg, typical.high_mg)
    main.notes.append(f"typically {typical.text}")
    between = text[main.dose.end:typical.end]
    timing = read_timing(" " * len(between) + tail)
    if timing.end:
        main.timing = timing
        main.span = (main.span[0], main.dose.end + timing.end)
        main.text = text[main.span[0]:main.span[1]].strip()


def _apply_caps(text: str, doses: list[DoseMatch], drafts: list[Draft]) -> None:
    """A cap bounds the dose just before it ("تا دوز تجمعی ...") or, said apart, every dose of the text."""
    for i, cap in enumerate(doses):
        if not cap.is_cap:
            continue
        up_to = bool(_cuts().up_to_cap.search(text[:cap.start]))
        bounded = [d for d in drafts if d.dose and d.dose.end <= cap.start][-1:] if up_to else drafts
        for draft in bounded:
            draft.max_total_low, draft.max_total_high = cap.low_mg, cap.high_mg
            draft.notes.append(f"cumulative cap: {text[max(0, cap.start - 25):cap.end].strip()}")
            if up_to:
                draft.span = (draft.span[0], max(draft.span[1], cap.end))
                draft.text = text[draft.span[0]:draft.span[1]].strip()


def _doseless(text: str, givens: list[DoseMatch]) -> list[Draft]:
    """A clause that gives a dose's timing and phase but no amount ("و سپس ماهانه", "دوز نگه دارنده
    ... هر 4-12 هفته") is a regimen too, with its amount left empty and flagged."""
    drafts: list[Draft] = []
    bounds = sorted({0, len(text)} | {m.end() for m in _cuts().sentence_end.finditer(text)}
                    | {m.start() for m in _cuts().tail_stop.finditer(text)})
    for start, end in zip(bounds, bounds[1:]):
        clause = text[start:end]
        if any(start <= d.start < end for d in givens) or not _cuts().may_time.search(clause):
            continue
        phase, _ = _last_cue(vocab().phase, clause)
        timing = read_timing(clause)
        if timing.every_unit and (phase or _cuts().dose_word in clause):
            draft = Draft(dose=None, span=(start, end), text=clause.strip(_cuts().clause_trim), timing=timing, phase=phase)
            draft.problems.append("amount_not_stated: the statement gives timing for a dose but no amount")
            drafts.append(draft)
    return drafts
