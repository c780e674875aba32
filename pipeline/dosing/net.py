"""The safety net: a deliberately broad detector of dose-like mentions, beside the precise grammar.

A mention is a number (or range) before a mass or volume unit, or after a per-weight word. Each is
classed by the words around it (per kg, per hour, per litre, per m², a co-medication named before
it); after the grammar has run, a mention that no regimen, cap, rate or threshold accounts for becomes
a flag quoting its words. Precision comes from the grammar, completeness from the net.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache, partial
from operator import attrgetter

from ..records import Flag
from ..compiled import regex
from ..pattern_letters import letters_test
from .containers import strength_end, vial_counts
from .header_labels import normalize_words
from .listed_after import listed_after
from .pack import SP, alternation, alternative_words, load_net, pack, read_amount, scanned, unit_of
from .records import Mention
from .space_separators import space_separator_flags
from .unit_missing import unit_missing_flags
from .unknown_spellings import unknown_spellings
from .vocab import vocab

_CLAUSE_CUT = re.compile(r"[,;:!?\u060c\u061b\u3001\u3002\uff0c\uff1b]|\.(?=\s)")  # a rate word or drug in another clause is not this amount's
_SENTENCE_CUT = re.compile(r"[;!?\u061b\u3002\uff1b]|\.(?=\s|$)")  # an alternative is offered in the sentence of its amount
_AFTER = 30  # characters after a unit in which "per kg" / "per hour" may follow
_BEFORE = 30  # characters before an amount in which a rate word or a co-medication may stand


@cache
def _mention_patterns(lang: str) -> tuple[re.Pattern, re.Pattern | None, re.Pattern]:
    p = pack(lang)
    units = rf"(?:{p.unit}|{p.unknown_unit.pattern})"
    after = rf"(?P<amount>{p.amount}){SP}(?P<unit>{units})"
    # a unit per kg with no number that can be read before it ("0..4 g/kg", "؟ گرم بر کیلوگرم", "O.4 g/kg")
    bare = rf"(?P<unit>{p.unit}){p.per_weight.pattern}"
    if p.per_weight_before is not None:  # "每公斤体重□.4 g": per kg, then no number that can be read
        bare = (rf"{bare}|{p.per_weight_before.pattern}{SP}(?P<junk>[^\s\d]\S{{0,6}}?){SP}"
                rf"(?P<unit2>{p.unit})")
    before = None
    if p.per_weight_before is not None:
        before = scanned(rf"{p.per_weight_before.pattern}{SP}(?P<amount>{p.amount}){SP}(?P<unit>{p.unit})", re.I)
    # searched along every statement: behind the lookahead of the characters they can start with
    return scanned(after, re.I), before, scanned(bare, re.I)


@cache
def _units(lang: str) -> re.Pattern:
    """Any unit the three mention patterns read (a mass or volume unit, or one IVIg is never dosed in): half
    the statements of a document name none (fa 43 of 109, zh 38 of 68), and are not searched for them."""
    p = pack(lang)
    return scanned(rf"(?:{p.unit}|{p.unknown_unit.pattern})", re.I)


# the marks around a label or a cell that hold no name (bullets, row and cell marks, brackets, spaces)
_LABEL_EDGES = re.compile(r"^[\s\-–—•·*‖|(（\[]+|[\s)）\]]+$")


def _drug_name_alone(p, words: str) -> bool:
    """Whether the words are a co-medication's name and nothing else ("- Aspirin", "阿司匹林"), marks aside: not
    a condition naming one ("After rituximab", "泼尼松无效者", "Rituximab-associated hypogammaglobulinemia"),
    nor a label naming IVIg too ("IVIG + aspirin")."""
    name = _LABEL_EDGES.sub("", words)
    if not name or len(name) > 40 or not _may_name_drug(p.lang)(name):
        return False
    found = p.other_drugs.search(name)
    return found is not None and found.start() == 0 and found.end() == len(name) and not p.ivig.search(name)


def _below_ivig(p, amount: str, unit: str, per_kg: bool = True) -> bool:
    """Whether an amount may be a co-medication's by its label or its row: one not per kg (`per_kg` False), or a mass
    per kg below any amount IVIg is given at in practice (the pack's `plausible.label_drug_below_mg_per_kg`: aspirin's
    80 mg/kg, methylprednisolone's 30 mg/kg); never an IVIg-sized one ("ریتوکسیماب: ۰٫۴ g/kg" stays IVIg's)."""
    if not per_kg:  # a fixed amount ("甲泼尼龙 | 1 g/d×5"): no per-kg size to compare
        return True
    limit = vocab(p.lang).plausible.get("label_drug_below_mg_per_kg")
    found = unit_of(p.lang, unit)
    numbers = [v for v in read_amount(amount, p.lang) if v is not None]  # "هشتاد mg": number words too
    return bool(limit and found and found.kind == "mass" and numbers and max(numbers) * found.factor < limit)


def _own_clause(p, before: str, small: Callable[[], bool]) -> str:
    """The words of an amount's own clause (a rate word or drug in another clause is not the amount's), with its
    label when that is a co-medication's name alone: the colon after it ends a name, not a clause ("Aspirin: 80-100
    mg/kg/day", "阿司匹林：80-100 mg/kg/d": the drug's; not "After rituximab: 0.4 g/kg", "IVIG + aspirin: 2 g/kg")."""
    own = _CLAUSE_CUT.split(before)[-1]
    cut = len(before) - len(own) - 1  # where the cut before the amount's own words stands
    if cut < 0 or before[cut] not in ":\uff1a" or own.strip() or not small():  # most amounts: no label right before
        return own
    cuts = [m.start() for m in _CLAUSE_CUT.finditer(before)]  # each one character; the last is `cut`
    # the labels before the amount, nearest first, up to two ("آسپرین: دوز: 80 mg/kg": the drug's, then its field's)
    for i in range(len(cuts) - 1, max(len(cuts) - 3, -1), -1):
        if before[cuts[i]] not in ":\uff1a":
            break
        start = cuts[i - 1] + 1 if i else 0
        start = max(start, before.rfind("\u2016", start, cuts[i]) + 1)  # within its row (‖)
        if _drug_name_alone(p, before[start:cuts[i]]):  # "- Aspirin:", not a clause naming one on the way
            return before[start:]
    return own


