"""Normalized text -> the dose amounts it states, in canonical mg/kg, with where they stand.

A dose is a number or range, a mass unit and "per kilogram" in any of the circulars' spellings
("1-2 گرم برای هر کیلوگرم وزن بدن", "0.4-1.0 gr/kg/dose", "500 میلی گرم تا 1 گرم به ازای هر
کیلوگرم"). A range reads the same in either order ("2-0.5 gram/kg" is 0.5 to 2). A cumulative cap
("دوزهای تجمعی بیش از 4 گرم ... توصیه نمی‌شود") is found too, and is not a dose to give.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from operator import attrgetter, methodcaller

from ..records import Reason, make
from ..compiled import regex
from ..gate import gated
from .header_labels import normalize_words
from .net import mentions_in
from .pack import read_amount, scanned, unit_of
from .records import DoseMatch
from .vocab import SP, mg_per_unit, read_number, vocab


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern, ...], re.Pattern, re.Pattern]:
    """The dose patterns, the cap words before an amount, and one number of a range."""
    v = vocab(lang)
    # "یک گرم و نیم بر کیلوگرم": a half may follow the unit of one number (the pack's `half_after_unit`)
    half = rf"(?:{SP}(?P<half>{v.half_after_unit}))?" if v.half_after_unit else ""
    amount = rf"(?P<r1>{v.amount_range}){SP}(?P<u1>{v.mass}){half}"
    second = rf"(?:{SP}(?:{v.amount_joiners}){SP}(?P<r2>{v.range}){SP}(?P<u2>{v.mass}))?"
    others = "".join(rf"|{SP}(?P<per_{name}>{pattern})" for name, pattern in v.per_other)
    suffix = rf"(?:{SP}(?P<day>{v.per_day})|{SP}(?P<dose>{v.per_dose}){others})?"
    doses = [scanned(amount + second + rf"{SP}(?P<kg>{v.per_kg})" + suffix, re.I)]
    if v.per_kg_before:  # "每公斤体重 0.4 克": per kg written before the amount
        # "每公斤体重400毫克至600毫克": each end may repeat its unit, as after the amount
        # a slash after it is another unit ("/瓶") unless it says per day or per dose ("每公斤体重0.4克/日")
        per = rf"(?={SP}(?:{v.per_day}|{v.per_dose}))"
        doses.append(scanned(rf"(?P<kg>{v.per_kg_before}){SP}{amount}{second}(?:(?!{SP}/)|{per})" + suffix, re.I))
    # "دوز (گرم/کیلوگرم): 1", "剂量（g/kg）：2": a table or form names the unit in brackets, then the amount
    # per day may be written in words there ("(میلی‌گرم بر کیلوگرم در روز): ۴۰۰": the pack's `normalize.bracket_per_day`)
    words = normalize_words(lang, "bracket_per_day")
    bracketed = suffix.replace(rf"(?P<day>{v.per_day})", rf"(?P<day>{v.per_day}|{words})")
    doses.append(scanned(rf"[(\uff08]{SP}(?P<u1>{v.mass}){SP}(?P<kg>{v.per_kg}){bracketed}{SP}[)\uff09]{SP}[:\uff1a]{SP}"
                         rf"(?P<r1>{v.amount_range})(?![\d.]|[\u3001)\uff09A-Za-z])", re.I))  # not an item's number: "1、ITP", "①ITP"
    cap = regex(rf"(?P<cap>{v.cap_before}){SP}$")
    ends = regex(rf"(?P<n>{v.number})", re.I)
    # no word gate before the dose patterns: behind their lookahead (scanned) re passes a statement faster
    # than the gate's lowering and word tests would, and most statements the grammar reads hold a dose
    return tuple(doses), gated(cap), ends


@cache
def _mass(lang: str) -> re.Pattern:
    """Any mass unit the dose patterns read: half the statements of a document name no unit (fa 43 of
    109, zh 38 of 68)."""
    return scanned(vocab(lang).mass, re.I)


@cache
def _words(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """"preferably" in a range, and the words joining two amounts into one range as all that stands between
    them: compiled once, where they were compiled (or looked up in re's cache) on every call."""
    v = vocab(lang)
    return regex(v.preferably), regex(rf"{SP}(?:{v.amount_joiners}){SP}")


def _range_values(text: str, lang: str) -> tuple[list[float | None], bool]:
    """The numbers of a range as written (one or two), and whether the high end is "preferred"."""
    _, _, number = _patterns(lang)
    values = [read_number(m.group("n"), lang) for m in number.finditer(text)]
    return values, bool(_words(lang)[0].search(text))


def _matches(text: str, lang: str) -> list[re.Match]:
    """The amount matches of every dose pattern, in reading order, none overlapping an earlier one."""
    found: list[re.Match] = []
    for pattern in _patterns(lang)[0]:
        if not found:  # the first pattern's matches (or the first pattern that matches): nothing to overlap
            found = list(pattern.finditer(text))
            continue
        found += [m for m in pattern.finditer(text) if not any(m.start() < f.end() and f.start() < m.end()
                                                               for f in found)]
    return sorted(found, key=_MATCH_START) if len(found) > 1 else found


_MATCH_START = methodcaller("start")


def find_doses(text: str, lang: str = "fa") -> list[DoseMatch]:
    """Every dose amount (and cumulative cap) in a normalized text, in reading order."""
    return list(_find_doses(text, lang))


@lru_cache(maxsize=4096)  # a statement's amounts are asked for by the grammar, the net and the population cue
def _find_doses(text: str, lang: str) -> tuple[DoseMatch, ...]:
    mentions = mentions_in(text, lang)
    # every dose pattern holds a mass unit: a text the net finds no amount in is first asked for one (most
    # name none, and their dose patterns are not searched); one with a mention has units, the test is spared
    matches = _matches(text, lang) if mentions or _mass(lang).search(text) else []
    if not (matches or mentions):  # no amount of any kind: nothing to join, filter or order
        return ()
    _, cap_re, _ = _patterns(lang)
    found = [_match_to_dose(m, lang, bool(cap_re.search(text[:m.start()]))) for m in matches]
    joined = _not_doses_left(_join_dose_ranges(text, found, lang), mentions)
    fixed = _join_fixed_ranges(text, _not_per_kg(text, joined, lang, mentions), lang)
    if not (joined and fixed):  # each list is in reading order already: only two of them need merging
        return tuple(joined or fixed)
    return tuple(sorted(joined + fixed, key=_DOSE_START))


_DOSE_START = attrgetter("start")


def _match_to_dose(m: re.Match, lang: str, is_cap: bool) -> DoseMatch:
    """One amount match -> a DoseMatch in mg/kg; a second amount with its own unit ends the range."""
    problems: list[Reason] = []
    groups = m.groupdict()  # one dict for every group asked below
    values, preferred = _first_values(groups, lang)
    scale = mg_per_unit(groups["u1"], lang)
    mgs = [v * scale for v in values if v is not None]
    if groups.get("r2"):
        values2, preferred2 = _range_values(groups["r2"], lang)
        preferred = preferred or preferred2
        mgs += [v * mg_per_unit(groups["u2"], lang) for v in values2 if v is not None]
        if len(values) > 1 and values == values2 and groups["u1"] == groups["u2"]:
            problems.append(Reason("dose_repeated", f"'{m.group(0)}' states the same range twice"))
    if None in values or not mgs:
        problems.append(Reason("unreadable_number", f"no amount can be read in '{m.group(0)}'"))
    problems += _listed(m, lang)
    # make: the same record without the frozen __init__'s field-by-field setattr (2.5 -> 1.9 us)
    return make(DoseMatch, start=m.start(), end=m.end(), text=m.group(0), low_mg=min(mgs) if mgs else None,
                high_mg=max(mgs) if mgs else None, per=_per(groups), is_cap=is_cap, preferred_high=preferred,
                problems=tuple(problems))


def _first_values(groups: dict, lang: str) -> tuple[list[float | None], bool]:
    """The first range's numbers and its "preferred" mark; a half after the unit ("یک گرم و نیم") is the
    number's right before the unit."""
    values, preferred = _range_values(groups["r1"], lang)
    if groups.get("half") and values[-1] is not None:
        values = [*values[:-1], values[-1] + 0.5]
    return values, preferred


def _listed(m: re.Match, lang: str) -> list[Reason]:
    """An amount_list reason when numbers are listed before the amount with its one unit (_listed_before)."""
    if not (listed := _listed_before(m, lang)):
        return []
    return [Reason("amount_list", f"'{listed}{m.group(0)}' lists amounts with one unit; only "
                   f"'{m.group(0).strip()}' was read with it")]


def _listed_before(m: re.Match, lang: str) -> str:
    """The numbers listed before the amount's first number that share its unit ("0.5، " of "0.5، 1 یا 2 g/kg"),
    when an or-word stands right before the amount or in it; "" for none."""
    v = vocab(lang)
    if v.amount_list is None:
        return ""
    before = m.string[max(0, m.start() - 40):m.start()]
    found = v.amount_list.search(before)
    if found is None:  # "از ۴۰۰ به ۶۰۰ mg/kg": the old amount of a change
        changed = v.amount_changed.search(before) if v.amount_changed is not None else None
        return changed.group() if changed else ""
    # the or-word right before the amount or in it ("0.5، 1 یا 2 g/kg"): not one further back ("IgG < 400 یا 500، 400 mg/kg")
    end = found.group().rstrip()[-12:]
    last = v.amount_list_or.search(end)
    closes = last is not None and not end[last.end():].strip()
    return found.group() if closes or v.amount_list_or.search(m.group("r1")) else ""


_PER_GROUPS = (("day", "day"), ("day_before", "day"), ("day_before2", "day"), ("dose", "dose"), ("per_wk", "wk"), ("per_mo", "mo"), ("per_course", "course"))


def _per(groups: dict) -> str | None:
    """What the unit says the amount is per: day, dose, wk, mo or course ("g/kg/day", "mg/kg/هفته"), from a
    match's groups (a plain loop: asked for every amount, it was a generator, next() and removeprefix)."""
    for name, per in _PER_GROUPS:
        if groups.get(name):
            return per
    return None


def _not_doses_left(doses: list[DoseMatch], mentions: tuple) -> list[DoseMatch]:
    """The doses without those that are not IVIg's: a per-kg amount named after another drug ("آسپرین 80 تا
    100 mg/kg", "泼尼松1~2 mg/(kg·d)") is that drug's dose, and one per hour or minute is a rate; the net
    records them. Their spans are gathered once (most statements have none), not per dose."""
    spans = [(m.start, m.end) for m in mentions if m.kind in ("other_drug", "rate")]
    if not spans:
        return doses
    return [d for d in doses if not any(s <= d.start < e or d.start < s < d.end for s, e in spans)]


def _not_per_kg(text: str, per_kg: list[DoseMatch], lang: str, mentions: tuple) -> list[DoseMatch]:
    """Amounts the safety net finds (`mentions`) that are not per kg of body weight: a fixed amount ("30
    گرم") or a volume of solution per kg ("15 میلی‌لیتر به ازای هر کیلوگرم"). Kept in their own unit, never
    mg/kg."""
    out = []
    for mention in mentions:
        if mention.kind not in ("fixed", "volume") or any(mention.start < d.end and d.start < mention.end
                                                          for d in per_kg):
            continue
        unit = unit_of(lang, mention.unit)
        values = [v for v in read_amount(mention.text[mention.amount_at:mention.text.rfind(mention.unit)], lang) if v is not None]
        if unit is None or not values:
            continue
        ucum = "mL/kg" if mention.kind == "volume" else unit.ucum
        code = "volume_dose" if mention.kind == "volume" else "fixed_dose"
        what = "a volume of solution per kg" if mention.kind == "volume" else "an amount not per kg of body weight"
        ceiling = vocab(lang).ceiling_fixed_before
        is_cap = bool(ceiling and ceiling.search(text[max(0, mention.start - 20):mention.start]))
        out.append(DoseMatch(start=mention.start, end=mention.end, text=mention.text, low_mg=None, high_mg=None,
                             per=None, is_cap=is_cap, problems=(Reason(code, f"'{mention.text.strip()}' is {what}; kept as written "
                                                        f"({ucum}), never converted to mg/kg"),),
                             unit=ucum, low=min(values), high=max(values)))
    return out


def _join_dose_ranges(text: str, doses: list[DoseMatch], lang: str) -> list[DoseMatch]:
    """"0.8-1 gram/kg تا 0.8-1 gram/kg": two doses joined by تا are one range (flagged if equal)."""
    joined: list[DoseMatch] = []
    for dose in doses:
        if joined and _joins(text[joined[-1].end:dose.start], lang):
            first = joined.pop()
            problems = list(first.problems + dose.problems)
            if (first.low_mg, first.high_mg) == (dose.low_mg, dose.high_mg):
                problems.append(Reason("dose_repeated", f"'{text[first.start:dose.end]}' states the same dose twice "
                                "as the two ends of a range"))
            dose = DoseMatch(first.start, dose.end, text[first.start:dose.end],
                             min(first.low_mg, dose.low_mg), max(first.high_mg, dose.high_mg),
                             dose.per or first.per, first.is_cap, dose.preferred_high, tuple(problems))
        joined.append(dose)
    return joined


def _join_fixed_ranges(text: str, fixed: list[DoseMatch], lang: str) -> list[DoseMatch]:
    """"5 g to 10 g" (each end repeating its unit) is one amount, 5-10 g, when both ends are in the same
    unit and the same kind (fixed or volume); ends in different units stay apart, each flagged."""
    joined: list[DoseMatch] = []
    for dose in sorted(fixed, key=lambda d: d.start):
        prev = joined[-1] if joined else None
        if prev is not None and _same_kind(prev, dose) and _joins(text[prev.end:dose.start], lang):
            problems = (replace(prev.problems[0], message=f"'{text[prev.start:dose.end].strip()}'"
                                + prev.problems[0].message.split("'", 2)[2]),) + prev.problems[1:]
            joined[-1] = replace(prev, end=dose.end, text=text[prev.start:dose.end], low=min(prev.low, dose.low),
                                 high=max(prev.high, dose.high), problems=problems)
            continue
        joined.append(dose)
    return joined


def _same_kind(a: DoseMatch, b: DoseMatch) -> bool:
    return (a.unit == b.unit and not a.is_cap and not b.is_cap and a.problems[:1] and b.problems[:1]
            and a.problems[0].code == b.problems[0].code)


def _joins(between: str, lang: str) -> bool:
    """Whether all that stands between two amounts is a word joining them into one range."""
    return bool(_words(lang)[1].fullmatch(between))
