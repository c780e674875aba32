"""A language pack (data/lang/<lang>.yaml) compiled once: the regular expressions and unit factors
the dose engine runs on. pint builds the factors here, at load, never per statement (it is slow)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _constants as C  # noqa: N812  (re's parser constants, as gate.py reads them)
from re import _compiler

from ..compiled import parsed as _parse, regex
from ..lexicon import load
from ..gate import gated
from ..units import factor

SP = r"[ \u200c]*"  # any run of spaces or ZWNJ, possibly none
LANGS = ("fa", "zh")


def spaced(pattern: str) -> str:
    """A data-file pattern whose literal spaces match a space or a ZWNJ (or nothing)."""
    return pattern.replace(" ", "[ \u200c]?")


def alternation(patterns) -> str:
    return "(?:" + "|".join(spaced(p) for p in sorted(patterns, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class Unit:
    pattern: re.Pattern
    ucum: str
    kind: str  # mass or volume
    factor: float  # to mg (mass) or mL (volume)


@dataclass(frozen=True)
class Pack:
    lang: str
    number: str  # one number, digits or words (no groups)
    amount: str  # a number or a range of two (no groups)
    units: tuple[Unit, ...]
    unit: str  # any mass or volume unit (no groups)
    per_weight: re.Pattern
    per_weight_words: str  # the per-kg marks' alternation alone (no spacing before it)
    per_weight_before: re.Pattern | None
    per_time: re.Pattern
    concentration: re.Pattern
    per_area: re.Pattern
    rate_words: re.Pattern
    body_weight: re.Pattern | None  # a weight word ending the words before a mass ("出生体重<"): a weight, no dose
    other_drugs: re.Pattern
    ivig: re.Pattern  # the drug itself named ("IVIG", "免疫球蛋白"): a dose after it is its own
    unknown_unit: re.Pattern  # units IVIg is never dosed in ("IU", "واحد")
    separator_ambiguous: re.Pattern | None  # a comma number the comma rule cannot decide ("0,400")
    fraction_ambiguous: re.Pattern | None  # a slash number that may be a decimal or a fraction ("1/2")
    number_words: dict


@cache
def _factors() -> dict[str, float]:
    """UCUM unit -> factor to its base (mg or mL), from pint."""
    return {"mg": 1.0, "g": float(factor("g", "mg")), "ug": float(factor("ug", "mg")), "mL": 1.0,
            "L": float(factor("L", "mL"))}


def base_factor(ucum: str) -> float:
    """How many of its base unit (mg or mL) one UCUM unit of the pack is ("g" -> 1000): pint's factors, asked
    when the pack loads."""
    return _factors()[ucum]


def first_letters(words) -> str:
    """A lookahead for the letters the words start with, put before their alternation: it matches what
    the alternation matches, but a position where no word can start is left at once, where Python's re
    would try every word in turn (a number pattern is tried at every position of every statement).
    Empty when a word does not start with a plain letter."""
    starts = {w[:1] for w in words}
    if not starts or not all(c.isalpha() for c in starts):
        return ""
    return "(?=[" + "".join(sorted(starts)) + "])"


_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_WORD: r"\w", C.CATEGORY_SPACE: r"\s"}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def _class_items(av) -> set[str] | None:
    """A character class's members as class text (escaped characters, digit, word and space classes); None
    for a negated one or another category."""
    items: set[str] = set()
    for op, arg in av:
        if op is C.LITERAL:
            items.add(re.escape(chr(arg)))
        elif op is C.RANGE:
            items.add(re.escape(chr(arg[0])) + "-" + re.escape(chr(arg[1])))
        elif op is C.CATEGORY and arg in _CATEGORIES:
            items.add(_CATEGORIES[arg])
        else:  # NEGATE, another category
            return None
    return items


def _first_items(items) -> tuple[set[str], bool] | None:
    """(what the first character a sequence consumes may be, as class text; whether the sequence can match
    the empty string), None when that cannot be told (any character, a backreference, a negated class)."""
    first: set[str] = set()
    for op, av in items:
        got = _first_of(op, av)
        if got is None:
            return None
        first |= got[0]
        if not got[1]:
            return first, False
    return first, True


def _first_of(op, av) -> tuple[set[str], bool] | None:
    """_first_items of one item of a parsed pattern."""
    if op is C.LITERAL:
        return {re.escape(chr(av))}, False
    if op is C.IN:
        cls = _class_items(av)
        return (cls, False) if cls is not None else None
    if op in _ZERO_WIDTH:  # consumes nothing: the first character comes after it
        return set(), True
    if op is C.BRANCH:
        return _first_of_branch(av[1])
    if op is C.SUBPATTERN:  # a group with flags of its own ("(?i:...)") would need them in the lookahead
        return _first_items(av[3]) if not (av[1] or av[2]) else None
    if op in _REPEATS:
        got = _first_items(av[2])
        return got and (got[0], got[1] or av[0] == 0)
    return None


def _first_of_branch(alternatives) -> tuple[set[str], bool] | None:
    """_first_items of an alternation: what any of its alternatives starts with."""
    alts = [_first_items(alt) for alt in alternatives]
    return None if None in alts else (set().union(*(a[0] for a in alts)), any(a[1] for a in alts))


def lead_chars(pattern: str, flags: int = 0) -> str:
    """A lookahead for the characters a match of the pattern can start with, to put before it. Python's re
    skips ahead in C only for a pattern that starts with a plain literal or class; one that starts with a
    look-behind or an alternation of words is tried in full at every position of the text. The lookahead
    leaves a position where no match can start after one test, and the pattern matches exactly what it
    matched (every match starts with one of these characters; the lookahead consumes none). Read from re's
    own parse of the pattern; empty when it cannot be told or the pattern can match the empty string.
    Kept in the build cache's library answers (gate.kept), as the gates' analyses are, so a build parses no
    pattern for it twice."""
    from ..gate import kept

    answer = kept("lead", pattern, flags, lambda: _lead_chars(pattern, flags))
    # a kept answer is used only in the one shape this function gives (a class of characters to look ahead for)
    return answer if isinstance(answer, str) and (answer == "" or _LEAD.fullmatch(answer)) else _lead_chars(pattern, flags)


_LEAD = re.compile(r"\(\?=\[[^\]]*\]\)", re.S)


def _lead_chars(pattern: str, flags: int) -> str:
    """lead_chars, worked out from re's parse."""
    if flags & re.VERBOSE or re.match(r"\(\?[aiLmsux]+\)", pattern):  # a global flag must stay first
        return ""
    parsed = _parse(pattern, flags)
    if _compiler._get_literal_prefix(parsed, parsed.state.flags)[0] or _compiler._get_charset_prefix(parsed, parsed.state.flags):
        return ""  # re already skips to where its first literal or class stands, in C
    got = _first_items(parsed)
    if got is None or got[1] or not got[0]:
        return ""
    return "(?=[" + "".join(sorted(got[0])) + "])"