def drug_label(lang: str, text: str, start: int) -> str | None:
    """The co-medication's name that labels the amount at `start` ("Mannitol: 0.5-1 g/kg", "甘露醇：1 g/kg"),
    whatever the amount's size, else None. An amount below IVIg's is that drug's (_own_clause); one of IVIg's size
    under another drug's name is read as IVIg's but doubted (not_to_give.py: dose_other_drug_label)."""
    before = text[max(0, start - _BEFORE):start]
    if not before.rstrip().endswith((":", "\uff1a")):  # most amounts: no label right before
        return None
    labelled = _own_clause(pack(lang), before, lambda: True)
    if len(labelled) <= len(_CLAUSE_CUT.split(before)[-1]):  # the amount's own clause alone: no label taken
        return None
    return _LABEL_EDGES.sub("", _CLAUSE_CUT.split(labelled, 1)[0]) or None


def _kind(lang: str, text: str, start: int, end: int, unit: str, prefixed: bool) -> tuple[str, int]:
    """The class of a mention and where its words end, from the words around it."""
    p = pack(lang)
    rest = text[end:end + _AFTER]
    weight = p.per_weight.match(rest)  # asked by every branch below: matched once
    # an amount a co-medication's label or row may take (_own_clause, _row_of_other_drug): not per kg, or below IVIg's
    small = partial(_below_ivig, p, text[start:end], unit, weight is not None)  # asked only beside a label or a row
    lead = _own_clause(p, text[max(0, start - _BEFORE):start], small)
    follows = _units_after(lang).match(rest)
    if follows and follows.group("area") is not None:  # "375 mg/m²": dosed by body surface, another drug
        return "other_drug", end + follows.end()
    if kind := (_drug_or_unknown(p, unit, lead) or _row_of_other_drug(p, text, start, small)):
        return kind, end + (weight.end() if weight else 0)
    if not weight and (stop := strength_end(lang, text, start, end, lead, text[max(0, start - _BEFORE):start])):
        return "strength", stop  # "ویال 5 گرمی", "50ml/瓶", "10% 100 mL (10 g)": what a vial holds
    if not weight and (diluted := _diluted(lang, text, end, unit, lead, follows)):
        return diluted
    if follows:  # not per m² (asked first): the first of a concentration and a time that follows
        return ("concentration" if follows.group("concentration") is not None else "rate"), end + follows.end()
    if weight or prefixed:
        return _per_weight_kind(p, text, unit, lead, end + (weight.end() if weight else 0))
    return _bare_kind(p, unit, lead), end


