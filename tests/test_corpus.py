"""The dose grammar's corpus: every line of tests/corpus/dosing_*.yaml read through read_statement.

The matching rules are those of tests/corpus/README.md: each expected regimen is matched by a distinct
regimen of the reading (listed fields equal, numbers within 1e-6, null must be null); expected flag
codes appear among the reading's flags or its regimens' review reasons; an unflagged regimen that
matches no expected item fails the line (precision); `no_dose` and `must_flag` as the README says.
bench/score_corpus.py imports the helpers below to count the same things across a whole file.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
MINIMUM = {"fa": 230, "zh": 140}
TOLERANCE = 1e-6

LINE_KEYS = {"text", "why", "lang", "regimens", "flags", "criteria", "no_dose", "must_flag", "not_flags"}
REGIMEN_FIELDS = {
    "dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_low", "dose_high", "dose_unit", "dose_basis",
    "every_low", "every_high", "every_unit", "frequency", "course_days_low", "course_days_high",
    "doses_count_low", "doses_count_high", "infusion_hours_low", "infusion_hours_high",
    "max_total_mg_per_kg", "max_dose", "max_dose_unit", "phase", "population",
    # contract columns of the regimens table the README names beside the list (a repeated course)
    "cycle_every_low", "cycle_every_high", "cycle_every_unit",
}
CRITERION_FIELDS = {"analyte", "op", "value_low", "value_high", "unit"}
FLAG_CODES = {"dose_unread", "fixed_dose", "product_strength", "volume_dose", "infusion_rate", "basis_ambiguous",
              "implausible_dose", "implausible_course", "separator_ambiguous", "unit_unknown",
              "amount_not_stated", "other_drug",
              # a Latin letter OCR writes for a digit ("4OO", "l g/kg"), read as the digit
              "digit_letter",
              # a Persian line extracted in visual order, read backwards (s31)
              "visual_order",
              # safety (issue 12 follow-up): zero timing, unread timing, a number past any amount, wrong pack
              "implausible_timing", "timing_unread", "unreadable_number", "lang_mismatch", "dose_restated",
              # a course total that is not the regimen's amount times its days or doses
              "total_conflict",
              # words that say both per day (or daily) and in total or per course
              "basis_conflict",
              # a course written in months, read at 30 days a month
              "course_in_months",
              # an amount on consecutive days read as each day's, the words not saying so
              "basis_assumed",
              # a volume per kg in brackets after a per-kg amount that no strength beside it makes that amount
              "volume_unchecked",
              # a per-kg amount in brackets after a fixed amount that the weight written there does not make
              "weight_unchecked",
              # a dose counted in vials (reasons typed, issue 12 follow-up)
              "dose_in_vials",
              # two course lengths or an interval of N or N+1 units for one dose (zh14)
              "several_courses", "interval_ambiguous", "several_intervals",
              # two numbers of doses for one dose that disagree (review of the session's merges)
              "several_counts",
              # the volume of the solution a dose is diluted in (q17)
              "solution_volume",
              # a number after the drug's name with timing after it and no unit (q20)
              "unit_missing",
              # numbers listed before an amount with one unit for all (s24)
              "amount_list",
              # an amount inside words of maximum: a ceiling, not a dose to give
              "dose_ceiling",
              # an amount after a word of minimum: a floor, not a dose to give
              "dose_floor",
              # days standing alone before the amount: an age or the course, not read
              "course_ambiguous",
              # a day's amount repeated every weeks or months with no days of each course (s29)
              "course_unstated",
              # an amount in a sentence about another matter it is the condition of (live vaccines put off) (s29)
              "dose_context",
              # a mass after a weight word ("出生体重<1000 g"): a body weight, not a dose (info)
              "body_weight",
              # an amount added to a dose ("剂量增加100 mg/kg"), not a dose
              "dose_adjustment",
              # an amount whose words say it is not to be given, or was not given (f-neg)
              "dose_negated",
              # one of amounts a sentence compares (a study's arms), not a dose to give (s25)
              "dose_compared",
              # an amount right after a word of doubt ("احتمالاً", "可能是"): not sure of it (s26)
              "dose_uncertain",
              # an IVIg-sized amount labelled by another drug's name alone (s27)
              "dose_other_drug_label",
              # an amount already given or of a regimen replaced (s27)
              "dose_past",
              # an amount read with a unit named once in a header before it (s28)
              "unit_from_header"}
CHOICES = {
    "dose_basis": {"per_dose", "total", None},
    "every_unit": {"h", "d", "wk", "mo", None},
    "cycle_every_unit": {"d", "wk", "mo", None},
    "dose_unit": {"g", "mg", "mL/kg", None},
    "max_dose_unit": {"g", "mg", None},
    "phase": {"initial", "maintenance", "acute", "chronic", "repeat", None},
    "population": {"children", "adults", "neonates", "pregnancy", None},
}
RANGES = (("dose_low_mg_per_kg", "dose_high_mg_per_kg"), ("dose_low", "dose_high"), ("every_low", "every_high"),
          ("course_days_low", "course_days_high"), ("doses_count_low", "doses_count_high"),
          ("infusion_hours_low", "infusion_hours_high"), ("cycle_every_low", "cycle_every_high"))
AMOUNT_FIELDS = ("dose_low_mg_per_kg", "dose_high_mg_per_kg", "dose_low", "dose_high", "dose_unit")
TIMING_FIELDS = ("course_days_low", "course_days_high", "every_low", "every_high", "every_unit", "frequency")
# the README: "frequency: times per interval ...; default 1"
DEFAULTS = {"frequency": 1}


# ---- the corpus ---------------------------------------------------------------------------------

def corpus_lines(lang: str) -> list[dict]:
    """The lines of one language's file, each with its language filled in."""
    path = CORPUS / f"dosing_{lang}.yaml"
    if not path.exists():  # the minimum test then fails with 0 lines, collection still works
        return []
    lines = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [{**line, "lang": line.get("lang", lang)} if isinstance(line, dict) else line for line in lines]