def scanned(source: str, flags: int = 0) -> re.Pattern:
    """A pattern searched for along whole texts, compiled behind the lookahead of its first characters."""
    return regex(lead_chars(source, flags) + source, flags)


def _number(lang: str, data: dict) -> str:
    # no number after a Latin letter ("d1", "q4w": shorthand), except the sign x standing alone ("x5": five times)
    # nor right after a digit and a slash ("0/4g/kg" left unread is no "4g/kg": a fraction or a date's part)
    digits = r"(?:(?<![0-9A-Za-z_.])(?<!\d/)|(?<=(?<![0-9A-Za-z_.])[xX]))\d+(?:\.\d+)?(?![\d.]\d)"
    words = data.get("number_words") or {}
    first = [w for name, section in words.items() if isinstance(section, dict) and name != "divisors" for w in section]
    if first:
        # a number in words starts with a number word; a denominator ("دهم") only follows one
        alt = "|".join(spaced(w) for w in sorted(first, key=len, reverse=True))
        more = "|".join(spaced(w) for w in sorted(first + list(words.get("divisors") or {}), key=len, reverse=True))
        joiners = "|".join(w for w in (words.get("joiner"), words.get("decimal")) if w)
        composite = rf"(?<!\w){first_letters(first)}(?:{alt})(?:{SP}(?:(?:{joiners}){SP})?(?:{more}))*(?!\w)"
        return rf"(?:{digits}|{composite})"
    chars = data["net"].get("numeral_chars")
    return rf"(?:{digits}|[{chars}]+)" if chars else digits