def _bare_kind(p, unit: str, lead: str) -> str:
    """An amount neither per kg nor followed by a time or concentration: a body weight after a weight word
    ("出生体重<1000 g", "وزن تولد کمتر از ۱۵۰۰ گرم"), a rate after a rate word, else a fixed amount."""
    if p.body_weight is not None and _unit_kind(p.lang, unit) is None and p.body_weight.search(lead):
        return "body_weight"  # a mass after a weight word (not a volume, nor a unit IVIg is never dosed in)
    return "rate" if p.rate_words.search(lead) else "fixed"


def _diluted(lang: str, text: str, end: int, unit: str, lead: str, follows: re.Match | None) -> tuple[str, int] | None:
    """The solution an amount is diluted in (net.diluents): a volume of it ("500 سی‌سی دکستروز 5٪", "生理盐水500
    ml") is the diluent, not a dose; a mass in such a volume ("25 گرم در 500 سی‌سی دکستروز") is the amount
    given, not a concentration."""
    pattern = _diluent_patterns(lang)
    if pattern is None:
        return None
    after, before = pattern
    if _unit_kind(lang, unit) == "volume":
        if m := after.match(text, end):
            return "diluent", m.end()
        return ("diluent", end) if before.search(lead) else None
    if follows is not None and follows.group("concentration") is not None and after.match(text, end + follows.end()):
        return "fixed", end
    return None


@cache
def _diluent_patterns(lang: str) -> tuple[re.Pattern, re.Pattern] | None:
    """A diluent named right after an amount ("دکستروز 5٪", "of normal saline"), and one ending the words
    before it ("加入5%葡萄糖")."""
    diluents = load_net(lang).get("diluents")
    if not diluents:
        return None
    words = alternation(diluents)
    of = alternation(load_net(lang).get("diluent_of") or ["(?!)"])  # "of" between the volume and the solution
    percent = rf"(?:\d+(?:\.\d+)?{SP}[%\u066a]{SP})"
    return (regex(rf"{SP}(?:(?:{of}){SP})?{percent}?(?:{words})", re.I),
            regex(rf"(?:{words}){SP}(?:{percent}|[(（]{SP}{percent}?[)）]{SP})?$", re.I))


@cache
def _units_after(lang: str) -> re.Pattern:
    """Per m², a concentration and per time, in the order _kind asks them where an amount ends, as one
    alternation: the first alternative that matches is the first of them that matches alone, with the
    same end, in one call where there were three."""
    p = pack(lang)
    return regex(rf"(?P<area>{p.per_area.pattern})|(?P<concentration>{p.concentration.pattern})"
                 rf"|(?P<rate>{p.per_time.pattern})", re.I)


def _per_weight_kind(p, text: str, unit: str, lead: str, stop: int) -> tuple[str, int]:
    """An amount per kg: a rate when time follows or a rate word leads, a volume or a dose otherwise."""
    if m := p.per_time.match(text, stop):
        return "rate", m.end()
    if p.rate_words.search(lead):
        return "rate", stop
    return ("volume" if _unit_kind(p.lang, unit) == "volume" else "dose"), stop


@lru_cache(maxsize=256)  # keyed on a unit word as written ("میلی‌گرم", "ml"): a handful per language
def _unit_kind(lang: str, unit: str) -> str | None:
    """"unknown" for a unit IVIg is never dosed in, "volume" for a volume unit, None otherwise."""
    p = pack(lang)
    if p.unknown_unit.fullmatch(unit):
        return "unknown"
    return "volume" if any(u.kind == "volume" and u.pattern.match(unit) for u in p.units) else None


@cache
def _may_name_drug(lang: str) -> Callable[[str], bool]:
    """Whether a lead may hold a co-medication's name: a test of the letters every name needs (drug_grams)."""
    from ..lexicon import load

    return letters_test(pack(lang).other_drugs, load(f"lang/{lang}.yaml"), skip=("net", "other_drugs"),
                        heavy=("net", "ivig"))


