"""The dose grammar's vocabulary (data/dosing_fa.yaml) compiled into regular expressions, once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load
from .pack import pack, read_words

SP = r"[ \u200c]*"  # any run of spaces or ZWNJ, possibly none


def _spaced(pattern: str) -> str:
    """A data-file pattern whose literal spaces match a space or a ZWNJ."""
    return pattern.replace(" ", "[ \u200c]")


def _alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(_spaced(p) for p in sorted(patterns, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Vocab:
    number: str  # one number: digits with decimals, or a number word
    range: str  # a number or two joined by -, تا, الی, یا (optionally "ترجیحا" before the high end)
    mass_units: tuple[tuple[re.Pattern, float], ...]
    mass: str
    per_kg: str
    per_day: str
    per_dose: str
    number_words: dict[str, float | None]
    time_units: dict[str, str]  # FHIR unit -> Persian word
    time_unit: str
    basis_total: re.Pattern
    basis_per_dose: re.Pattern
    cap_before: str
    phase: tuple[tuple[str, re.Pattern], ...]
    population: tuple[tuple[str, re.Pattern], ...]
    evidence: tuple[tuple[str, re.Pattern], ...]
    preferably: str
    plausible: dict


@cache
def vocab() -> Vocab:
    data = load("dosing_fa.yaml")
    words = data["number_words"]
    time_units = data["time_units"]
    time_unit = "(?:" + "|".join(time_units.values()) + ")"
    word_alt = "|".join(sorted(words, key=len, reverse=True))
    # A number word stands alone, or glued to a time unit ("دوروز"); never inside another word.
    # A composite number in words ("سیصد و پنجاه") from the language pack first, then a single word
    # glued to its time unit ("دوروز"), or "چند".
    number = (rf"(?:{pack('fa').number}|(?<!\w)(?:{word_alt})(?=[ \u200c]|{time_unit}|[^\w]|$))")
    joiners = "|".join(re.escape(j) if len(j) == 1 else j for j in data["range_joiners"])
    preferably = data["preferably"]
    range_ = rf"{number}(?:{SP}(?:{joiners}){SP}(?:(?:{preferably}){SP})?{number})?"
    masses = tuple((re.compile(_spaced(m["pattern"]) + "$", re.I), float(m["mg"])) for m in data["mass_units"])
    mass = "(?:" + "|".join(_spaced(m["pattern"]) for m in data["mass_units"]) + r")(?![a-zA-Z])"
    # cue words stand as whole words: "نوزادی" in a disease's name is not "نوزاد", a population
    compiled = lambda groups: tuple((name, re.compile(r"(?<!\w)" + _alternation(pats) + r"(?!\w)", re.I))
                                    for name, pats in groups.items())
    return Vocab(
        number=number, range=range_, mass_units=masses, mass=mass,
        per_kg=_alternation(data["per_kg"]), per_day=data["per_kg_suffix"]["per_day"],
        per_dose=data["per_kg_suffix"]["per_dose"], number_words=words, time_units=time_units,
        time_unit=time_unit,
        basis_total=re.compile(_alternation(data["basis"]["total"])),
        basis_per_dose=re.compile(_alternation(data["basis"]["per_dose"])),
        cap_before=_alternation(data["cap_before"]),
        phase=compiled(data["phase"]), population=compiled(data["population"]),
        evidence=compiled(data["evidence"]), preferably=preferably, plausible=data["plausible"])


def mg_per_unit(unit_text: str) -> float:
    """Milligrams in one of the written mass unit ("میلی گرم" -> 1, "gr" -> 1000)."""
    for pattern, mg in vocab().mass_units:
        if pattern.match(unit_text.strip()):
            return mg
    raise ValueError(f"not a mass unit: {unit_text!r}")


def read_number(text: str) -> float | None:
    """A number as written (digits or a number word) -> float; None for "چند" (a few)."""
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        pass
    from_pack = read_words(text, "fa")
    if from_pack is not None:
        return from_pack
    words = vocab().number_words
    if text in words:
        return None if words[text] is None else float(words[text])
    for word in sorted(words, key=len, reverse=True):  # glued to its unit: "دوروز"
        if text.startswith(word):
            return None if words[word] is None else float(words[word])
    raise ValueError(f"not a number: {text!r}")