def _slug(line) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", str(line.get("why", "")).lower() if isinstance(line, dict) else "")
    return words.strip("-")[:40] or "line"


def _cases():
    for lang in MINIMUM:
        for index, line in enumerate(corpus_lines(lang)):
            yield pytest.param(line, id=f"dosing_{lang}:{index}-{_slug(line)}")


# ---- reading a record whether it is a dataclass, a dict or an object ---------------------------

def field(record, name):
    """A column of a regimen or criterion; absent columns read as None."""
    if isinstance(record, dict):
        return record.get(name)
    return getattr(record, name, None)


def _codes_of(items) -> set[str]:
    codes = set()
    for item in items or ():
        if isinstance(item, str):
            codes.add(item.split(":", 1)[0].strip())
        else:
            code = field(item, "code")
            if code:
                codes.add(str(code))
    return codes


def _values(record) -> list:
    if isinstance(record, dict):
        return list(record.values())
    if dataclasses.is_dataclass(record):
        return [getattr(record, f.name) for f in dataclasses.fields(record)]
    return list(vars(record).values()) if hasattr(record, "__dict__") else []


def reason_codes(regimen) -> set[str]:
    """Codes of a regimen's review reasons: text "code: message", and any structured reasons column
    (a list of records or dicts with a code)."""
    codes = _codes_of(field(regimen, "review_reasons"))
    for value in _values(regimen):
        if isinstance(value, (list, tuple)) and value and all(
                not isinstance(v, str) and field(v, "code") for v in value):
            codes |= _codes_of(value)
    return codes


def is_flagged(regimen) -> bool:
    """A regimen with review reasons (text or structured); needs_review counts too."""
    return bool(reason_codes(regimen)) or bool(field(regimen, "review_reasons")) or field(regimen, "needs_review") is True


def reading_codes(reading) -> set[str]:
    codes = _codes_of(getattr(reading, "flags", ()) or ())
    for regimen in getattr(reading, "regimens", ()) or ():
        codes |= reason_codes(regimen)
    return codes


# ---- matching -----------------------------------------------------------------------------------

def _equal(expected, actual) -> bool:
    if expected is None:
        return actual is None
    if actual is None:
        return False
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if isinstance(expected, (int, float)):
        try:
            return abs(float(actual) - float(expected)) <= TOLERANCE
        except (TypeError, ValueError):
            return False
    return str(expected) == str(actual)