def _drug_or_unknown(p, unit: str, lead: str) -> str | None:
    """"other_drug" for a co-medication named in the lead (or any drug there before a unit IVIg is never
    dosed in), "unknown" for such a unit, None otherwise. A drug the lead names is not searched twice."""
    if _names_other_drug(p, lead):
        return "other_drug"
    if _unit_kind(p.lang, unit) == "unknown":
        return "other_drug" if p.other_drugs.search(lead) else "unknown"
    return None


def _row_of_other_drug(p, text: str, start: int, small: Callable[[], bool]) -> str | None:
    """"other_drug" for an amount in the second cell of a table row whose first cell is a co-medication's name alone
    ("药物: Aspirin | 剂量: 80–100 mg/kg/day", a pasted drug table's row; not "Rituximab-associated HGG | 0.4 g/kg"),
    unless IVIg is named anywhere in the row; the amount's own clause (its cell) names no drug."""
    if "|" not in text:  # most statements: no table row
        return None
    row = text[text.rfind("\u2016", 0, start) + 1:start]  # back to the row mark (‖) or the text's start
    row = _SENTENCE_CUT.split(row)[-1]  # ... within its sentence ("ITP | 1 g/kg. Rituximab | ...": rows of a list)
    # the amount in the second cell ("Aspirin | 80 mg/kg/d | IVIG 2 g/kg" gives IVIg's third), not IVIg-sized
    if row.count("|") != 1 or not small():
        return None
    first = row.split("|", 1)[0]
    value = first.split(":", 1)[-1].split("\uff1a", 1)[-1]  # "药物: Aspirin": the cell's value after its header
    row_end = text.find("\u2016", start)
    named = p.ivig.search(row) or p.ivig.search(text, start, row_end if row_end >= 0 else len(text))
    return "other_drug" if _drug_name_alone(p, value) and not named else None


def _names_other_drug(p, lead: str) -> bool:
    """A co-medication named just before the amount, with no IVIg named after it."""
    if not _may_name_drug(p.lang)(lead):  # most leads: no letters any drug name needs (0.6 us, not 1.6-3)
        return False
    drugs = list(p.other_drugs.finditer(lead))
    if not drugs:
        return False
    return not p.ivig.search(lead, drugs[-1].end())


def other_drug_named(lead: str, lang: str) -> bool:
    """A co-medication named in the words, with no IVIg named after it ("甲泼尼龙", "پردنیزولون")."""
    return _names_other_drug(pack(lang), lead)


def mentions_in(text: str, lang: str) -> tuple[Mention, ...]:
    """Every dose-like mention of a normalized text, classed, in reading order."""
    return _mentions(text, lang)


@lru_cache(maxsize=4096)
def _mentions(text: str, lang: str) -> tuple[Mention, ...]:
    taken: list[tuple[int, int]] = []
    units = _units(lang).search(text)  # the three patterns each hold a unit: a text naming none is not searched
    found = _amounts(text, lang, taken) if units else []
    found += unknown_spellings(text, lang, taken)  # "2 gmm/kg": a unit spelling the pack does not know
    if units:
        found += _bare_units(text, lang, taken)
    found += vial_counts(text, lang, found)
    if len(found) > 1:  # most statements hold one mention or none: nothing to order, no alternative offered
        found.sort(key=_START)
        found = _alternatives_of_other_drugs(text, lang, found)
    return tuple(found)