def load_net(lang: str) -> dict:
    """The pack's `net` section (the safety net's words), as the lexicon loaded it."""
    return load(f"lang/{lang}.yaml").get("net") or {}


@cache
def pack(lang: str) -> Pack:
    """The compiled pack of a language ("fa" or "zh")."""
    data = load(f"lang/{lang}.yaml")
    net = data["net"]
    factors = _factors()
    units = tuple(Unit(regex("(?:" + spaced(p) + ")$", re.I), ucum, kind, factors[ucum])
                  for kind in ("mass", "volume") for p, ucum in net[kind].items())
    unit_alt = "(?:" + "|".join(spaced(p) for kind in ("mass", "volume")
                                for p in sorted(net[kind], key=len, reverse=True)) + r")(?![a-zA-Z])"
    number = _number(lang, data)
    joiners = "|".join(net["range_joiners"])
    per_weight = alternation(net["per_weight"])
    compile_ = lambda key: regex(alternation(net[key]), re.I)  # searched in the 30 characters before an amount: no gate pays
    return Pack(
        lang=lang, number=number, amount=rf"{number}(?:{SP}(?:{joiners}){SP}{number})?", units=units,
        unit=unit_alt, per_weight=regex(SP + per_weight, re.I), per_weight_words=per_weight,
        per_weight_before=compile_("per_weight_before") if net.get("per_weight_before") else None,
        per_time=regex(SP + alternation(net["per_time"]), re.I),  # these four: matched where an amount ends
        concentration=regex(SP + alternation(net["concentration"]), re.I),
        per_area=regex(SP + alternation(net["per_area"]), re.I),
        rate_words=compile_("rate_words"), ivig=compile_("ivig"),
        body_weight=regex("(?:" + alternation(net["body_weight"]) + r")\s*$", re.I) if net.get("body_weight") else None,
        other_drugs=_other_drugs(net),
        unknown_unit=regex(alternation(net["unknown_units"]) + r"(?![a-zA-Z])"),
        separator_ambiguous=gated(regex(net["separator_ambiguous"])) if net.get("separator_ambiguous") else None,
        fraction_ambiguous=regex(net["fraction_ambiguous"]) if net.get("fraction_ambiguous") else None,
        number_words=data.get("number_words") or {})


@cache
def alternative_words(lang: str) -> re.Pattern | None:
    """The words offering another drug's amount instead ("或", "یا": `net.other_drug_alternative`)."""
    words = load_net(lang).get("other_drug_alternative")
    return regex(alternation(words), re.I) if words else None


def _other_drugs(net: dict) -> re.Pattern:
    """Co-medications named before an amount. A name stands as a whole word ("Kawasaki" holds no "ASA"; a
    Persian name is not the end of another word), and not right after the pack's `other_drug_not_after`
    words: a drug named as the cause or the failed treatment ("ناشی از هپارین", "مقاوم به ریتوکسیماب") is
    the IVIg indication, not a drug given with the dose after it."""
    # literal words; a look-behind has a fixed width, so each space is one space or one ZWNJ
    not_after = "".join("(?<!" + "[ \u200c]".join(map(re.escape, w.split(" "))) + "[ \u200c])"
                        for w in net.get("other_drug_not_after") or ())
    # searched before every amount: a position where no name can start is left after one test
    return scanned(rf"(?<![a-zA-Z\u0600-\u06ff]){not_after}" + alternation(net["other_drugs"]) + r"(?![a-zA-Z])", re.I)


