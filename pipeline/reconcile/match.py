"""A source row -> its canonical indication, by the words of its indication cell.

Aliases match as whole-word sequences, longest first. A row that matches nothing gets its own id and
a review reason; a row whose cells only point at another indication takes that one; a row without
indication text may be given one inferred from its other cells, always flagged.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load
from ..normalize.fa import loose_key
from ..records import Reason, SourceRow
from .indication_index import alias_index, by_id, indications, spans_of, words



@cache
def _pointer() -> re.Pattern:
    """"مثل کاوازاکی", "رجوع به ...": the pointer words of data/circular_layout.yaml, then the target."""
    words = sorted(load("circular_layout.yaml")["pointer_words"], key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(map(re.escape, words)) + r")\s+(?P<target>.+)$")


@dataclass(frozen=True)
class Match:
    indication_id: str
    how: str  # alias, pointer, inferred, unmatched, ambiguous
    reasons: tuple[Reason, ...] = ()
    repairs: tuple[str, ...] = ()


def _contains(haystack: list[str], needle: tuple[str, ...]) -> bool:
    return bool(spans_of(haystack, needle))


def match_text(text: str) -> tuple[list[str], int]:
    """Indication ids whose longest alias occurs in the text, and that alias's length in words."""
    found, best = [], 0
    haystack = words(text)
    for alias, indication_id in alias_index():
        if len(alias) < best:
            break
        if _contains(haystack, alias):
            best = len(alias)
            if indication_id not in found:
                found.append(indication_id)
    return found, best


def pointer_target(row: SourceRow) -> str | None:
    """The indication a row's dosing or conditions cell points at, when that is all it says."""
    for field in ("dosing", "conditions"):
        pointer = _pointer().match(row.cell(field).strip(" ."))
        if pointer:
            found, _ = match_text(pointer.group("target"))
            if len(found) == 1:
                return found[0]
    return None


def unmatched_id(row: SourceRow) -> str:
    basis = loose_key(row.cell("indication")) or loose_key(row.text)
    return "unmatched-" + hashlib.sha256(basis.encode()).hexdigest()[:8]


def row_to_match(row: SourceRow) -> Match:
    """The canonical indication of one row, with why it was chosen and what to review."""
    target = pointer_target(row)
    found, _ = match_text(row.cell("indication"))
    if target:
        name = by_id()[target].name_en
        return Match(target, "pointer", repairs=(f"points_at: the row refers to '{name}' and is merged into it",))
    if len(found) == 1:
        return Match(found[0], "alias")
    if len(found) > 1:
        return Match(unmatched_id(row), "ambiguous", reasons=(Reason(
            "indication_ambiguous", "the indication names several lexicon entries equally: " + ", ".join(found),
            "indication", words=row.cell("indication")),))
    if not row.cell("indication"):
        inferred = _infer(row)
        if inferred:
            return Match(inferred, "inferred", reasons=(Reason(
                "indication_inferred", f"no indication is written; '{by_id()[inferred].name_en}' is proposed from "
                f"the words {', '.join(by_id()[inferred].infer)} in the row's other cells", "indication"),))
    return Match(unmatched_id(row), "unmatched", reasons=(Reason(
        "indication_unmatched", "no entry of data/indications.yaml names this indication", "indication",
        words=row.cell("indication") or None),))


def _infer(row: SourceRow) -> str | None:
    text = " ".join(words(row.text))
    candidates = [i.indication_id for i in indications()
                  if i.infer and all(" ".join(words(w)) in text for w in i.infer)]
    return candidates[0] if len(candidates) == 1 else None


__all__ = ["Match", "row_to_match", "match_text", "load"]
