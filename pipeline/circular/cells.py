"""One cell's text: markup removed, sentences split, repeats collapsed, does its sentence end."""
from __future__ import annotations

import html
import re
from functools import cache

from ..lexicon import load
from ..normalize.fa import loose_key, normalize_fa

_TAG = re.compile(r"</?\s*(p|br|div|span|b|i|strong|em)\b[^>]*>", re.I)
_MIN_REPEAT_LETTERS = 20


def clean_cell(raw: str) -> str:
    """Raw cell -> normalized text: HTML paragraphs and entities removed, Persian normalized."""
    text = html.unescape(_TAG.sub(" ", raw or ""))
    return normalize_fa(text)


def join_fragments(first: str, second: str) -> str:
    """Join a cell's text with its continuation on the next page (a hyphen at the break binds)."""
    if not first:
        return second
    if not second:
        return first
    return first + ("" if first.endswith("-") else " ") + second


@cache
def _sentence_end() -> re.Pattern:
    """A sentence ends at terminal punctuation (data/circular_layout.yaml) followed by a space;
    "0.4" and "www.x" are not ends."""
    return re.compile(rf"(?<=[{re.escape(load('circular_layout.yaml')['terminal_punctuation'])}])\s+")


def split_sentences(text: str) -> list[str]:
    return [s for s in _sentence_end().split(text) if s.strip()]


def collapse_repeats(text: str) -> tuple[str, int, list[str]]:
    """Drop sentences said before in the cell in the very same words (the source repeats some); count
    them. A sentence whose letters are contained in an earlier one but are not the same ("بیمارانی که
    ..." after "در بیمارانی که ...") is kept, and listed: a curator decides. Short sentences never count.

    Returns (text, sentences dropped, sentences kept that nearly repeat an earlier one).
    """
    kept: list[tuple[str, str]] = []
    dropped, near = 0, []
    for sentence in split_sentences(text):
        key = loose_key(sentence)
        if len(key) >= _MIN_REPEAT_LETTERS and any(key == seen for _, seen in kept):
            dropped += 1
            continue
        if len(key) >= _MIN_REPEAT_LETTERS and any(key in seen for _, seen in kept):
            near.append(sentence)
        kept.append((sentence, key))
    return (" ".join(s for s, _ in kept) if dropped else text), dropped, near


def ends_sentence(text: str) -> bool:
    """Does the cell's text end a sentence (terminal punctuation or a sentence-final verb)?"""
    layout = load("circular_layout.yaml")
    text = text.rstrip(" )»\"'")
    if not text:
        return True
    if text[-1] in layout["terminal_punctuation"]:
        return True
    last = text.split()[-1]
    return last in layout["sentence_final_words"] or last.replace("\u200c", "") in {
        w.replace("\u200c", "") for w in layout["sentence_final_words"]}


def dangles(text: str) -> bool:
    """Does the text stop mid-phrase: an open bracket, or a last word that needs a next one?"""
    if text.count("(") > text.count(")"):
        return True
    words = text.split()
    return bool(words) and words[-1] in load("circular_layout.yaml")["dangling_words"]


def closes_bracket(text: str) -> bool:
    """Does the text close a bracket it did not open (so it continues an earlier cell)?"""
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return True
    return False


def looks_like_dose(text: str) -> bool:
    """Normalized text holds a number with a mass unit per kilogram: it is dosing, whatever header
    it sits under."""
    from ..dosing.net import mentions_in

    return any(m.kind in ("dose", "volume") for m in mentions_in(text, "fa"))
