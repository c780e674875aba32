"""Normalized text -> the dose amounts it states, in canonical mg/kg, with where they stand.

A dose is a number or range, a mass unit and "per kilogram" in any of the circulars' spellings
("1-2 گرم برای هر کیلوگرم وزن بدن", "0.4-1.0 gr/kg/dose", "500 میلی گرم تا 1 گرم به ازای هر
کیلوگرم"). A range reads the same in either order ("2-0.5 gram/kg" is 0.5 to 2). A cumulative cap
("دوزهای تجمعی بیش از 4 گرم ... توصیه نمی‌شود") is found too, and is not a dose to give.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .vocab import SP, mg_per_unit, read_number, vocab


@dataclass(frozen=True)
class DoseMatch:
    start: int
    end: int
    text: str
    low_mg: float | None
    high_mg: float | None
    per: str | None  # "day" or "dose" when the unit says so ("g/kg/day", "gr/kg/dose")
    is_cap: bool = False
    preferred_high: bool = False  # "2 تا ترجیحا 5" marks the high end as preferred
    problems: tuple[str, ...] = ()
    # a dose that is not per kg of body weight: its amount as written in a UCUM unit (g, mg, mL/kg)
    unit: str = "mg/kg"
    low: float | None = None
    high: float | None = None


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    v = vocab()
    amount = rf"(?P<r1>{v.range}){SP}(?P<u1>{v.mass})"
    second = rf"(?:{SP}(?:-|تا|الی){SP}(?P<r2>{v.range}){SP}(?P<u2>{v.mass}))?"
    unit = rf"{SP}(?P<kg>{v.per_kg})(?:{SP}(?P<day>{v.per_day})|{SP}(?P<dose>{v.per_dose}))?"
    dose = re.compile(amount + second + unit, re.I)
    cap = re.compile(rf"(?P<cap>{v.cap_before}){SP}$")
    ends = re.compile(rf"(?P<n>{v.number})", re.I)
    return dose, cap, ends


def _range_values(text: str) -> tuple[list[float | None], bool]:
    """The numbers of a range as written (one or two), and whether the high end is "preferred"."""
    _, _, number = _patterns()
    values = [read_number(m.group("n")) for m in number.finditer(text)]
    return values, bool(re.search(vocab().preferably, text))


def find_doses(text: str) -> list[DoseMatch]:
    """Every dose amount (and cumulative cap) in a normalized text, in reading order."""
    dose_re, cap_re, _ = _patterns()
    found: list[DoseMatch] = []
    for m in dose_re.finditer(text):
        problems: list[str] = []
        values, preferred = _range_values(m.group("r1"))
        scale = mg_per_unit(m.group("u1"))
        mgs = [v * scale for v in values if v is not None]
        if m.group("r2"):
            values2, preferred2 = _range_values(m.group("r2"))
            preferred = preferred or preferred2
            mgs += [v * mg_per_unit(m.group("u2")) for v in values2 if v is not None]
            if len(values) > 1 and values == values2 and m.group("u1") == m.group("u2"):
                problems.append(f"dose_repeated: '{m.group(0)}' states the same range twice")
        if None in values or not mgs:
            problems.append(f"unreadable_number: no amount can be read in '{m.group(0)}'")
        cap = cap_re.search(text[:m.start()])
        found.append(DoseMatch(
            start=m.start(), end=m.end(), text=m.group(0), low_mg=min(mgs) if mgs else None,
            high_mg=max(mgs) if mgs else None, per="day" if m.group("day") else "dose" if m.group("dose") else None,
            is_cap=bool(cap), preferred_high=preferred, problems=tuple(problems)))
    return sorted(_join_dose_ranges(text, found) + _not_per_kg(text, found), key=lambda d: d.start)


def _not_per_kg(text: str, per_kg: list[DoseMatch]) -> list[DoseMatch]:
    """Amounts the safety net finds that are not per kg of body weight: a fixed amount ("30 گرم") or a
    volume of solution per kg ("15 میلی‌لیتر به ازای هر کیلوگرم"). Kept in their own unit, never mg/kg."""
    from .net import mentions_in
    from .pack import read_amount, unit_of

    out = []
    for mention in mentions_in(text, "fa"):
        if mention.kind not in ("fixed", "volume") or any(mention.start < d.end and d.start < mention.end
                                                          for d in per_kg):
            continue
        unit = unit_of("fa", mention.unit)
        values = [v for v in read_amount(mention.text[:mention.text.find(mention.unit)], "fa") if v is not None]
        if unit is None or not values:
            continue
        ucum = "mL/kg" if mention.kind == "volume" else unit.ucum
        code = "volume_dose" if mention.kind == "volume" else "fixed_dose"
        what = "a volume of solution per kg" if mention.kind == "volume" else "an amount not per kg of body weight"
        out.append(DoseMatch(start=mention.start, end=mention.end, text=mention.text, low_mg=None, high_mg=None,
                             per=None, problems=(f"{code}: '{mention.text.strip()}' is {what}; kept as written "
                                                 f"({ucum}), never converted to mg/kg",),
                             unit=ucum, low=min(values), high=max(values)))
    return out


def _join_dose_ranges(text: str, doses: list[DoseMatch]) -> list[DoseMatch]:
    """"0.8-1 gram/kg تا 0.8-1 gram/kg": two doses joined by تا are one range (flagged if equal)."""
    joined: list[DoseMatch] = []
    for dose in doses:
        if joined and re.fullmatch(rf"{SP}(?:تا|-|الی){SP}", text[joined[-1].end:dose.start]):
            first = joined.pop()
            problems = list(first.problems + dose.problems)
            if (first.low_mg, first.high_mg) == (dose.low_mg, dose.high_mg):
                problems.append(f"dose_repeated: '{text[first.start:dose.end]}' states the same dose twice "
                                "as the two ends of a range")
            dose = DoseMatch(first.start, dose.end, text[first.start:dose.end],
                             min(first.low_mg, dose.low_mg), max(first.high_mg, dose.high_mg),
                             dose.per or first.per, first.is_cap, dose.preferred_high, tuple(problems))
        joined.append(dose)
    return joined
