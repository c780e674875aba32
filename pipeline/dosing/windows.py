"""The words around one dose amount (its window), which the drafts read its timing, phase and basis from.

An amount's window runs from the previous amount (or the sentence's start) to the next amount (its own
or another drug's), the end of its sentence or a change of phase; a clause written just before the next
amount is that amount's; a window in which to start, a condition and the doses a patient has had are
blanked (same length), never read as a course or a count, and so is a bracket holding a ceiling ("(حداکثر
۸۰ گرم در یک نوبت)": the cap's words). The cut words come from the language pack (data/lang/<lang>.yaml).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache

from ..compiled import regex
from ..gate import gated
from ..lexicon import load
from .pack import pack
from .records import DoseMatch, Draft, Mention
from .vocab import vocab

_CLOSE_FIRST = re.compile(r"^[^()（）]*[)）]")  # a bracket closed in the tail before any opens: the amount's own
_CLOSED_BRACKET = re.compile(r"[(（][^()（）]*[)）]")  # a bracket opened and closed in a tail
_OPEN_AT_END = re.compile(r"[(（][^()（）]{0,25}$")  # the next amount stands in a bracket opened here


_NEVER = re.compile("(?!)")


@dataclass(frozen=True)
class _Cuts:
    """The statement-cutting patterns of a pack (data/lang/<lang>.yaml, `statement`)."""

    sentence_end: re.Pattern
    tail_stop: re.Pattern
    alternative: re.Pattern
    may_time: re.Pattern
    may_dose: re.Pattern
    single_before: re.Pattern
    up_to_cap: re.Pattern
    typical: re.Pattern
    restated: re.Pattern
    dose_word: str
    clause_trim: str
    shared: re.Pattern | None = None  # "均每月1次": the timing after the last amount is every amount's
    bullet_timing: re.Pattern | None = None  # a bullet opening an item of timing ("• تکرار: ...", "• 频次：...")
    daily_part: re.Pattern | None = None  # "، روزی", "，每天" before the amount a total's one day takes
    alternatives_between: re.Pattern | None = None  # "یا", "در برابر", "或", "vs": all between two amounts offered alike
    # words that end an amount's words only when another amount follows ("800 mg/kg 改为每2周400 mg/kg": the interval
    # after them is the new amount's; "1 g/kg 每3周，改为每2周" changes the interval of the one amount: doubted)
    tail_stop_before_amount: re.Pattern | None = None
    # words looked for in a statement's other steps (a pattern that never matches when the pack has none):
    compared: re.Pattern = _NEVER  # a comparison of doses (compared.py)
    population_except: re.Pattern = _NEVER  # a population excluded (populations.py)
    infusion_field: re.Pattern = _NEVER  # the infusion's time field, the doses' count field, a history (draft_timing.py)
    count_field: re.Pattern = _NEVER
    course_field: re.Pattern = _NEVER  # the course's field, the interval's field ("疗程：5天；剂量：...", "给药间隔：4周；...")
    interval_field: re.Pattern = _NEVER
    history_words: re.Pattern = _NEVER
    retreatment: re.Pattern = _NEVER  # a condition of treating again: no response, relapse (draft_timing.py)


_WORDS = ("compared", "population_except", "infusion_field", "count_field", "course_field", "interval_field", "history_words",
          "retreatment")


def _words(spec: str | list[str] | None) -> re.Pattern:
    """A pack's entry of words (one pattern or a list of them) as one pattern, case folded; never matching when absent."""
    if not spec:
        return _NEVER
    return regex("|".join(f"(?:{w})" for w in spec) if isinstance(spec, list) else spec, re.I)