def item_matches(item: dict, record, names=None) -> bool:
    """Every listed field of the expected item (or of those named) equals the record's."""
    for name, expected in item.items():
        if names is not None and name not in names:
            continue
        actual = field(record, name)
        if actual is None and name in DEFAULTS:
            actual = DEFAULTS[name]
        if not _equal(expected, actual):
            return False
    return True


def max_assign(items: list[dict], records: list, names=None) -> dict[int, int]:
    """The largest matching of expected items to distinct records (item index -> record index).

    Augmenting paths (Kuhn), so an early item never takes the only record a later one fits.
    """
    fits = [[j for j, r in enumerate(records) if item_matches(item, r, names)] for item in items]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(items)):
        place(i, set())
    return {i: j for j, i in owner.items()}


def assign(items: list[dict], records: list, names=None) -> dict[int, int] | None:
    """Each expected item matched by a distinct record, or None when that is impossible."""
    matched = max_assign(items, records, names)
    return matched if len(matched) == len(items) else None


def _regimen_failures(line: dict, regimens: list) -> list[str]:
    """Expected items matched by distinct regimens; no unflagged regimen beside them (precision)."""
    expected = line.get("regimens") or []
    failures = []
    matched = assign(expected, regimens)
    if matched is None:
        failures.append(f"expected regimens {expected} not all matched by distinct regimens")
        matched = max_assign(expected, regimens)
    used = set(matched.values())
    failures += [f"unflagged regimen matches no expected item: {_show(r)}" for j, r in enumerate(regimens)
                 if j not in used and not is_flagged(r) and not any(item_matches(e, r) for e in expected)]
    return failures


def _flag_failures(line: dict, reading, regimens: list) -> list[str]:
    """Expected codes present; no_dose and must_flag as the README says."""
    codes = reading_codes(reading)
    failures = []
    missing = [c for c in line.get("flags") or [] if c not in codes]
    if missing:
        failures.append(f"flags {missing} missing; reading has {sorted(codes)}")
    unwanted = [c for c in line.get("not_flags") or [] if c in codes]
    if unwanted:  # a guard's false alarm: "حداکثر اثر با دوز ۲ g/kg" is no ceiling
        failures.append(f"flags {unwanted} given, the line says they must not be")
    unflagged = [_show(r) for r in regimens if not is_flagged(r)]
    if line.get("no_dose") and unflagged:
        failures.append(f"no_dose, yet unflagged regimens: {unflagged}")
    if line.get("must_flag") and not codes:
        failures.append("must_flag, yet no flag")
    if line.get("must_flag") and unflagged:
        failures.append(f"must_flag, yet unflagged regimens: {unflagged}")
    return failures


def line_failures(line: dict, reading) -> list[str]:
    """Why a reading does not give what the line expects (empty when it does)."""
    regimens = list(getattr(reading, "regimens", ()) or ())
    failures = _regimen_failures(line, regimens) + _flag_failures(line, reading, regimens)
    criteria = list(getattr(reading, "criteria", ()) or ())
    if line.get("criteria") and assign(line["criteria"], criteria) is None:
        failures.append(f"expected criteria {line['criteria']} not matched in "
                        f"{[_show(c, CRITERION_FIELDS) for c in criteria]}")
    return failures


def _show(record, names=REGIMEN_FIELDS | {"review_reasons"}) -> dict:
    return {n: field(record, n) for n in sorted(names) if field(record, n) is not None}


# ---- validity of the files -----------------------------------------------------------------------

def line_problems(line) -> list[str]:
    """What makes a corpus line invalid (empty when it is valid)."""
    if not isinstance(line, dict):
        return [f"not a mapping: {line!r}"]
    problems = _key_problems(line)
    problems += [f"unknown flag code {c}" for c in (line.get("flags") or []) + (line.get("not_flags") or []) if c not in FLAG_CODES]
    for key, known in (("regimens", REGIMEN_FIELDS), ("criteria", CRITERION_FIELDS)):
        for item in line.get(key) or []:
            problems += _item_problems(item, known)
    return problems


def _key_problems(line: dict) -> list[str]:
    problems = [f"unknown key {k}" for k in line if k not in LINE_KEYS]
    problems += [f"missing {k}" for k in ("text", "why") if not str(line.get(k) or "").strip()]
    if not any(k in line for k in ("regimens", "no_dose", "must_flag")):
        problems.append("none of regimens, no_dose, must_flag")
    return problems + [f"{k} must be true when given" for k in ("no_dose", "must_flag")
                       if k in line and line[k] is not True]


