"""A statement and its context -> the canonical indication it speaks of (aliases_zh of the lexicon).

In pipeline/data/indications.yaml an entry's aliases_zh holds names and descriptions:
- a string names the indication (巨细胞病毒肺炎): a strong alias;
- a list holds words that, all present, suggest it ([骨髓移植, 低丙种球蛋白血症], [CMV]): weak.
Aliases are looked for in three places: the sentence itself (with the list items that complete
it), its paragraph, and its section heading. An indication is strongly matched when one of its
names matches somewhere and something of it stands in the sentence itself; anything less is weak
and goes to review. The best match is the one closest to the sentence, then a name over a
description, then the longer alias; two indications equally matched are an ambiguity (no
indication, review), never a forced choice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicon import load
from ..normalize.zh import normalize_zh
from ..records import Reason
from .records import IndicationMatch

_PLACES = ("section", "paragraph", "sentence")  # farther to closer


@dataclass(frozen=True)
class _Alias:
    indication_id: str
    words: tuple[str, ...]
    is_name: bool
    # the words as they are compared (_key), made once per alias, not for every statement read
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "keys", tuple(_key(w) for w in self.words))

    @property
    def label(self) -> str:
        return " + ".join(self.words)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize_zh(text)).lower()


@cache
def _aliases() -> tuple[_Alias, ...]:
    out = []
    for entry in load("indications.yaml"):
        for alias in entry.get("aliases_zh") or ():
            words = (alias,) if isinstance(alias, str) else tuple(alias)
            out.append(_Alias(entry["id"], words, isinstance(alias, str)))
    return tuple(out)


def _hits(text: str | None) -> list[_Alias]:
    key = _key(text or "")
    return [a for a in _aliases() if key and all(k in key for k in a.keys)]


def match_indication(sentence: str, paragraph: str, section: str | None) -> IndicationMatch:
    """The indication a sentence speaks of, read from the sentence, its paragraph and its heading."""
    found: dict[str, list[tuple[int, _Alias]]] = {}
    for rank, text in enumerate((section, paragraph, sentence)):
        for alias in _hits(text):
            found.setdefault(alias.indication_id, []).append((rank, alias))
    if not found:
        return IndicationMatch(None, (), False, "")

    def score(indication_id: str) -> tuple:
        hits = found[indication_id]
        best_rank = max(r for r, _ in hits)
        return (best_rank, any(a.is_name for r, a in hits if r == best_rank),
                max(sum(map(len, a.words)) for r, a in hits if r == best_rank))

    ranked = sorted(found, key=lambda i: (score(i), i), reverse=True)
    top = ranked[0]
    if len(ranked) > 1 and score(ranked[1]) == score(top):
        return IndicationMatch(None, tuple(ranked), False, _evidence(found, ranked[:2]))
    hits = found[top]
    strong = any(a.is_name for _, a in hits) and any(r == 2 for r, _ in hits)
    return IndicationMatch(top, tuple(ranked), strong, _evidence(found, [top]))


def _evidence(found: dict[str, list[tuple[int, _Alias]]], ids: list[str]) -> str:
    parts = []
    for indication_id in ids:
        seen = dict.fromkeys(f"'{a.label}' in the {_PLACES[r]}" for r, a in sorted(found[indication_id],
                                                                                  key=lambda h: -h[0]))
        parts.append(f"{indication_id}: " + ", ".join(seen))
    return "; ".join(parts)


def review_reason(match: IndicationMatch) -> Reason | None:
    """Why a curator should look at a statement's indication, or None when the match is strong."""
    if match.indication_id is None and match.candidates:
        return Reason("indication_ambiguous", f"several indications match equally ({match.evidence})", "indication_id")
    if match.indication_id and not match.strong:
        return Reason("indication_weak", f"matched by context or description only ({match.evidence})", "indication_id")
    return None
