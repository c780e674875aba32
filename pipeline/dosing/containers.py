"""What a container holds, and doses counted in containers: two readings of an amount that are no dose.

A product's strength ("ویال 5 گرمی", "50ml/瓶", "10% 100 mL (10 g)") is what one vial holds; a count of
vials or bottles ("۲ ویال ۵ گرمی", "每次2瓶（每瓶5g）") gives a dose in containers, never an amount to read.
The words are the pack's (`net.strength`, `net.vial_count`); the safety net (net.py) asks both.
"""
from __future__ import annotations

import re
from functools import cache

from ..compiled import regex
from ..gate import gated
from .pack import SP, alternation, load_net, pack, scanned
from .records import Mention

__all__ = ["strength_end", "vial_counts"]


@cache
def _strength_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern] | None:
    """A product's strength (net.strength): a container word before or after the amount, or a mass
    and a volume written as one pair ("50ml:2.5g", "100 mL (10 g)") after a percentage."""
    data = load_net(lang).get("strength")
    if not data:
        return None
    p = pack(lang)
    joiner = alternation(data["pair_joiners"])
    gap = data["container_gap"]  # what may stand between the container word and the amount ("ویال‌های 2.5 و")
    # the two searched before an amount run ungated: on those 30 characters re alone (0.5 us) is quicker
    # than the gate's lowering and word tests (0.8-1.4 us); the percent gate (one `in`) stays, it is quicker
    return (regex(alternation(data["container_before"]) + rf"{SP}{gap}{SP}$", re.I),
            regex(SP + alternation(data["container_after"]), re.I),  # matched where the amount ends
            regex(rf"{SP}{joiner}{SP}(?:{data['percent']}{SP}[,，]?{SP})?(?:{p.amount}){SP}(?:{p.unit}){SP}[)）]?", re.I),
            regex(rf"(?:{p.amount}){SP}(?:{p.unit}){SP}{joiner}{SP}$", re.I),
            gated(regex(data["percent"])))


def strength_end(lang: str, text: str, start: int, end: int, lead: str, raw: str) -> int | None:
    """Where a product strength mention ends, None when the amount is not one. lead: the words of the
    amount's own clause before it; raw: the characters before it, not cut at punctuation ("规格:2.5g",
    "10%، 50 ml")."""
    patterns = _strength_patterns(lang)
    if patterns is None:
        return None
    before, after, pair_after, pair_before, percent = patterns
    if m := after.match(text, end):
        return m.end()
    pair = pair_after.match(text, end)
    stop = pair.end() if pair else end
    if pair and (m := after.match(text, stop)):  # "50 ml (5 g) در هر ویال", "2.5g(5%,50ml)/瓶"
        return m.end()
    if before.search(raw) or (percent.search(raw) and (pair or pair_before.search(lead))):
        return stop
    return None


_PACK_REACH = 30  # characters before a count of containers in which a pack word may stand
_VIAL_REACH = 8  # characters after a count of vials in which the strength it is counted in may start


@cache
def _vial_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern | None] | None:
    """A container word, a count of containers (the pack's net.vial_count), and the pack words a pack
    size follows."""
    data = load_net(lang).get("vial_count")
    if not data:
        return None
    measure = f"(?:{SP}{alternation(data['measure_words'])})?" if data.get("measure_words") else ""
    containers = alternation(data["containers"])
    container = scanned(containers, re.I)  # searched along every statement: 0.71 -> 0.60 us (fa)
    count = regex(rf"(?P<amount>{pack(lang).amount}){measure}{SP}(?P<unit>{containers})", re.I)
    pack_words = data.get("pack_before")
    return container, count, (regex(rf"{alternation(pack_words)}{SP}$", re.I) if pack_words else None)


def vial_counts(text: str, lang: str, found: list[Mention]) -> list[Mention]:
    """"۲ ویال ۵ گرمی", "每次2瓶（每瓶5g）": a dose counted in vials, quoted with the strength it is counted
    in when one follows; never a pack size ("每盒1瓶")."""
    patterns = _vial_patterns(lang)
    if patterns is None:
        return []
    container, count, pack_before = patterns
    if not container.search(text):  # most statements name no container: the count pattern is not tried
        return []
    out = []
    for m in count.finditer(text):
        if pack_before is not None and pack_before.search(text, max(0, m.start() - _PACK_REACH), m.start()):
            continue
        stop = max([x.end for x in found if m.end() <= x.start <= m.end() + _VIAL_REACH], default=m.end())
        opened = text.count("(", m.end(), stop) + text.count("\uff08", m.end(), stop)
        if opened and text[stop:stop + 1] in (")", "\uff09"):
            stop += 1  # the bracket the strength stands in: "2瓶（每瓶5g）"
        out.append(Mention(m.start(), stop, text[m.start():stop], m.group("unit"), "vials"))
    return out