def _item_problems(item, known) -> list[str]:
    if not isinstance(item, dict) or not item:
        return [f"expected item is not a non-empty mapping: {item!r}"]
    problems = [f"unknown field {k}" for k in item if k not in known]
    problems += [f"{k}={item[k]!r} not one of {sorted(map(str, CHOICES[k]))}"
                 for k in item if k in CHOICES and item[k] not in CHOICES[k]]
    number = (int, float)
    problems += [f"{low} > {high}" for low, high in RANGES
                 if isinstance(item.get(low), number) and isinstance(item.get(high), number) and item[low] > item[high]]
    return problems


# ---- the tests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(MINIMUM))
def test_corpus_file_has_its_minimum_of_valid_distinct_lines(lang):
    lines = corpus_lines(lang)
    assert len(lines) >= MINIMUM[lang]
    problems = {i: p for i, line in enumerate(lines) if (p := line_problems(line))}
    assert not problems
    texts = [line["text"] for line in lines]
    assert len(texts) == len(set(texts)), "a statement appears twice"


@pytest.mark.parametrize("line", list(_cases()))
def test_corpus_line_reads_as_expected(line):
    from pipeline import read_statement

    reading = read_statement(line["text"], lang=line["lang"])
    assert not line_failures(line, reading), line_failures(line, reading)


# ---- the matcher itself, on made-up readings (records as dicts or dataclasses) ------------------

@dataclasses.dataclass(frozen=True)
class _Flag:
    code: str
    message: str = ""


@dataclasses.dataclass(frozen=True)
class _Reading:
    regimens: tuple = ()
    criteria: tuple = ()
    flags: tuple = ()


_R400 = {"dose_low_mg_per_kg": 400.0, "dose_high_mg_per_kg": 400.0, "review_reasons": []}
_FIXED = {"dose_low": 30, "dose_unit": "g", "dose_low_mg_per_kg": None, "review_reasons": ["fixed_dose: 30 g"]}
_ITEM400 = {"dose_low_mg_per_kg": 400, "dose_high_mg_per_kg": 400}


@pytest.mark.parametrize("line, reading, fails", [
    ({"regimens": [_ITEM400]}, _Reading(regimens=(_R400,)), False),
    ({"regimens": [_ITEM400]}, _Reading(regimens=(_R400, {**_R400, "dose_low_mg_per_kg": 600.0})), True),
    ({"regimens": [_ITEM400, _ITEM400]}, _Reading(regimens=(_R400,)), True),
    ({"regimens": [{**_ITEM400, "dose_basis": None}]}, _Reading(regimens=({**_R400, "dose_basis": "per_dose"},)), True),
    ({"regimens": [{**_ITEM400, "frequency": 1}]}, _Reading(regimens=({**_R400, "frequency": None},)), False),
    ({"must_flag": True, "flags": ["fixed_dose"]}, _Reading(regimens=(_FIXED,)), False),
    ({"must_flag": True}, _Reading(regimens=(_R400,), flags=(_Flag("dose_unread"),)), True),
    ({"must_flag": True}, _Reading(), True),
    ({"no_dose": True, "flags": ["infusion_rate"]}, _Reading(flags=(_Flag("infusion_rate"),)), False),
    ({"no_dose": True}, _Reading(regimens=(_R400,)), True),
    ({"no_dose": True, "flags": ["other_drug"]}, _Reading(flags=({"code": "other_drug"},)), False),
], ids=["found", "extra-unflagged", "distinct", "null-must-be-null", "frequency-default", "flagged-regimen-code",
        "must-flag-unflagged", "must-flag-nothing", "no-dose-rate", "no-dose-regimen", "flag-as-dict"])
def test_matching_rules_of_the_readme(line, reading, fails):
    assert bool(line_failures(line, reading)) is fails


def test_a_line_without_an_expectation_or_with_unknown_names_is_invalid():
    assert line_problems({"text": "x", "why": "y"})
    assert line_problems({"text": "x", "why": "y", "regimens": [{"dose_mg": 1}]})
    assert line_problems({"text": "x", "why": "y", "no_dose": True, "flags": ["no_such_code"]})
    assert not line_problems({"text": "x", "why": "y", "no_dose": True, "flags": ["infusion_rate"]})
