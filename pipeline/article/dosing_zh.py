"""A Chinese statement -> Regimen records (through the one dose engine) and Criterion records.

Doses are read by pipeline/dosing with the Chinese pack (data/lang/zh.yaml). Thresholds (IgG <4 克/升,
20 岁及以上, 移植后 100 天内, 血小板<30×10^9/L) give criteria in canonical units (spellings in
data/units_zh.yaml), except in a sentence that advises against (不建议): there they describe who is
excluded, which a Criterion cannot say; and a dose's course ("移植后的前 3 个月内") is not a threshold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..compiled import regex
from ..gate import gated
from ..live_names import live_names
from ..lexicon import load
from ..normalize.zh import numeral_pattern, read_number
from ..records import Criterion, Reason, Regimen


def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    course: re.Pattern
    window: re.Pattern
    clause_cut: re.Pattern
    cut_words: tuple[str, ...]  # what a cut needs: a semicolon or a "then" word (most lines have none)
    criteria: tuple[tuple[str, re.Pattern], ...]  # (analyte, pattern or gate.Gated)
    gates: dict  # analyte -> its pattern, for live_names.live_names


def _range(name: str = "") -> str:
    num, marks = numeral_pattern(), _alt(load("units_zh.yaml")["range_marks"])
    return rf"(?P<lo{name}>{num})(?:\s*(?:{marks})\s*(?P<hi{name}>{num}))?"


@cache
def patterns() -> _Patterns:
    """The threshold patterns of data/units_zh.yaml, and the course words a threshold must not be read in."""
    u = load("units_zh.yaml")
    rules = load("article_zh.yaml")
    r, time = _range(), _alt(u["time_units"])
    ops, sops = _alt(u["comparisons"]["prefix"]), _alt(u["comparisons"]["suffix"])
    a = u["analytes"]
    igg = rf"(?:{_alt(a['igg']['words'])})\s*(?:{_alt(a['igg']['qualifiers'])})?\s*"
    igg_units = _alt(a["igg"]["units"])
    age_units, day_units = _alt(a["age"]["units"]), _alt(a["days_since_transplant"]["units"])
    window = u["course_window"]
    mw = rf"(?:{_alt(u['measure_words'])})?"
    between = "".join(rf"\s*(?:{re.escape(w)})?" for w in a["days_since_transplant"]["between"])
    flags = re.IGNORECASE
    return _with_gates(
        course=regex(rf"(?:{_alt(u['course_prefixes'])})\s*{r}\s*{mw}\s*(?P<unit>{time})"),
        window=regex(rf"{window['prefix']}\s*{r}\s*{mw}\s*(?P<unit>{time})\s*(?:{_alt(window['suffix'])})"),
        clause_cut=regex(rf"[;；]|(?={_alt(rules['then_words'])})"),
        cut_words=(";", "\uff1b", *rules["then_words"]),
        criteria=tuple((name, gated(pattern)) for name, pattern in (  # behind their words (gate.py): most lines have none
            ("igg", regex(rf"{igg}(?P<op>{ops})\s*{r}\s*(?P<unit>{igg_units})"
                               rf"|{igg}{_range('2')}\s*(?P<unit2>{igg_units})\s*(?P<sop>{sops})", flags)),
            ("platelets", regex(rf"(?:{_alt(a['platelets']['words'])})\s*(?P<op>{ops})\s*{r}\s*"
                                     rf"(?P<unit>{_alt(a['platelets']['units'])})", flags)),
            ("age", regex(rf"(?:{_alt(a['age']['words'])})\s*(?P<op>{ops})\s*{r}\s*(?P<unit>{age_units})"
                               rf"|{_range('2')}\s*(?P<unit2>{age_units})\s*(?P<sop>{sops})")),
            ("days_since_transplant", regex(
                rf"(?:{_alt(a['days_since_transplant']['anchors'])}){between}\s*{_range('2')}\s*{mw}\s*"
                rf"(?P<unit2>{day_units})\s*(?P<sop>{sops})")),
        )),
    )


def _with_gates(course: re.Pattern, window: re.Pattern, clause_cut: re.Pattern, cut_words: tuple,
                criteria: tuple) -> _Patterns:
    return _Patterns(course, window, clause_cut, cut_words, criteria, dict(criteria))


def _number(m: re.Match, name: str = "") -> tuple[float | None, float | None]:
    lo = read_number(m.group(f"lo{name}"))
    hi = read_number(m.group(f"hi{name}")) if m.group(f"hi{name}") else lo
    return lo, hi


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (cut before "then" words and at semicolons)."""
    g = patterns()
    # every cut needs a semicolon or a "then" word (the pattern, a lookahead first, is tried at every
    # character): without one the sentence is one clause
    if not any(map(text.__contains__, g.cut_words)):
        return [(0, len(text))] if text.strip(" ,;:") else []
    cuts = sorted({0, len(text), *(m.start() for m in g.clause_cut.finditer(text) if m.start())})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip(" ,;:")]


