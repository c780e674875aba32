"""Two builds' items -> pairs of the same thing, by what it is, never by ids or content hashes.

Documents pair by doc_id, else (a revision with a new date and number) by issuer, kind and title.
Within a document, rows pair by their indication's words in reading order, statements by their
words; a row whose words were edited pairs with the one that stood in its place when they read
alike or state the same indication. Within a row, regimens and thresholds pair by their words,
then by their place among the row's items read from the same cell."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

T = TypeVar("T")

# Two rows standing in each other's place are one row edited when their words are this alike.
_ALIKE = 0.6


def letters(text: str | None) -> str:
    """The letters and digits of a text: spacing, punctuation and joiners do not make a row new."""
    return re.sub(r"[\W_]+", "", text or "")


def documents(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Old and new documents paired: same doc_id, else the same issuer, kind and title."""
    pairs, left = [], {d["doc_id"]: d for d in old}
    unpaired = []
    for doc in new:
        if doc["doc_id"] in left:
            pairs.append((left.pop(doc["doc_id"]), doc))
        else:
            unpaired.append(doc)

    def what(doc: dict) -> tuple:
        return doc.get("issuer_code") or doc.get("issuer_fa"), doc.get("kind"), doc.get("lang"), letters(doc.get("title"))

    for doc in unpaired:
        same = [d for d in left.values() if what(d) == what(doc)]
        if len(same) == 1:
            pairs.append((left.pop(same[0]["doc_id"]), doc))
        else:
            pairs.append((None, doc))
    pairs += [(doc, None) for doc in left.values()]
    return pairs


def in_sequence(old: Sequence[T], new: Sequence[T], key: Callable[[T], str],
                alike: Callable[[T, T], bool]) -> list[tuple[T | None, T | None]]:
    """Items of two sequences paired in order: equal keys pair; in a stretch where keys differ,
    items pair in turn while alike(old, new) holds, the rest are removed or added."""
    pairs: list = []
    matcher = SequenceMatcher(None, [key(o) for o in old], [key(n) for n in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2]))
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news and alike(olds[0], news[0]):
            pairs.append((olds.pop(0), news.pop(0)))
        pairs += [(o, None) for o in olds] + [(None, n) for n in news]
    return pairs


def rows_alike(old: dict, new: dict) -> bool:
    if old.get("indication_id") and old.get("indication_id") == new.get("indication_id"):
        return True
    return SequenceMatcher(None, old.get("text") or "", new.get("text") or "", autojunk=False).ratio() >= _ALIKE


def statements_alike(old: dict, new: dict) -> bool:
    return SequenceMatcher(None, old.get("text") or "", new.get("text") or "", autojunk=False).ratio() >= _ALIKE


def items(old: list[dict], new: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """A row's regimens (or thresholds) paired: the same words in the same cell first, then by
    place among the row's items of the same cell; what is left was removed or added."""
    pairs, olds, news = [], list(old), list(new)
    for item in list(news):
        same = next((o for o in olds if (o.get("source_field"), o.get("source_text"))
                     == (item.get("source_field"), item.get("source_text"))), None)
        if same is not None:
            olds.remove(same)
            news.remove(item)
            pairs.append((same, item))
    for field in dict.fromkeys(i.get("source_field") for i in olds + news):
        a = [o for o in olds if o.get("source_field") == field]
        b = [n for n in news if n.get("source_field") == field]
        pairs += list(zip(a, b)) + [(o, None) for o in a[len(b):]] + [(None, n) for n in b[len(a):]]
    return pairs
