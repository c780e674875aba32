"""A dose the words say is not to be given, or was not given -> its regimen kept with the review reason
dose_negated, quoting the words ("... را در یک روز ندهید", "... داده نشد", "不宜单日给予 ...", "... 未输注").

A negated dose read as a plain regimen is a wrong reading a curator must see; a flag keeps the amount and its
words and takes the regimen out of FHIR until someone confirms it. The words are the pack's `negation`
(data/lang/<lang>.yaml). They count in the amount's own clause (between the commas, semicolons or clause cuts
around it), before it or after it; in the clause right after an amount that ends its own clause, when they open
it (it has no subject of its own: "2 g/kg，不宜单日给予"; not "2 g/kg单次输注，不应分次给予": a manner of an
amount already given its words); and a dose ordered or planned and then not given may be said so clauses later
(`not_given`: "原计划IVIG 2 g/kg，因药品短缺未输注"), unless that clause is a condition ("若出现过敏反应则取消").
Words that speak of something else are not a negation of the dose: a near miss (`near_miss`: the speed, a
purpose, no response, a comparison, another administration) in them or between them and the amount, another
drug named there, and a maximum or a minimum (already dose_ceiling, dose_floor).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..compiled import regex
from ..gate import gated
from ..lexicon import load
from ..records import Reason
from .pack import pack
from .vocab import vocab

AMOUNT = "\x00"  # the amount's place in its clause; `{A}` in a pack pattern
_BOUNDS = ("dose_ceiling", "dose_floor")


@dataclass(frozen=True)
class _Words:
    keys: re.Pattern  # every pattern's match holds one of these words (lower case): searched first
    clause: tuple  # in the amount's own clause, or opening a clause after it (patterns behind their gates)
    not_given: tuple  # in the amount's own clause, or in any clause after it (up to the next amount)
    near_miss: re.Pattern | None
    other: re.Pattern | None  # what else may not be given (a class of drugs the net does not name)
    condition: re.Pattern | None  # a clause opened by these is a condition, not the amount's fate
    cut: re.Pattern  # where a clause ends
    openers: str  # the characters opening a clause after its cut (the pack's `negation.openers`)


def _alternation(patterns: list[str]) -> str:
    spaced = (p.replace(" ", "[ \u200c]").replace("{A}", AMOUNT) for p in patterns)
    return "(?:" + "|".join(spaced) + ")"


def _gated(patterns: list[str]) -> tuple:
    """Each pattern compiled apart behind its gate: most windows hold none of the words each needs."""
    return tuple(gated(regex(_alternation([p]), re.I)) for p in patterns)


@cache
def _words(lang: str) -> _Words | None:
    data = load(f"lang/{lang}.yaml").get("negation")
    if not data:
        return None
    v = vocab(lang)
    optional = {k: regex(_alternation(data[k]), re.I) if data.get(k) else None for k in ("near_miss", "other")}
    return _Words(keys=regex("|".join(re.escape(k.lower()) for k in data["keys"])), clause=_gated(data["clause"]), not_given=_gated(data["not_given"]),
                  condition=regex(r"\s*" + _alternation(data["condition"]), re.I) if data.get("condition") else None,
                  cut=regex(f"{v.clause_comma.pattern}|{v.clause_cut.pattern}"), openers=data["openers"], **optional)


def negated(lead: str, amount: str, tail: str, problems: list[Reason], lang: str) -> list[Reason]:
    """The dose_negated reason of an amount whose words (`lead` before it, `tail` after it, both within its
    window) say it is not to be given or was not given; none when they do not, or it is a ceiling or floor."""
    w = _words(lang)
    if w is None or any(p.code in _BOUNDS for p in problems):
        return []
    text = lead + AMOUNT + tail
    if not w.keys.search(text.lower()) or not any(p.search(text) for p in w.clause + w.not_given):  # most amounts
        return []
    own_lead = lead[max([m.end() for m in w.cut.finditer(lead)], default=0):]
    clauses = _clauses(tail, w.cut)
    found = _negation(w, w.clause + w.not_given, own_lead + AMOUNT + clauses[0], lang) or _later(w, clauses, lang)
    if not found:
        return []
    words = found.replace(AMOUNT, amount).strip()
    return [Reason("dose_negated", f"'{amount.strip()}' stands with '{words}': the words say it is not to be given, "
                                   "or was not given")]


def _later(w: _Words, clauses: list[str], lang: str) -> str | None:
    """The negation words of the clauses after the amount's own (clauses[0]) that speak of the amount."""
    after = AMOUNT + clauses[0]
    for clause in clauses[1:]:
        since, after = len(after), after + clause
        opening = since + len(clause) - len(clause.lstrip(w.openers))
        if w.condition is not None and w.condition.match(after, opening):
            continue  # "...，若出现过敏反应则取消": what is done if, not what was done
        if found := _negation(w, w.not_given, after, lang, since):
            return found
        if since == len(AMOUNT + clauses[0]) and not clauses[0].strip():
            # "2 g/kg，不宜单日给予": an amount that ends its clause, and a clause right after it opening with
            # such words (no subject of its own), speaks of it; not "2 g/kg单次输注，不应分次给予" (its own words)
            for m in filter(None, (p.match(after, opening) for p in w.clause)):
                if _speaks_of_it(w, after, m.start(), m.end(), lang):
                    return m.group(0)
    return None



def _clauses(tail: str, cut: re.Pattern) -> list[str]:
    """The tail cut at each clause end, each piece holding its opening comma."""
    starts = [0] + [m.start() for m in cut.finditer(tail)]
    return [tail[a:b] for a, b in zip(starts, starts[1:] + [len(tail)])]


def _negation(w: _Words, patterns: tuple, clause: str, lang: str, since: int = 0) -> str | None:
    """The first words of `patterns` in `clause` (from `since` on) that speak of the amount in it."""
    for pattern in patterns:
        for m in pattern.finditer(clause, since):
            if _speaks_of_it(w, clause, m.start(), m.end(), lang):
                return m.group(0)
    return None


def _speaks_of_it(w: _Words, clause: str, start: int, end: int, lang: str) -> bool:
    """Words of negation (clause[start:end]) speak of the amount in `clause` unless a near miss or another drug
    stands in them or between them and the amount (words before the amount: from the clause's start, where a
    verb's object stands in Persian, "پردنیزولون دریافت نکرده بود و IVIG ...")."""
    at = clause.find(AMOUNT)
    lo, hi = (0, at) if end <= at else (min(start, at), end)
    if w.near_miss is not None and any(m.start() < hi and m.end() > lo for m in w.near_miss.finditer(clause)):
        return False  # (overlapping the stretch: "禁用于..." after the amount is a population's contraindication)
    stretch = clause[lo:hi]
    return not (pack(lang).other_drugs.search(stretch) or (w.other is not None and w.other.search(stretch)))
