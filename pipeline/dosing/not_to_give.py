"""An amount's own words that make it other than a dose to give now -> its review reasons.

The grammar reads every amount it finds; the words around one may say it is a bound (a maximum, a minimum, an
increase), that the writer doubts it (a word of doubt, a question), that it was already given or belongs to a
regimen replaced, or that another drug's name labels it. Each becomes a review reason of the amount's draft
(kept as read, out of FHIR until a curator confirms), never a dropped amount. The words are the pack's
(`dose.ceiling_*`, `floor_*`, `increment_*`, `hedged_*`, `past_*`; the net's `other_drugs`); a negation is
negation.py's.
"""
from __future__ import annotations

import re

from ..gate import for_text
from ..records import Reason
from .net import drug_label
from .records import DoseMatch, Draft
from .vocab import vocab
from .windows import _Window

__all__ = ["not_to_give"]

_AFTER = 80  # characters after an amount its words may reach, past the next amount ("A یا B؟", "由 A 调为 B")
_EDGES = " (\uff08:\uff1a\u060c,\uff0c"  # marks trimmed off the words a reason quotes
_SENTENCE_END = re.compile(r"[;\u061b\uff1b\u3002!?\uff01\uff1f\u061f\n|\uff5c\u2016]|\.(?!\d)")  # a sentence's, a clause's or a cell's end


def not_to_give(text: str, dose: DoseMatch, window: _Window, drafts: list[Draft], offered: bool, lang: str) -> list[Reason]:
    """The reasons the words give an amount not to be read as a dose to give now; `drafts` are the amounts before
    it, `offered` whether it is offered as another's alternative (an "or" before it)."""
    v = vocab(lang)
    after = text[dose.end:dose.end + _AFTER]
    reasons = _bounds(window, dose, v) + _hedged(window, dose, v, drafts if offered else [], after)
    reasons += _past(window, dose, v, after, drafts) + _context(window, dose, v)
    if name := drug_label(lang, text, dose.start):  # "Mannitol: 0.5-1 g/kg": IVIg-sized, under another drug's name
        reasons.append(Reason("dose_other_drug_label", f"'{dose.text.strip()}' stands under '{name}', another drug's "
                              "name: read as IVIg's at this size, a curator confirms whose dose it is"))
    return reasons


def _bounds(window: _Window, dose: DoseMatch, v) -> list[Reason]:
    """An amount after a word of maximum or of minimum, or inside a comparison of either, is a bound, not the
    dose to give: flagged dose_ceiling or dose_floor. A range after a word of minimum ("حداقل 0.4 تا 1 g/kg")
    is the range to give, not a floor."""
    lead = window.lead[-48:]  # the patterns end at the amount: "حداکثر دوز در هر دوره درمان ..." is 30 characters
    if (v.ceiling_before is not None and for_text(v.ceiling_before, lead).search(lead)) or _wrapped(window, v.ceiling_around):
        return [Reason("dose_ceiling", f"'{dose.text}' follows a word of maximum: a ceiling, not the dose to give")]
    if dose.low_mg != dose.high_mg or dose.low != dose.high:
        return []
    if (v.floor_before is not None and for_text(v.floor_before, lead).search(lead)) or _wrapped(window, v.floor_around):
        return [Reason("dose_floor", f"'{dose.text}' follows a word of minimum: the least to give, not a dose "
                                     "to give")]
    if (v.increment_before is not None and v.increment_before.search(lead)) or _wrapped(window, v.increment_around):
        return [Reason("dose_adjustment", f"'{dose.text}' is an amount added to a dose (an increase), not a dose to give")]
    return []


def _hedged(window: _Window, dose: DoseMatch, v, offered_with: list[Draft], after: str) -> list[Reason]:
    """An amount the words hedge right before it ("احتمالاً ۲ g/kg", "可能是2 g/kg", "probably 2 g/kg"): the
    writer was not sure of it; kept as read, flagged dose_uncertain (the pack's `dose.hedged_before`). An amount
    offered as the alternative of a hedged one ("可能1 g/kg或2 g/kg": `offered_with`, the drafts before an "or")
    is as unsure."""
    if offered_with and any(r.code == "dose_uncertain" for r in offered_with[-1].problems):
        return [Reason("dose_uncertain", f"'{dose.text.strip()}' is offered beside an amount the words are not sure of")]
    lead = window.lead[-40:]  # the pattern ends at the amount: "شاید ایمونوگلوبولین وریدی ..." is 26 characters
    if v.hedged_before is not None and (m := for_text(v.hedged_before, lead).search(lead)):
        return [Reason("dose_uncertain", f"'{dose.text.strip()}' follows '{m.group(0).strip(_EDGES)}': the words "
                                         "are not sure of the amount")]
    if (v.hedged_after is not None and v.hedged_after.match(after)  # "2 g/kg？待上级医师决定", "0.4 g/kg یا ۲ g/kg؟"
            and not (v.hedged_not_before is not None and v.hedged_not_before.search(window.lead))):  # "why 2 g/kg?"
        return [Reason("dose_uncertain", f"'{dose.text.strip()}' stands in a question: the words are not sure of the "
                                         "amount")]
    return []


