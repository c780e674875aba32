"""A language pack's dose words (data/lang/<lang>.yaml, `dose`) compiled into regular expressions, once."""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lexicon import load
from ..compiled import regex
from ..gate import gated
from .pack import SP, first_letters, pack, read_amount, read_words

__all__ = ["SP", "Vocab", "mg_per_unit", "read_number", "vocab"]


def _spaced(pattern: str) -> str:
    """A data-file pattern whose literal spaces match a space or a ZWNJ."""
    return pattern.replace(" ", "[ \u200c]")


def _alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(_spaced(p) for p in sorted(patterns, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Vocab:
    lang: str
    number: str  # one number: digits with decimals, or a number word
    range_joiners: str  # the words joining the two ends of a range (an alternation, no groups)
    amount_joiners: str  # the words joining two amounts with units into one range (not "or")
    range: str  # a number or two joined by a range word (optionally "preferably" before the high end)
    amount_range: str  # the range an amount starts with: one number only, right after a multiplication sign
    mass_units: tuple[tuple[re.Pattern, float], ...]
    mass: str
    per_kg: str
    per_kg_before: str | None  # "每公斤体重 0.4 克": the per-kg words before the amount
    per_day: str
    per_dose: str
    per_other: tuple[tuple[str, str], ...]  # "/هفته", "/ماه", "/دوره" after per kg: (wk|mo|course, pattern)
    number_words: dict[str, float | None]
    basis_total: re.Pattern
    basis_per_dose: re.Pattern
    basis_total_after: re.Pattern | None  # total words that follow the amount ("... در مجموع")
    cap_before: str
    ceiling_before: re.Pattern | None  # a ceiling word before an amount ("حداکثر 2 g/kg", "最大剂量 IVIG：2 g/kg")
    # the same before an amount not per kg ("حداکثر 80 گرم"), a word of an interval a label only before a dose word: a
    # cap so found is a note, no regimen, and its words never end a dose's ("حداکثر روزانه ۷۰ گرم" stays a fixed amount of
    # its own, its day its own)
    ceiling_fixed_before: re.Pattern | None
    phase: tuple[tuple[str, re.Pattern], ...]
    population: tuple[tuple[str, re.Pattern], ...]
    evidence: tuple[tuple[str, re.Pattern], ...]
    preferably: str
    plausible: dict
    phase_after: tuple[tuple[str, re.Pattern], ...]  # phases that may follow the amount closely
    condition: re.Pattern | None  # when a regimen applies ("بعد از سال اول")
    window: re.Pattern | None  # a time since an event in which to start ("ظرف 6 روز پس از تماس"): never a course
    history: re.Pattern | None  # the doses a patient has had ("既往共输注3次"): never a count or course, a note
    notes: tuple[tuple[str, re.Pattern], ...]  # readings kept as notes ("repeat if needed")
    clause_cut: re.Pattern  # where a clause ends: a basis word before it is not the next amount's
    clause_comma: re.Pattern  # the commas that part a sentence's clauses
    # "per course" right after the amount ("2 g/kg در هر دوره", "2 g/kg每疗程") or right before it ("هر دوره
    # 2 g/kg"): a course total, unless the amount is a day's (then the words contradict, flagged)
    per_course_after: re.Pattern | None = None
    per_course_before: re.Pattern | None = None
    # a comparison that wraps the amount ("نباید از 2 g/kg بیشتر شود": must not be more than): (words before
    # it, words after it) pairs; both standing there make the amount a ceiling, as a word of maximum does
    ceiling_around: tuple[tuple[re.Pattern, re.Pattern], ...] = ()
    # a word of minimum before an amount ("حداقل", "至少", "不低于") or a comparison of minimum around it ("نباید
    # از 0.4 g/kg کمتر باشد"): a floor, not a regimen (flagged dose_floor; a range after it stays a range)
    floor_before: re.Pattern | None = None
    floor_around: tuple[tuple[re.Pattern, re.Pattern], ...] = ()
    hedged_before: re.Pattern | None = None  # "احتمالاً", "可能是" right before an amount: not sure of it
    hedged_after: re.Pattern | None = None  # "2 g/kg？", "... یا ۲ g/kg؟": a question mark after an amount, in its sentence
    hedged_not_before: re.Pattern | None = None  # "why 2 g/kg?", "为何选择2 g/kg？": a question asked to answer it
    # words of another matter the amount is the condition of, in its sentence ("واکسن‌های زنده ... پس از IVIG با دوز
    # ۲ g/kg به تأخیر ...", "使用IVIG 2 g/kg后11个月内避免接种活疫苗"): flagged dose_context
    context: re.Pattern | None = None
    # and the words that make the amount that advice's condition: "after IVIg at" right before it ("پس از دریافت IVIG
    # با دوز"), "after" or "those who" right after it ("2 g/kg后", "2 g/kg者")
    context_before: re.Pattern | None = None
    context_after: re.Pattern | None = None
    # a dose already given or of a regimen replaced ("دوز قبلی", "已接受", "... دریافت کرده است", "（原 2 g/kg）",
    # "由 1 g/kg 减量为"): words right before it, right after it (anchored at its end, {N} a number), around it
    past_before: re.Pattern | None = None
    past_after: re.Pattern | None = None
    past_around: tuple[tuple[re.Pattern, re.Pattern], ...] = ()
    # whether a lead and the words after an amount may hold any of those words (the words each pattern requires, read
    # from re's parse); None when some pattern requires none (then every amount is asked)
    past_may: Callable[[str], bool] | None = None
    past_not_before: re.Pattern | None = None  # "همان دوز قبلی ...", "按原方案": the old dose given again
    past_not_after: re.Pattern | None = None  # "... تکرار شود", "... 继续": the old dose given again
    increment_before: re.Pattern | None = None  # "剂量增加100 mg/kg": a change to the dose, not a dose
    ceiling_scope: re.Pattern | None = None  # words around a ceiling in grams that make it a day's or a course's
    basis_divided_after: re.Pattern | None = None  # "divided" after the amount, no count: a total unless each is said
    increment_around: tuple[tuple[re.Pattern, re.Pattern], ...] = ()
    # numbers listed before an amount with its unit, one of them offered "or"/"versus" ("0.5، 1 یا 2 g/kg",
    # "0.5、1或2 g/kg"): the unit is theirs too, flagged amount_list (the pack's `amount_list`: separators, or-words)
    amount_list: re.Pattern | None = None
    amount_list_or: re.Pattern | None = None
    # "از ۴۰۰ به ۶۰۰ mg/kg", "由400增至600 mg/kg": an old amount changed to this one, its unit this one's (the pack's
    # `amount_list.changed_from`, each ending right before the amount): flagged amount_list too
    amount_changed: re.Pattern | None = None
    half_after_unit: str | None = None  # "یک گرم و نیم": a half after the unit, added to the one number before it


def _amount_list(data: dict, number: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The numbers before an amount's first number, parted by the pack's list separators or or-words, and the
    or-words alone (one of them must stand in the list: "IgG زیر 500، 400 mg/kg" is no list)."""
    spec = data.get("amount_list")
    if not spec:
        return None, None
    joiner = _alternation(spec["separators"] + spec["or_words"])
    # not a count after a multiplication sign ("1 g/kg x 1 یا 400 mg/kg/day": once, or ...)
    marks = "".join(rf"(?<!{re.escape(mark)})(?<!{re.escape(mark)} )" for mark in data.get("count_marks") or [])
    # nor numbers of days ("در روز ۱ و ۲ گرم/کیلوگرم در کل": on day 1, and 2 g/kg in total; the pack's `not_after`)
    days = "".join(rf"(?<!{w} )(?<!{w})" for w in spec.get("not_after") or [])
    return (regex(rf"(?<![\w.]){marks}{days}(?:{number}{SP}{joiner}{SP})+$", re.I),
            regex(_alternation(spec["or_words"]), re.I))


def _number(lang: str, data: dict) -> str:
    """One number of the pack; the Persian single words may also stand glued to a time unit ("دوروز")."""
    words = data.get("number_words") or {}
    if not words:
        return pack(lang).number
    glued = [w for ws in load(f"lang/{lang}.yaml")["timing"]["time_units"].values() for w in ws]
    time_unit = "(?:" + "|".join(glued + data.get("glued_after_number", [])) + ")"
    word_alt = "|".join(sorted(words, key=len, reverse=True))
    # A composite number in words ("سیصد و پنجاه") from the pack first, then a single word glued
    # to its time unit ("دوروز"), or a word for "a few".
    return rf"(?:{pack(lang).number}|(?<!\w){first_letters(words)}(?:{word_alt})(?=[ \u200c]|{time_unit}|[^\w]|$))"


def _range(data: dict, number: str) -> str:
    """A number or two joined by a range word, "preferably" maybe before the high end; "between ... and"."""
    joiners, preferably = "|".join(data["range_joiners"]), data["preferably"]
    range_ = rf"{number}(?:{SP}(?:{joiners}){SP}(?:(?:{preferably}){SP})?{number})?"
    if between := data.get("range_between"):  # "بین 1 و 2": between ... and ...
        range_ = (rf"(?:{between['before']}{SP}{number}{SP}(?:{'|'.join(between['joiners'])}){SP}{number}"
                  rf"|{range_})")
    return range_


def _amount_range(data: dict, number: str, range_: str) -> str:
    """The range an amount starts with. Right after a multiplication sign (the pack's `count_marks`, with or
    without one space) its ends may only be joined by an amount joiner ("2 x 400-500 mg/kg"), never by
    "or": "0.8-1 g/kg ×1 یا 0.4 g/kg" is one dose, then "or 0.4 g/kg", not 0.4-1 g/kg read across the
    count "×1". A mark that is a letter ("x") counts only as a word of its own."""
    after_mark = []
    for mark in data.get("count_marks") or []:
        edge = r"\b" if mark.isalpha() else ""
        after_mark += [rf"(?<!{edge}{re.escape(mark)})", rf"(?<!{edge}{re.escape(mark)} )"]
    if not after_mark:
        return range_
    joined = rf"{number}(?:{SP}(?:{'|'.join(data['amount_joiners'])}){SP}{number})?"
    return rf"(?:{''.join(after_mark)}(?:{range_})|{joined})"


def _numbered(patterns: list[str] | None, number: str, range_: str) -> str | None:
    """The patterns as one alternation, {N} standing for one number and {R} for a range ("در 7 تا 10 روز
    اول بیماری": the window in which to start is a range of days too); None for none."""
    return _alternation(patterns).replace("{N}", number).replace("{R}", range_) if patterns else None


def _cues(data: dict):
    """A function compiling {name: [patterns]} into (name, pattern) pairs. Cue words stand as whole words
    where words are cut by spaces ("نوزادی" in a disease's name is not "نوزاد"); Chinese writes no
    spaces, so there a cue is any occurrence."""
    before, after = (r"(?<!\w)", r"(?!\w)") if data.get("cues_whole_words", True) else ("", "")
    return lambda groups: tuple((name, gated(regex(before + _alternation(pats) + after, re.I)))
                                for name, pats in groups.items())


def _optional(pattern: str | None, flags=re.I) -> re.Pattern | None:
    return gated(regex(pattern, flags)) if pattern else None


def _optional_words(data: dict, key: str) -> re.Pattern | None:
    """The pack's list of words under `key` as one pattern, None when the pack has none."""
    return _optional(_alternation(data[key]) if data.get(key) else None)


def _words_before(data: dict, key: str, tail: str = r"[\s(（:：]*$", number: str = "") -> re.Pattern | None:
    """The pack's words under `key` standing right before an amount (the lead's end: `tail`), {N} a number; None
    when the pack has none."""
    if not data.get(key):
        return None
    return _optional(_alternation(data[key]).replace("{N}", number) + tail)


def _words_after(data: dict, key: str, number: str) -> re.Pattern | None:
    """The pack's words under `key` matched from a slice's start (the words right after an amount), {N} a number."""
    return _optional("^" + _alternation(data[key]).replace("{N}", number) if data.get(key) else None)


def _right_after(basis: dict, key: str, number: str) -> re.Pattern | None:
    """Words standing right after an amount (anchored at the slice's start, a few signs before them)."""
    return _optional(r"^\W{0,3}" + _alternation(basis[key]).replace("{N}", number) if basis.get(key) else None)


def _suffixes(data: dict) -> dict:
    suffix = data["per_kg_suffix"]
    return dict(per_day=suffix["per_day"], per_dose=suffix["per_dose"],
                per_other=tuple((name, suffix[key]) for name, key in
                                (("wk", "per_week"), ("mo", "per_month"), ("course", "per_course")) if suffix.get(key)))


@cache
def vocab(lang: str = "fa") -> Vocab:
    data = load(f"lang/{lang}.yaml")["dose"]
    number = _number(lang, data)
    range_ = _range(data, number)
    compiled = _cues(data)
    basis = data["basis"]
    return Vocab(
        lang=lang, number=number, range_joiners="|".join(data["range_joiners"]),
        amount_joiners="|".join(data["amount_joiners"]), range=range_,
        amount_range=_amount_range(data, number, range_),
        mass_units=tuple((regex(_spaced(m["pattern"]) + "$", re.I), float(m["mg"])) for m in data["mass_units"]),
        mass="(?:" + "|".join(_spaced(m["pattern"]) for m in data["mass_units"]) + r")(?![a-zA-Z])",
        per_kg=_alternation(data["per_kg"]),
        per_kg_before=_alternation(data["per_kg_before"]) if data.get("per_kg_before") else None,
        **_suffixes(data), number_words=data.get("number_words") or {},
        basis_total=gated(regex(_alternation(basis["total"]).replace("{N}", number), re.I)),
        basis_per_dose=gated(regex(_alternation(basis["per_dose"]), re.I)),
        basis_total_after=_right_after(basis, "total_after", number),
        basis_divided_after=_right_after(basis, "divided_after", number),
        # not before a number: "400 mg/kg هر دوره 5 روز" may give the course's length, not say per course
        per_course_after=_optional(r"^\W{0,3}" + _alternation(basis["per_course"]) + r"(?![\s\u200c]*\d)"
                                   if basis.get("per_course") else None),
        per_course_before=_optional(_alternation(basis["per_course"]) + r"[\s\u200c:\uff1a,\u060c]*$" if basis.get("per_course") else None),
        cap_before=_alternation(data["cap_before"]),
        ceiling_scope=_optional_words(data, "ceiling_scope"),
        ceiling_before=_words_before(data, "ceiling_before", _bound_tail(data, ceiling=True)),
        ceiling_fixed_before=_words_before(data, "ceiling_before", _bound_tail(data)),
        phase=compiled(data["phase"]), population=compiled(data["population"]),
        evidence=compiled(data["evidence"]), preferably=data["preferably"], plausible=data["plausible"],
        phase_after=tuple((n, p) for n, p in compiled(data["phase"]) if n in data.get("phase_after_amount", ())),
        condition=_optional(_numbered(data.get("condition"), number, range_)),
        window=_optional(_numbered(data.get("window"), number, range_)),
        history=_optional(_numbered(data.get("history"), number, range_), re.I),
        notes=compiled(data.get("notes") or {}), clause_cut=gated(regex(data["basis"]["clause_cut"])),
        clause_comma=gated(regex(data["basis"]["clause_comma"])),
        ceiling_around=_around(data.get("ceiling_around")),
        floor_before=_words_before(data, "floor_before", _bound_tail(data)),
        # right before the amount, spaces between only ("川崎病可能：2 g/kg", "KD likely: 2 g/kg": a likely diagnosis)
        hedged_before=_words_before(data, "hedged_before", r"\s*$"),
        hedged_after=_words_after(data, "hedged_after", number),
        hedged_not_before=_optional_words(data, "hedged_not_before"), **_past(data, number),
        context=_optional_words(data, "context_words"),
        context_before=_words_before(data, "context_before", r"\s*[(\uff08]?\s*$"),
        context_after=_words_after(data, "context_after", number),
        floor_around=_around(data.get("floor_around")),
        increment_before=_words_before(data, "increment_before"),
        increment_around=_around(data.get("increment_around")),
        half_after_unit=_alternation(data["half_after_unit"]) if data.get("half_after_unit") else None,
        amount_changed=_words_before(data.get("amount_list") or {}, "changed_from", r"[\s\u200c]*$", number),
        **dict(zip(("amount_list", "amount_list_or"), _amount_list(data, number))))


def _bound_tail(data: dict, ceiling: bool = False) -> str:
    """The end of a word of maximum or minimum before its amount: the labels a field may name between them (the
    pack's `dose.bound_labels`: "Maximum dose (g/kg): 2", "حداقل دوز IVIG: ۴۰۰", "最大剂量 IVIG：2 g/kg"), then
    the lead's end. A word of an interval (`bound_intervals`) is a maximum's label anywhere ("حداکثر ماهانه"), a
    minimum's only before a dose word (`bound_dose_words`: "minimum daily dose"; "at least monthly" bounds how often)."""
    labels, intervals = data.get("bound_labels") or [], data.get("bound_intervals") or []
    if intervals:
        before_dose = rf"(?=[\s\u200c]*{_alternation(data.get('bound_dose_words') or ['(?!)'])})"
        labels = labels + (intervals if ceiling else [rf"{_alternation(intervals)}{before_dose}"])
    label = rf"(?:[\s\u200c:\uff1a]*{_alternation(labels)})*" if labels else ""
    return label + r"[\s(\uff08:\uff1a]*$"


def _past(data: dict, number: str) -> dict:
    """The words of a dose already given or of a regimen replaced, and of the old dose given again (not_to_give.py)."""
    patterns = [p for k in ("past_before", "past_after") for p in data.get(k) or ()]
    return dict(past_before=_words_before(data, "past_before", r"\s*$"), past_after=_words_after(data, "past_after", number),
                past_not_before=_optional_words(data, "past_not_before"),
                past_not_after=_words_after(data, "past_not_after", number), past_around=_around(data.get("past_around")),
                past_may=_words_of_any(patterns + [pair["before"] for pair in data.get("past_around") or ()], number))


def _words_of_any(patterns: list[str], number: str) -> Callable[[str], bool] | None:
    """A test that a text holds one of the words some pattern of `patterns` requires in every match (each pattern's
    most telling disjunction, from gate.required_words): exact, a text without any cannot match any of them; None
    when a pattern requires no word."""
    from ..gate import _folding, required_words
    from ..live_names import _trie

    words: set[str] = set()
    for p in patterns:
        found = required_words(regex(_spaced(p).replace("{N}", number), re.I))
        if not found:
            return None
        words.update(found[0])
    search = regex(_trie(sorted(words, key=lambda w: (-len(w), w)))).search  # one search of a tree of their letters
    test = lambda text: search(text) is not None  # noqa: E731
    return _folding(test) if any(c.isascii() and c.isalpha() for w in words for c in w) else test


def _around(pairs: list[dict] | None) -> tuple[tuple[re.Pattern, re.Pattern], ...]:
    """A comparison wrapped around an amount: (the words before it, the words after it) of each pair."""
    return tuple((regex(_spaced(p["before"]) + r"[\s\u200c]*$", re.I), regex(r"^" + _spaced(p["after"]), re.I))
                 for p in pairs or ())


@lru_cache(maxsize=256)  # keyed on a unit word as written: a handful per language, asked for every amount
def mg_per_unit(unit_text: str, lang: str = "fa") -> float:
    """Milligrams in one of the written mass unit ("میلی گرم" -> 1, "gr" -> 1000)."""
    for pattern, mg in vocab(lang).mass_units:
        if pattern.match(unit_text.strip()):
            return mg
    raise ValueError(f"not a mass unit: {unit_text!r}")


@lru_cache(maxsize=1024)  # keyed on one number as written ("400", "سیصد و پنجاه"), asked by doses, timing, criteria
def read_number(text: str, lang: str = "fa") -> float | None:
    """A number as written (digits or words) -> float; None for a word like "a few" or a number past float."""
    text = text.strip()
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        return value if math.isfinite(value) else None  # 400 nines is no amount: unreadable, never infinity
    if lang != "fa":
        values = read_amount(text, lang)
        if len(values) == 1:
            return values[0]
        raise ValueError(f"not a number: {text!r}")
    from_pack = read_words(text, "fa")
    if from_pack is not None:
        return from_pack
    words = vocab(lang).number_words
    if text in words:
        return None if words[text] is None else float(words[text])
    for word in sorted(words, key=len, reverse=True) if not re.search(r"[ \u200c]", text) else ():  # "دوروز"
        if text.startswith(word):
            return None if words[word] is None else float(words[word])
    raise ValueError(f"not a number: {text!r}")
