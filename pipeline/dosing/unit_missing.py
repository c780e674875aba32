"""A bare number right after the drug's name, then timing words: a dose whose unit is not written.

"IVIG 400 برای 5 روز", "IVIG 400，连用5天": the number stands where the amount does and the course or the
interval follows it, but no unit says whether it is mg/kg, g or a count. The grammar reads no amount
without a unit and the net looks for units, so without this the mention would pass silently. It is
flagged (`unit_missing`, review), never read as a regimen: the unit cannot be guessed.

A number written per kg with no unit between ("IVIG 0.4/kg روزانه", "一天0.4/kg打五天") is flagged the same way,
wherever it stands: per kg says it is a dose, nothing says of what unit.

Not flagged: a unit, a percentage or a count word after the number ("IVIG 10%", "IVIG 5 g/100 mL",
"IVIG 2 دوز": the timing words must start right after the number), another drug or a lab ("IgG 400
mg/dL": only the pack's names of IVIg, `net.ivig`), a number the grammar read.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..lexicon import load
from ..records import Flag
from .pack import SP, alternation, load_net, pack, scanned
from .timing import read_timing
from .timing_spellings import unit_patterns

_REACH = 40  # characters after the number in which its timing words are read (cut at its clause's end)
_CLAUSE_END = re.compile(r"[;.!?\u061b\u3002\uff1b]")
# a bare number that ends the statement ("IVIG 400", "IVIG 400。"), or only other bare numbers after it ("IVIG، ۲، ۲":
# a row's cells): the amount, its unit unwritten
_NOTHING_AFTER = re.compile(r"(?:[\s.!),;\u061b\u060c\u3002\uff09\uff01\uff0c\uff1b]|\d)*")
_GAP = re.compile(r"[\s,:\u060c\uff0c\uff1a\u3001]*")  # all that may stand between the number and its timing


@cache
def _bare_after_name(lang: str) -> re.Pattern | None:
    """The drug's name, maybe a dose word (the pack's `net.unit_missing_between`), then a number or range."""
    net = load_net(lang)
    if not net.get("ivig"):
        return None
    p = pack(lang)
    between = net.get("unit_missing_between") or []
    words = rf"(?:{SP}(?:{alternation(between)}))?" if between else ""
    # not glued to a letter or digit on either side: "IVIG2" is no name, "4000" is not "400" and "0"; a slash
    # only before a time unit ("IVIG 400/天×5天": a number a day; "400/100 mL" is no bare number)
    per_time = "|".join(u.pattern for u in unit_patterns(lang).values())
    # a comma or a bar may part them too ("IVIG، ۲، ۲", "丙球 | 400 | ×5天": a table's row, its cells parted)
    # a name glued to the words before it in a language written without spaces ("静注人免疫球蛋白 400 qd×5": the pack's
    # dose.cues_whole_words false) is still the name; only a Latin letter before it makes another word
    whole = load(f"lang/{lang}.yaml")["dose"].get("cues_whole_words", True)
    edge = r"(?<![^\W\d_])" if whole else r"(?<![A-Za-z\d])"
    return scanned(rf"{edge}(?:{alternation(net['ivig'])}){words}{SP}[:\uff1a,\u060c\uff0c|\uff5c]?{SP}(?P<amount>{p.amount})"
                   rf"(?![\d.,/%\u066a\u060c]?\d)(?![.%\u066a]|/(?!{SP}(?:{per_time})))", re.I)


_YEAR = re.compile(r"(?:1[34]|19|20)\d\d")  # "IVIG 1402 تزریق شد", "IVIG 2019 given": a year, no amount


def _may_be_amount(number: str, tail: str, end: int, covered: list[tuple[int, int]]) -> bool:
    """Whether a bare number before a verb of giving may be the amount: not a year, and no amount the grammar read
    follows in its clause ("IVIG 10 静滴 2 g/kg": the 10 is something else)."""
    return not _YEAR.fullmatch(number.strip()) and not any(end <= s < end + len(tail) for s, _ in covered)


@cache
def _giving_verb(lang: str) -> re.Pattern | None:
    """A verb of giving right after the bare number (the pack's `net.unit_missing_verbs`): "IVIG ۵۰۰ تزریق شود",
    "IVIG 400 静滴": the number is the amount to give, its unit unwritten."""
    verbs = load_net(lang).get("unit_missing_verbs")
    return regex(rf"{_GAP.pattern}(?:{alternation(verbs)})", re.I) if verbs else None


@cache
def _per_kg_no_unit(lang: str) -> re.Pattern:
    """A number, then at once the per-kg words of the pack's `net.unit_missing_per_weight` ("0.4/kg", "0.4
    /(kg·d)", "۲ به ازای هر کیلوگرم"): no unit between them."""
    p = pack(lang)
    words = alternation(load_net(lang).get("unit_missing_per_weight") or ["(?!)"])
    # a comma decimal the normalizer left (Chinese reads none: "0,4/kg") is the number's, not a list's mark
    return scanned(rf"(?<![a-zA-Z\d.,/])(?P<amount>(?:\d+,(?=\d))?{p.amount}){SP}(?:{words})", re.I)


@cache
def _field_no_unit(lang: str) -> re.Pattern | None:
    """A dose field's label, a colon, a number and the field's end ("دوز: 400 |", "剂量：400，"): no unit."""
    between = load_net(lang).get("unit_missing_between")
    if not between:
        return None
    # scanned: behind the lookahead of its first characters (it opens with a lookbehind: tried at every one)
    return scanned(rf"(?<![^\W\d_])(?:{alternation(between)}){SP}[:\uff1a]{SP}(?P<amount>{pack(lang).amount})"
                   rf"(?={SP}(?:$|[|\u2016,;\u060c\u061b\uff0c\uff1b]))", re.I)


def unit_missing_flags(text: str, lang: str, covered: list[tuple[int, int]], **place) -> list[Flag]:
    """A `unit_missing` flag for each bare number after the drug's name whose timing words follow it, for
    each number written per kg with no unit, and for a dose field holding a number alone."""
    field = _field_no_unit(lang)
    found = [("a number per kg with no unit", m) for m in _per_kg_no_unit(lang).finditer(text)]
    found += [("a dose field with a number and no unit", m) for m in (field.finditer(text) if field else ())]
    flags = [_flag(what, m.group(), m.span(), **place) for what, m in found if not _covered(m.span("amount"), covered)]
    return flags + _after_name_flags(text, lang, covered, **place)


def _covered(span: tuple[int, int], covered: list[tuple[int, int]]) -> bool:
    """Whether a number's span overlaps a span the grammar read."""
    return any(span[0] < e and s < span[1] for s, e in covered)


def _flag(what: str, words: str, span: tuple[int, int], **place) -> Flag:
    return Flag("unit_missing", f"{what}: '{words.strip()}'; the amount cannot be read without its unit",
                severity="review", span=span, **place)


def _after_name_flags(text: str, lang: str, covered: list[tuple[int, int]], **place) -> list[Flag]:
    pattern = _bare_after_name(lang)
    if pattern is None or not pack(lang).ivig.search(text):
        return []
    flags = []
    for m in pattern.finditer(text):
        if not _covered(m.span("amount"), covered) and (flag := _bare_flag(text, m, lang, covered, **place)):
            flags.append(flag)
    return flags


def _bare_flag(text: str, m: re.Match, lang: str, covered: list[tuple[int, int]], **place) -> Flag | None:
    """The flag of a bare number after the drug's name: the statement ends there, a verb of giving follows it, or
    timing words (or a count of times) do; None when something else follows."""
    end = m.end("amount")
    stop = _CLAUSE_END.search(text, end, end + _REACH)
    tail = text[end:stop.start() if stop else end + _REACH]
    if _NOTHING_AFTER.fullmatch(text, end) and _may_be_amount(m.group("amount"), "", end, covered):
        return _flag("a number after the drug's name, and nothing after it, with no unit",  # "IVIG 400"
                     text[m.start():end], (m.start(), end), **place)
    given = _giving_verb(lang)
    if given is not None and (verb := given.match(tail)) and _may_be_amount(m.group("amount"), tail, end, covered):
        return _flag("a number after the drug's name, then a verb of giving, with no unit",
                     text[m.start():end + verb.end()], (m.start(), end + verb.end()), **place)
    timing = read_timing(tail, lang)
    # "IVIG 2 تک‌دوز", "IVIG 400 × 5": timing or a count of times
    said = timing.course_high is not None or timing.every_unit or timing.daily or timing.single or timing.times
    if not said or timing.start is None or not _GAP.fullmatch(tail, 0, timing.start):
        return None
    return _flag("a number after the drug's name, then timing, with no unit", text[m.start():end + timing.end],
                 (m.start(), end + timing.end), **place)