def _context(window: _Window, dose: DoseMatch, v) -> list[Reason]:
    """An amount that is the condition of advice on another matter (the pack's `dose.context_words`, in its sentence:
    live vaccines put off after IVIg at a dose), written as IVIg given before it (`dose.context_before`: "... پس از
    دریافت IVIG با دوز ۲ g/kg به تأخیر انداخته شوند"; `context_after`: "使用IVIG 2 g/kg后11个月内避免接种活疫苗",
    "接受IVIG 2 g/kg者，...疫苗应推迟"): that advice's, not a dose to give; kept as read, flagged dose_context. A dose
    to give beside such advice ("IVIG 2 g/kg单次，用药后11个月内不宜接种疫苗") or an indication naming a vaccine ("疫苗相关
    VITT：IVIG 1 g/kg/d") is not."""
    if v.context is None or not (
            (v.context_before is not None and v.context_before.search(window.lead[-60:]))
            or (v.context_after is not None and v.context_after.match(window.tail))):
        return []
    lead, tail = _SENTENCE_END.split(window.lead)[-1], _SENTENCE_END.split(window.tail, 1)[0]  # its own sentence
    found = v.context.search(lead) or v.context.search(tail)
    if not found:
        return []
    return [Reason("dose_context", f"'{dose.text.strip()}' stands in a sentence about '{found.group(0).strip(_EDGES)}': "
                                   "the condition of other advice, not a dose to give")]


def _is_past(draft: Draft) -> bool:
    return any(p.code == "dose_past" for p in draft.problems)


def _past(window: _Window, dose: DoseMatch, v, after: str, drafts_before: list[Draft]) -> list[Reason]:
    """An amount the words say was already given, or belongs to a regimen replaced ("دوز قبلی ۰٫۴ g/kg ...",
    "... ۲ g/kg دریافت کرده است", "已于3天前予IVIG 2 g/kg", "（原 2 g/kg）", "由 1 g/kg 减量为 ..."): a record, not a
    dose to give; kept as read, flagged dose_past (the pack's `dose.past_before`, `past_after`, `past_around`). An
    amount in brackets right after a past one restates it ("上次丙球用量36g（2g/kg）")."""
    lead = window.lead[-40:]
    found = _past_words(v, lead, after) if v.past_may is None or v.past_may(lead + "\n" + after) else None
    if not found and drafts_before and window.lead.strip() in ("(", "\uff08") and _is_past(drafts_before[-1]):
        return [Reason("dose_past", f"'{dose.text.strip()}' restates in brackets an amount already given")]
    if not found or (v.past_not_after is not None and v.past_not_after.match(after)) or (
            v.past_not_before is not None and for_text(v.past_not_before, lead).search(lead)):
        return []  # none, or the old dose given again ("دوز قبلی (۲ g/kg) تکرار شود", "按原方案 2 g/kg 继续")
    return [Reason("dose_past", f"'{dose.text.strip()}' stands with '{found.group(0).strip(_EDGES)}': a dose "
                                "already given or of a regimen replaced, not a dose to give")]


def _past_words(v, lead: str, after: str) -> re.Match | None:
    """The words of a past or replaced dose: before the amount, after it, or around it."""
    return ((v.past_before is not None and for_text(v.past_before, lead).search(lead))
            or (v.past_after is not None and v.past_after.match(after))
            or next((m for b, a in v.past_around if (m := b.search(lead)) and a.match(after)), None))


def _wrapped(window: _Window, around: tuple) -> bool:
    """"نباید از 2 g/kg در هر سیکل بیشتر شود": the amount stands inside a comparison (the pack's
    `dose.ceiling_around`, `dose.floor_around`: words before it and after it)."""
    return any(before.search(window.lead[-30:]) and after.match(window.tail) for before, after in around)
