"""The canonical-indication lexicon (data/indications.yaml), normalized for matching."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import load
from ..normalize.fa import normalize_fa


@dataclass(frozen=True)
class Indication:
    indication_id: str
    name_fa: str
    name_en: str
    icd10: str | None
    category: str
    aliases_fa: tuple[str, ...]
    aliases_en: tuple[str, ...]
    aliases_zh: tuple[str, ...]
    infer: tuple[str, ...]

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every name as text; a Chinese alias that is a group of words (all must occur together,
        a weak match) reads "骨髓移植 + 低丙种球蛋白血症"."""
        zh = tuple(a if isinstance(a, str) else " + ".join(a) for a in self.aliases_zh)
        return self.aliases_fa + self.aliases_en + zh


def words(text: str) -> list[str]:
    """Normalized, lower-cased words without punctuation, each in the spelling data/spelling_fa.yaml
    folds it to ("سندروم" is "سندرم"): the unit alias matching works on."""
    fold = _spellings()
    return [fold.get(w, w) for w in re.findall(r"[\w\u200c]+", normalize_fa(text).lower().replace("\u200c", ""))]


@cache
def _spellings() -> dict[str, str]:
    return {words_key(k): words_key(v) for k, v in (load("spelling_fa.yaml") or {}).items()}


def words_key(word: str) -> str:
    return normalize_fa(word).lower().replace("\u200c", "")


def spans_of(haystack: list[str], alias: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) word spans of the haystack that spell the alias, whatever joins its words: "گیلن باره",
    "گیلن-باره" and "گیلن‌باره" (ZWNJ dropped: one word) are one name."""
    glued, spans = "".join(alias), []
    for i in range(len(haystack)):
        text, j = "", i
        while j < len(haystack) and len(text) < len(glued) and glued.startswith(text + haystack[j]):
            text += haystack[j]
            j += 1
        if text == glued:
            spans.append((i, j))
    return spans


@cache
def indications() -> tuple[Indication, ...]:
    return tuple(Indication(
        indication_id=e["id"], name_fa=e["name_fa"], name_en=e["name_en"], icd10=e.get("icd10"),
        category=e["category"], aliases_fa=tuple(e.get("aliases_fa") or ()),
        aliases_en=tuple(e.get("aliases_en") or ()), aliases_zh=tuple(e.get("aliases_zh") or ()),
        infer=tuple(e.get("infer") or ())) for e in load("indications.yaml"))


@cache
def by_id() -> dict[str, Indication]:
    return {i.indication_id: i for i in indications()}


@cache
def alias_index() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(alias words, indication id) for every Persian and English alias, longest first."""
    pairs = {(tuple(words(alias)), i.indication_id) for i in indications()
             for alias in i.aliases_fa + i.aliases_en if words(alias)}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[1])))