@lru_cache(maxsize=256)  # keyed on a unit word as written: a handful per language
def unit_of(lang: str, written: str) -> Unit | None:
    """The unit a written unit word stands for ("میلی گرم" -> mg), None when the pack has none."""
    written = written.strip()
    return next((u for u in pack(lang).units if u.pattern.match(written)), None)


def _word_value(token: str, words: dict) -> tuple[str, float] | None:
    for section in ("units", "teens", "tens", "hundreds", "multipliers", "fractions", "divisors"):
        if token in (words.get(section) or {}):
            return section, float(words[section][token])
    return None


def read_words(phrase: str, lang: str = "fa") -> float | None:
    """A number written in words -> its value ("سیصد و پنجاه" 350, "دو هزار" 2000, "یک و نیم" 1.5);
    None when a word is not a number word of the pack."""
    words = pack(lang).number_words
    fractions = words.get("fractions") or {}
    phrase = re.sub(r"[ \u200c]+", " ", phrase.strip())
    if (point := words.get("decimal")) and f" {point} " in f" {phrase} ":  # "یک ممیز پنج" = 1.5
        return _read_decimal(phrase, point, lang)
    if phrase in fractions:
        return float(fractions[phrase])
    tokens = [t for t in phrase.split(" ") if t and t != words.get("joiner")]
    if not tokens:
        return None
    value, unknown = _compose(tokens, words)
    return _glued(phrase, unknown, words, lang) if unknown else value  # "دوهزار": two words written as one


def _compose(tokens: list[str], words: dict) -> tuple[float, str | None]:
    """The value of number words in order, or the first token that is not one."""
    total = current = 0.0
    joiner = words.get("joiner") or ""
    for token in tokens:
        found = _word_value(token, words) or (_word_value(token[len(joiner):], words)  # "یک‌ونیم": joiner glued
                                               if joiner and token.startswith(joiner) else None)
        if found is None:
            return 0.0, token
        section, value = found
        if section == "multipliers":
            total, current = total + max(current, 1.0) * value, 0.0
        elif section == "divisors":  # "چهار دهم": what was read so far, over the denominator
            total, current = (total + current) / value, 0.0
        else:
            current += value
    return total + current, None


def _read_decimal(phrase: str, point: str, lang: str) -> float | None:
    """"یک ممیز پنج" = 1.5, "صفر ممیز بیست و پنج" = 0.25, "یک ممیز پنج دهم" = 1.5 (the decimals said
    with their denominator)."""
    whole, _, decimals = f" {phrase} ".partition(f" {point} ")
    a, b = read_words(whole, lang), read_words(decimals, lang)
    if a is None or b is None or (b >= 1 and b != int(b)):
        return None
    return a + (b if b < 1 else b / 10 ** len(str(int(b))))


def _glued(phrase: str, token: str, words: dict, lang: str) -> float | None:
    """A phrase with one token made of two number words glued ("دوهزار"): read with them apart."""
    for cut in range(len(token) - 1, 0, -1):
        if _word_value(token[:cut], words) and _word_value(token[cut:], words):
            return read_words(phrase.replace(token, f"{token[:cut]} {token[cut:]}", 1), lang)
    return None


def read_amount(text: str, lang: str = "fa") -> list[float | None]:
    """Every number of an amount as written ("2-0.5", "سیصد تا ششصد"), in order; None for an unreadable one."""
    out: list[float | None] = []
    for m in _number_pattern(lang).finditer(text):
        written = m.group(0)
        try:
            value = float(written)
        except ValueError:
            value = read_words(written, lang) if lang == "fa" else _read_zh(written)
        out.append(value if value is None or math.isfinite(value) else None)  # an endless number is unreadable
    return out


@cache
def _number_pattern(lang: str) -> re.Pattern:
    """The pack's number, compiled once (re.finditer with its text looked it up in re's cache per call)."""
    return regex(pack(lang).number)


def _read_zh(written: str) -> float | None:
    from ..normalize.zh import read_number

    return read_number(written)