@cache
def _cuts(lang: str) -> _Cuts:
    data = dict(load(f"lang/{lang}.yaml")["statement"])
    for key in ("sentence_end", "tail_stop"):  # the semicolon rule both share, written once in the pack
        data[key] = data[key].replace("{SEMICOLON_CELL}", data.get("semicolon_cell", ""))
    # Cheap gate before the grammar runs: a dose needs a number (digits or words) or an interval word.
    may_dose = regex(rf"\d|{data['may_dose_words']}|{pack(lang).number}")
    return _Cuts(*(gated(regex(data[k])) for k in ("sentence_end", "tail_stop", "alternative", "may_time")),
                 may_dose, *(gated(regex(data[k])) for k in ("single_before", "up_to_cap", "typical", "restated")),
                 data["dose_word"], data["clause_trim"],
                 # only ever matched at the tail's start (match): a gate would scan the whole tail for nothing
                 shared=regex(data["shared"]) if data.get("shared") else None,
                 bullet_timing=regex(data["bullet_timing"]) if data.get("bullet_timing") else None,
                 daily_part=regex(data["daily_part"], re.I) if data.get("daily_part") else None,
                 alternatives_between=regex(data["alternatives_between"], re.I) if data.get("alternatives_between") else None,
                 tail_stop_before_amount=regex(data["tail_stop_before_amount"]) if data.get("tail_stop_before_amount") else None,
                 **{key: _words(data.get(key)) for key in _WORDS})


def item_ends(text: str, ends: list[int], doses: list[DoseMatch], lang: str) -> list[int]:
    """The sentence ends less a bullet opening an item of timing (the pack's `statement.bullet_timing`) with no
    amount of its own: "• دوز: 1 g/kg • تکرار: هر 4 هفته" lists one regimen's fields, its timing the amount's;
    "· 川崎病：2克 · ITP：1克，每日" is two items, each with its amount, "• نگهدارنده: ماهانه" an item of its own."""
    field = _cuts(lang).bullet_timing
    if field is None:
        return ends
    starts = sorted(d.start for d in doses if not d.is_cap)
    bounds = ends + [len(text)]
    return [end for end, nxt in zip(ends, bounds[1:]) if not field.match(text, end)
            or bisect_right(starts, nxt - 1) > bisect_right(starts, end - 1)]


def _sentence_bounds(ends: list[int], length: int, at: int) -> tuple[int, int]:
    """Start and end of the sentence holding position `at`, given where the text's sentences end."""
    i = bisect_right(ends, at)
    return (ends[i - 1] if i else 0), (ends[i] if i < len(ends) else length)


@dataclass(frozen=True)
class _Window:
    """The words around one amount: before it (since the last dose or sentence start) and after it."""

    lead_start: int
    lead: str
    tail: str
    timing_lead: str  # the part of lead no earlier regimen's words cover
    raw_tail: str = ""  # the tail before windows were blanked


def _window(text: str, doses: list[DoseMatch], i: int, ends: list[int], drafts: list[Draft], others: list[Mention],
            lang: str) -> _Window:
    """The window of doses[i]; `others` are the text's amounts of other drugs (its other_drug mentions)."""
    dose = doses[i]
    prev_end = doses[i - 1].end if i else 0
    next_start = doses[i + 1].start if i + 1 < len(doses) else len(text)
    # "2 g/kg طی 2 روز همراه با پردنیزولون 60 mg روزانه": the words after another drug's amount are that
    # amount's; the window of an IVIg amount ends at the next amount, whoever's it is
    if others:
        next_start = min([next_start] + [m.start for m in others if m.start >= dose.end][:1])
    s_start, s_end = _sentence_bounds(ends, len(text), dose.start)
    lead_start = max(prev_end, s_start)
    if i and prev_end >= s_start:
        lead_start = _past_total_words(text, lead_start, lang)
    ivig_next = doses[i + 1].start if i + 1 < len(doses) else len(text)  # "改为 ... 泼尼松10 mg": another drug's is none
    tail = _cut_tail(text[dose.end:min(next_start, s_end)], ivig_next < s_end and ivig_next == next_start,
                     next_start < len(text) and next_start <= s_end, lang)
    # "2 g/kg در 10 روز اول شروع تب": a window in which to start is blanked, never read as a course
    covered = max([_after_other_amount(text, lead_start, dose.start, others, lang) if others else lead_start]
                  + [d.span[1] for d in drafts if d.span[1] <= dose.start])
    v = vocab(lang)
    return _Window(lead_start, text[lead_start:dose.start], _blank(v.history, _blank(v.window, tail)),
                   _blank_conditions(text[covered:dose.start], lang), tail)


