"""Amounts compared, not given: "در این کارآزمایی IVIG 1 g/kg و 2 g/kg مقایسه شدند", "本試驗比較 IVIG 1 g/kg 與 2 g/kg".

A sentence holding two amounts or more and a word of comparison (the pack's `statement.compared`: a study's
arms, a comparison of doses) states doses someone compared, not a dose to give: each regimen of it is kept as
read and flagged `dose_compared` with the words, so it leaves FHIR until a curator confirms. "Or" and "versus"
between offered amounts are the alternatives' reading (draft_timing.share_alternatives), not this one.
"""
from __future__ import annotations

from ..records import Reason
from .records import Draft
from .windows import _cuts, _sentence_bounds

__all__ = ["compared_amounts"]


def compared_amounts(text: str, drafts: list[Draft], ends: list[int], lang: str) -> None:
    """Flag the regimens of each sentence that compares two amounts or more (see the module's doc)."""
    words = _cuts(lang).compared
    if len(drafts) < 2 or not words.search(text):
        return
    by_sentence: dict[tuple[int, int], list[Draft]] = {}
    for draft in drafts:
        if draft.dose is not None:
            by_sentence.setdefault(_sentence_bounds(ends, len(text), draft.dose.start), []).append(draft)
    for (start, end), found in by_sentence.items():
        m = words.search(text, start, end)
        if m is None or len(found) < 2:
            continue
        for draft in found:
            draft.problems.append(Reason("dose_compared", f"'{draft.dose.text.strip()}' is one of amounts compared "
                                         f"('{m.group(0)}'): a study's arm, not a dose to give"))