def _amounts(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Each amount before a unit (or after per kg), classed; the spans they take are added to `taken`."""
    after, before, _ = _mention_patterns(lang)
    found = []
    for pattern, prefixed in ((before, True), (after, False)):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            start, at, unit = m.start(), m.start("amount"), m.group("unit")
            if taken and any(start < e and s < m.end() for s, e in taken):
                continue
            kind, stop = _kind(lang, text, at, m.end(), unit, prefixed)
            found.append(Mention(start, stop, text[start:stop], unit, kind, at - start))
            taken.append((start, stop))
    return found


_START = attrgetter("start")


def _bare_units(text: str, lang: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """A unit per kg with no number read before it: a header's unit with its amount after a colon, or a
    number nobody can read. Most of the bare pattern's matches are the units of the mentions already taken,
    passed over."""
    found = []
    for m in _mention_patterns(lang)[2].finditer(text):
        unit = "unit" if m.group("unit") else "unit2"
        at = m.start(unit)
        if any(s <= at < e for s, e in taken):
            continue
        if unit == "unit" and (header := _header_amount(lang).match(text, m.end())):
            # "دوز (g/kg): 2": the unit named in brackets, its amount after the colon: a dose the grammar must read,
            # unless a co-medication is named in its clause or as its label before the bracket ("دوز آسپرین (mg/kg/روز):
            # ۸۰", "آسپرین: دوز (...): ۸۰") and the amount is below IVIg's ("دوز IVIG بعد از آسپرین (mg/kg): ۲۰۰۰" is IVIg's)
            kind = _header_kind(lang, text, m, header)
            found.append(Mention(m.start(), header.end(), text[m.start():header.end()], m.group(unit), kind,
                                 header.start("amount") - m.start()))
            if kind == "dose":  # "剂量（g/kg）：1，0.5": numbers listed after it, no unit of their own
                found += listed_after(text, header.end(), lang)
        elif unit == "unit2" or not _number_before(text, m.start(), lang):
            found.append(Mention(max(0, m.start() - _UNREAD_BEFORE), m.end(),
                                 text[max(0, m.start() - _UNREAD_BEFORE):m.end()], m.group(unit), "unreadable"))
    return found


def _header_kind(lang: str, text: str, unit: re.Match, header: re.Match) -> str:
    """"other_drug" for a bracketed unit's amount ("(mg/kg/d)：80") under a co-medication's name (in its clause or as
    its field's label), unless IVIg is named there too and the amount is of IVIg's size; "dose" otherwise."""
    p = pack(lang)
    before = text[max(0, unit.start() - 2 * _BEFORE):unit.start()]  # a field's words may stand between ("دوز ... (")
    parts = _CLAUSE_CUT.split(before)
    lead = parts[-1]
    cut = len(before) - len(lead) - 1
    if cut >= 0 and before[cut] in ":\uff1a\u060c,\uff0c" and len(parts) > 1:  # "آسپرین: دوز (...)", "阿司匹林，剂量（...）"
        lead = f"{parts[-2]} {lead}"  # the drug's name as the field's label
    if not p.other_drugs.search(lead):  # most brackets: no other drug named before them
        return "dose"
    # the drug's and not IVIg's: below IVIg's size, or IVIg not named there ("دوز آلبومین (g/kg): 1"); "دوز IVIG بعد
    # از آسپرین (mg/kg): ۲۰۰۰" names IVIg and gives its size: IVIg's
    small = _below_ivig(p, header.group("amount"), unit.group("unit"))
    return "other_drug" if small or not p.ivig.search(lead) else "dose"


_ALTERNATIVE_REACH = 40  # characters between a co-medication's amount and an alternative amount of it


def _alternatives_of_other_drugs(text: str, lang: str, found: list[Mention]) -> list[Mention]:
    """"آسپرین با دوز متوسط (30-50 mg/kg/d) یا دوز بالا (80-100 mg/kg/d)": an amount offered as the
    alternative ("or") of a co-medication's amount, in the same sentence, with no number between them and
    no IVIg named between them or just after it, is that drug's amount too, never an IVIg dose."""
    words = alternative_words(lang)
    if words is None or not any(m.kind == "other_drug" for m in found):  # most statements name no other drug
        return found
    ivig = pack(lang).ivig
    for i in range(1, len(found)):
        if _offered_instead(text, found[i - 1], found[i], words, ivig):
            found[i] = replace(found[i], kind="other_drug")
    return found


def _offered_instead(text: str, before: Mention, m: Mention, words: re.Pattern, ivig) -> bool:
    """Whether amount m is offered as the alternative of the co-medication amount just before it."""
    if before.kind != "other_drug" or m.kind not in ("dose", "fixed", "volume"):
        return False
    between = text[before.end:m.start]
    return (len(between) <= _ALTERNATIVE_REACH and bool(words.search(between))
            and not _SENTENCE_CUT.search(between) and not any(c.isdigit() for c in between)
            and not ivig.search(between) and not ivig.search(text[m.end:m.end + _AFTER]))


_UNREAD_BEFORE = 8  # characters quoted before a unit whose number cannot be read


def _number_before(text: str, at: int, lang: str) -> bool:
    """Whether the unit at `at` follows a number the pack can read (then the amount pattern had it)."""
    return bool(_number_at_end(lang).search(text[max(0, at - 40):at]))


@cache
def _header_amount(lang: str) -> re.Pattern:
    """After a unit per kg named in brackets (a table's or a form's header, maybe with "/d"), a colon and the
    amount: "(g/kg): 2", "（mg/kg/d）：400", "(میلی‌گرم بر کیلوگرم در روز): ۴۰۰" (the pack's `normalize.bracket_per_day`)."""
    per = rf"/{SP}\w{{1,5}}|{normalize_words(lang, 'bracket_per_day')}"
    return regex(rf"{SP}(?:(?:{per}){SP})?[)\uff09]{SP}[:\uff1a]{SP}(?P<amount>{pack(lang).amount})(?![\d.])", re.I)


@cache
def _number_at_end(lang: str) -> re.Pattern:
    """A number ending the text: compiled once, where re.search compiled it again (~240 us) whenever re's
    own cache had let it go."""
    return regex(rf"(?:{pack(lang).number}){SP}$")


_ALWAYS = ("rate", "other_drug", "unknown", "unreadable", "strength", "vials", "diluent", "body_weight")  # flagged whatever the grammar read
_MESSAGES = {
    "rate": ("infusion_rate", "info", "an infusion rate, not a dose: '{}'"),
    "other_drug": ("other_drug", "info", "a dose of another drug (per m² or a co-medication), not IVIg: '{}'"),
    "strength": ("product_strength", "info", "a product's strength (what a vial or bottle holds), not a dose: '{}'"),
    "body_weight": ("body_weight", "info", "a body weight, not a dose: '{}'"),
    "diluent": ("solution_volume", "info", "a volume of a plain solution (a diluent, saline or dextrose given beside), "
                                           "not an IVIg dose: '{}'"),
    "vials": ("dose_in_vials", "review", "a dose counted in vials or bottles, which the grammar does not read as an "
                                        "amount: '{}'"),
    "concentration": ("unit_unknown", "review", "a concentration no threshold rule reads: '{}'"),
    "dose": ("dose_unread", "review", "a dose-like mention the grammar did not read: '{}'"),
    "volume": ("dose_unread", "review", "a volume per kg the grammar did not read: '{}'"),
    "fixed": ("dose_unread", "review", "an amount the grammar did not read: '{}'"),
    "unknown": ("unit_unknown", "review", "an amount in a unit IVIg is not dosed in: '{}'"),
    "unreadable": ("dose_unread", "review", "a dose unit whose number cannot be read: '{}'"),
    "spelling": ("dose_unread", "review", "an amount per kg in a unit word the grammar does not know: '{}'"),
    "listed": ("dose_unread", "review", "a number listed after a field's amount under a bracketed unit, with no unit of "
                                        "its own (the same unit's amount, or something else?): '{}'"),
}


def unaccounted(text: str, lang: str, covered: list[tuple[int, int]], *, doc_id: str | None = None,
                row_id: str | None = None, field: str | None = None, headers: tuple[tuple[int, int], ...] = ()) -> list[Flag]:
    """Flags for the mentions no covered span (regimen amount, cap, threshold) overlaps; rates and
    other drugs' doses are recognised and recorded as info. `headers`: the units named once for the amounts
    after them (header_units.py), written after those amounts: accounted for by them."""
    flags = []
    for mention in mentions_in(text, lang):
        if mention.kind not in _ALWAYS and any(mention.start < e and s < mention.end for s, e in covered):
            continue
        if (mention.kind == "unreadable" or mention.kind not in _ALWAYS) and any(
                mention.start < e and s < mention.end for s, e in headers):
            continue  # the header's unit ("(g/kg):", "(g/kg):1、" an item's number after it)
        code, severity, message = _MESSAGES[mention.kind]
        flags.append(Flag(code, message.format(mention.text.strip()), severity=severity, doc_id=doc_id,
                          row_id=row_id, field=field, span=(mention.start, mention.end)))
    # "IVIG 400 برای 5 روز": a number with no unit at all, which the mentions above (a number and its unit) miss
    flags += space_separator_flags(text, lang, doc_id=doc_id, row_id=row_id, field=field)  # "方案1 400 mg"
    return flags + unit_missing_flags(text, lang, covered, doc_id=doc_id, row_id=row_id, field=field)