_ANY_COMMA = re.compile(r"[,\u060c\uff0c\u3001;\u061b\uff1b]")


def _cut_tail(tail: str, amount_follows: bool, next_in_sentence: bool, lang: str) -> str:
    """The words after an amount that are its own: up to a word that ends them (the pack's tail_stop; before another
    amount, tail_stop_before_amount too), else less the next amount's own last clause (_own_clauses)."""
    cuts = _cuts(lang)
    if amount_follows and cuts.tail_stop_before_amount is not None and (
            before := cuts.tail_stop_before_amount.search(tail)) and not _ANY_COMMA.search(tail, before.end()):
        tail = tail[:before.start()]  # the next amount stands in the words' own clause ("改为每2周400 mg/kg")
    if stop := cuts.tail_stop.search(tail):
        return tail[:stop.start()]
    return _own_clauses(tail, lang) if next_in_sentence else tail


def _past_total_words(text: str, start: int, lang: str) -> int:
    """Where the next amount's words start after an amount at `start`: past the total words right after it
    ("2 g/kg کل دوز، روزانه 0.4 g/kg", "2 g/kg 总量，每日0.4 g/kg"), which are that amount's, not the next's."""
    v = vocab(lang)
    m = next((found for after in (v.basis_total_after, v.basis_divided_after) if after is not None
              and (found := after.match(text[start:start + 40]))), None)
    # not words that open the next amount ("0.4 g/kg/d，总量2 g/kg": the total's own word)
    return start + m.end() if m and not text[start + m.end():start + m.end() + 4].lstrip()[:1].isdigit() else start


def _after_other_amount(text: str, start: int, end: int, others: list[Mention], lang: str) -> int:
    """Where the words an amount may take its timing from start, after another drug's amount (of
    `others`) in text[start:end]: "پردنیزولون 60 mg روزانه و IVIG 2 g/kg": the daily is prednisolone's;
    only a last clause of its own ("泼尼松60 mg，每日IVIG 2 g/kg") may time the IVIg amount."""
    ends = [m.end for m in others if start <= m.end <= end]
    if not ends:
        return start
    cuts = [m.end() for m in vocab(lang).clause_comma.finditer(text, ends[-1], end)]
    return cuts[-1] if cuts else end


def _own_clauses(tail: str, lang: str) -> str:
    """The words up to the next amount, less its own last clause: "400 mg/kg روزانه ×5 روز، در صورت
    عود هر 4 هفته 400 mg/kg": the interval written just before the next amount is that amount's."""
    if bracket := _OPEN_AT_END.search(tail):  # "... 共5日（总量2 g/kg）": a bracket restates, it takes no clause
        return tail[:bracket.start()]
    if (close := _CLOSE_FIRST.match(tail)) and vocab(lang).clause_comma.search(tail, 0, close.end() - 1):
        # "IVIG (400 mg/kg/روز، 5 روز متوالی) ... 500 ml": the amount stands in a bracket that closes
        # before the next amount: its clauses up to the bracket's end are the amount's
        return tail[:close.end() - 1]
    cuts = _clause_ends(tail, lang)
    return tail[:cuts[-1]] if cuts and tail[cuts[-1] + 1:].strip() else tail


def _clause_ends(tail: str, lang: str) -> list[int]:
    """Where the tail's clauses end (a comma's place, or just past a closing bracket). A comma inside a bracket
    that closes in the tail parts no clause there: the bracket's end does ("2 g/kg (مجموع، طی 5 روز) ‖ نگهدارنده:
    ...", "400 mg/kg روزانه (5 روز، بستری) و ماهانه 400 mg/kg")."""
    inside = [m.span() for m in _CLOSED_BRACKET.finditer(tail)]
    commas = [m.start() for m in vocab(lang).clause_comma.finditer(tail)]
    return sorted([c for c in commas if not any(a < c < b for a, b in inside)]
                  + [b for a, b in inside if any(a < c < b for c in commas)])