def course_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where a dose clause states its course: "移植后的前 3 个月内" there is not a threshold."""
    from ..dosing.doses import find_doses

    doses = [d.start for d in find_doses(text, "zh") if not d.is_cap]
    if not doses:  # no clause states a dose
        return ()
    g = patterns()
    spans = []
    for start, end in _clauses(text):
        if any(start <= d < end for d in doses):
            spans += [m.span() for p in (g.course, g.window) for m in p.finditer(text, start, end)]
    return tuple(spans)


def _cue(words_by_value: dict, text: str) -> str | None:
    return next((value for value, words in words_by_value.items() if any(w in text for w in words)), None)


def text_to_regimens(text: str, paragraph: str, doc_id: str, statement_id: str,
                     indication_id: str | None = None, reasons: tuple[Reason, ...] = ()) -> list[Regimen]:
    """Every regimen of one normalized sentence, read by the one dose engine (pipeline/dosing) with the
    Chinese pack; paragraph is the text its population and evidence are read from."""
    from dataclasses import replace

    from ..dosing.cues import populations_in
    from ..dosing.drafts import statement_to_drafts
    from ..dosing.regimens import draft_to_regimen

    rules = load("article_zh.yaml")
    found = populations_in(paragraph, "zh")
    context = next(iter(found)) if len(found) == 1 else None
    evidence = _cue(rules["evidence"], paragraph)
    regimens = []
    for n, draft in enumerate(statement_to_drafts(text, context, "zh"), start=1):
        regimen = draft_to_regimen(draft, doc_id, (statement_id,), "statement", evidence)
        regimens.append(replace(regimen, indication_id=indication_id, regimen_id=f"{statement_id}-g{n}",
                                review_reasons=tuple(dict.fromkeys(reasons + regimen.review_reasons))))
    return regimens


def text_to_criteria(text: str, doc_id: str, statement_id: str, indication_id: str | None = None,
                     reasons: tuple[Reason, ...] = (), skip: tuple[tuple[int, int], ...] = ()) -> list[Criterion]:
    """Every threshold of one normalized sentence; spans in skip (a dose's course) are not read."""
    u = load("units_zh.yaml")
    if advises_against(text):
        return []
    comparisons = u["comparisons"]
    out = []
    for analyte, pattern in _live_criteria(text):
        spec = u["analytes"][analyte]
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in skip):
                continue
            name = "" if m.groupdict().get("lo") else "2"
            op = comparisons["prefix"].get(m.group("op")) if m.groupdict().get("op") else \
                comparisons["suffix"][m.group("sop")]
            why = list(reasons)
            if m.groupdict().get("sop") in comparisons["ambiguous"]:
                why.append(Reason("bound_ambiguous", f"'{m.group('sop')}' may or may not include the number",
                                  span=m.span("sop"), words=m.group("sop")))
            lo, hi = _number(m, name)
            factor = {k.lower(): v for k, v in spec["units"].items()}[m.group(f"unit{name}").lower()]
            target = any(w in text[max(0, m.start() - 12):m.start()] for w in u["target_words"])
            out.append(Criterion(
                doc_id=doc_id, row_ids=(statement_id,), analyte=analyte, op=op, value_low=lo * factor,
                value_high=hi * factor if hi != lo else None, unit=spec["unit"], kind="target" if target else "eligibility",
                source_text=text, source_field="statement", span=m.span(), indication_id=indication_id,
                review_reasons=tuple(why), criterion_id=f"{statement_id}-t{len(out) + 1}"))
    return out


def _live_criteria(text: str) -> list[tuple[str, re.Pattern]]:
    """The (analyte, pattern) pairs whose gate lets the text through, asked with the text lowered once."""
    g = patterns()
    live = live_names(g.gates, text)
    return [(analyte, pattern) for analyte, pattern in g.criteria if analyte in live]


def advises_against(text: str) -> bool:
    """True when the sentence advises against (its thresholds are exclusions, not read)."""
    return any(map(text.__contains__, load("article_zh.yaml")["negation"]))