def _blank_conditions(text: str, lang: str) -> str:
    """A condition ("در 100 روز اول") is not a course, nor the doses a patient has had ("قبلاً ۳ نوبت"): their
    words are blanked (same length) before timing is read."""
    v = vocab(lang)
    return _blank(v.history, _blank(v.condition, _blank(v.window, text)))


def _blank(pattern: re.Pattern | None, text: str) -> str:
    return pattern.sub(_spaces, text) if pattern is not None and text else text


def _spaces(m: re.Match) -> str:
    return " " * (m.end() - m.start())


def _cap_brackets(text: str, ceilings: list[DoseMatch]) -> list[tuple[int, int]]:
    """The brackets that hold a ceiling and no other number ("（單次最多140 g）", "(حداکثر ۱۴۰ گرم در یک نوبت)"):
    the cap's words ("（最大70 g，连用2天）" holds a course too: not the cap's alone); else the clause that does, after a
    comma or a semicolon ("IVIG ۲ g/kg طی ۲ روز، حداکثر روزانه ۷۰ گرم", "2 g/kg 分2天，最大每日 70 g"): its day or month is
    the cap's, not the dose's interval (the dose was read daily for 2 days, twice its total)."""
    spans = []
    for ceiling in ceilings:
        opened, closed = _LAST_OPEN.search(text, 0, ceiling.start), _CLOSE_NEXT.match(text, ceiling.end)
        if opened and closed and not _DIGIT.search(text[opened.start():ceiling.start] + closed.group(0)):
            spans.append((opened.start(), closed.end()))
            continue
        opened, closed = _CLAUSE_OPEN.search(text, 0, ceiling.start), _CLAUSE_CLOSE.match(text, ceiling.end)
        if opened and not _DIGIT.search(text[opened.start():ceiling.start] + closed.group(0)):
            spans.append((opened.start() + 1, closed.end()))
    return spans


_LAST_OPEN = re.compile(r"[(（][^()（）]*$")
_CLOSE_NEXT = re.compile(r"[^()（）]*[)）]")
_CLAUSE_OPEN = re.compile(r"[,\u060c\uff0c;\u061b\uff1b][^,\u060c\uff0c;\u061b\uff1b()（）]*$")
_CLAUSE_CLOSE = re.compile(r"[^,\u060c\uff0c;\u061b\uff1b\u3002()（）]*?(?=[,\u060c\uff0c;\u061b\uff1b\u3002()（）]|\.(?!\d)|$)")
_DIGIT = re.compile(r"\d")


def _uncapped(window: _Window, start: int, capped: list[tuple[int, int]]) -> _Window:
    """The window with the brackets or clause of a ceiling in its tail (from `start`), or the clause of one in its lead,
    blanked: a single-dose word or a day in them is the cap's, not the regimen's count or timing ("حداکثر ۷۰ گرم روزانه،
    سپس ۱ g/kg هر ۴ هفته": no daily maintenance dose)."""
    tail, lead, timing_lead = window.tail, window.lead, window.timing_lead
    lead_end = window.lead_start + len(lead)
    for a, b in capped:
        if a >= start and b <= start + len(tail):
            tail = tail[:a - start] + " " * (b - a) + tail[b - start:]
        elif a >= window.lead_start and b <= lead_end and lead[a - window.lead_start] not in "(\uff08":  # a clause, not brackets
            lead = lead[:a - window.lead_start] + " " * (b - a) + lead[b - window.lead_start:]
            timing_lead = lead[len(lead) - len(timing_lead):]
    if tail is window.tail and lead is window.lead:
        return window
    return replace(window, tail=tail, lead=lead, timing_lead=timing_lead)
