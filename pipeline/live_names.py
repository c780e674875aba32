"""Many patterns -> the names of those that may match a text, from one search for all their words.

A reader that tries many patterns on the same words (the timing reader's spellings, the Chinese
thresholds) asks first which of them can match: each pattern's gate (gate.py: the words every match
must contain) and the words each of its alternatives needs are known at load, and one search of the
text for all of them (a tree of their letters) tells which patterns stand a chance. Exact by
construction: a pattern left out cannot match the text.
"""
from __future__ import annotations

import re

from .gate import _FOLDS_TO_ASCII, Gated, alternatives_words, kept

__all__ = ["LiveNames", "live_names"]


def live_names(patterns: dict, text: str) -> set:
    """The names of the patterns (name -> pattern or Gated) that may match the text: one pass over the
    gates with the text lowered once, for a reader that tries many patterns on the same words."""
    for ch in _FOLDS_TO_ASCII:  # a loop of `in` tests: a generator in any() cost more than the gates after it
        if ch in text:
            return set(patterns)
    lowered = None
    live = set()
    for name, pattern in patterns.items():
        if type(pattern) is Gated:
            if pattern.folded:
                lowered = text.lower() if lowered is None else lowered
            if not pattern.test(lowered if pattern.folded else text):
                continue
        live.add(name)
    return live


_MAX_COMBINATIONS = 4096  # kept answers of LiveNames, one per combination of the pack's disjunctions found


class LiveNames:
    """name -> pattern (or Gated) => a function text -> the names that may match it: those live_names finds,
    or fewer (never one whose pattern can match), from one search for the words of all the patterns.

    A pattern is live when its gate's disjunctions each hold a word of the text, and (a stronger test, as
    the readings of a pack are alternatives of spellings) all the words one of its alternatives requires
    stand in the text (alternatives_words; ungated patterns have them too). All these words form one
    pattern, searched in the lowered text: where words start, the longest is found (as an alternation of
    them longest first would find it; _trie), and with it every word it holds (known at load). A word is
    only missed where it starts inside a found word and runs past its end: the words that can so follow
    each word are known at load, and only those are tested with `in`. Words are tested in the lowered text: a pattern with a character lowering changes
    (none in the packs) keeps only the tests without it."""

    __slots__ = ("everything", "words", "found_with", "rules", "answers")

    def __init__(self, patterns: dict):
        self.everything = frozenset(patterns)
        disjunctions: list[frozenset[str]] = []
        self.rules = [_rule(name, p, disjunctions) for name, p in patterns.items()]
        bits = {w: _or(1 << i for i, d in enumerate(disjunctions) if w in d) for d in disjunctions for w in d}
        words = sorted(bits, key=lambda w: (-len(w), w))
        self.words = re.compile(_trie(words)) if words else None
        # a found word -> the bits of the words it holds, and the words that may start inside it and run past
        holds = {u: _or(bits[w] for w in words if w in u) for u in words}
        # (a word that follows, found, brings the words it holds: a shorter one after it is then not tested)
        self.found_with = {u: (holds[u], tuple((v, holds[v]) for v in words if _runs_past(u, v))) for u in words}
        self.answers: dict[int, frozenset[str]] = {}

    def __call__(self, text: str) -> frozenset[str]:
        for ch in _FOLDS_TO_ASCII:  # four `in` tests: isdisjoint(text) hashed each character (0.6 us on 20)
            if ch in text:
                return self.everything
        if self.words is None:
            return self.everything
        lowered = text.lower()
        found = 0
        found_with = self.found_with
        for u in self.words.findall(lowered):
            holds, follows = found_with[u]
            found |= holds
            for v, bit in follows:  # a word starting inside u and running past it
                if bit & ~found and v in lowered:
                    found |= bit
        live = self.answers.get(found)
        if live is None:
            live = frozenset(name for name, gate, alternatives in self.rules if gate & found == gate
                             and (not alternatives or any(a & found == a for a in alternatives)))
            if len(self.answers) < _MAX_COMBINATIONS:
                self.answers[found] = live
        return live


def _trie(words: list[str]) -> str:
    """The words as one pattern that finds, where words start, the longest of them: a tree of their letters
    ("ab|abc|b" -> "(?:ab(?:c)?|b)"). At a position the text leads down one path of the tree (its branches
    start with different letters) and the greedy optional groups give back letters only to the last word's
    end on it: the longest word there, as the alternation of the words longest first finds it. re tries one
    letter at each step, not every word."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _tree_pattern(tree)


def _tree_pattern(node: dict) -> str:
    """The pattern of a node of _trie's tree: its branches, optional where a word ends at the node."""
    branches = [re.escape(ch) + _tree_pattern(below) for ch, below in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _rule(name: str, p, disjunctions: list[frozenset[str]]) -> tuple[str, int, tuple[int, ...]]:
    """(name, its gate's bits, each alternative's bits): the disjunctions it requires, numbered in the list."""
    gate = p.words if type(p) is Gated and _lowering_keeps(p.words) else ()
    alternatives = _alternatives(getattr(p, "pattern_", p))
    if not all(map(_lowering_keeps, alternatives)):
        alternatives = ()  # an alternative that cannot be tested may match: the others tell nothing
    return name, _bits_of(gate, disjunctions), tuple(_bits_of(a, disjunctions) for a in alternatives)


def _bits_of(words: tuple[tuple[str, ...], ...], disjunctions: list[frozenset[str]]) -> int:
    """The bits of the disjunctions (numbered in the list, which grows with the new ones)."""
    out = 0
    for d in map(frozenset, words):
        if d not in disjunctions:
            disjunctions.append(d)
        out |= 1 << disjunctions.index(d)
    return out


def _lowering_keeps(words: tuple[tuple[str, ...], ...]) -> bool:
    """Whether each character of the words is its own lower case (a word in a text is in the lowered text)."""
    return all(c.lower() == c for d in words for w in d for c in w)


def _alternatives(pattern: re.Pattern) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """alternatives_words(pattern), kept in the build cache's library answers (kept())."""
    try:
        return tuple(tuple(tuple(str(w) for w in d) for d in a)
                     for a in kept("alternatives", pattern.pattern, pattern.flags, lambda: alternatives_words(pattern)))
    except TypeError:  # a kept answer that is not one: ask again
        return alternatives_words(pattern)


def _or(values) -> int:
    out = 0
    for value in values:
        out |= value
    return out


def _runs_past(u: str, v: str) -> bool:
    """Whether v can start inside u and end past it (a tail of u begins v), not being a part of u."""
    return v not in u and any(v.startswith(u[k:]) and len(u) - k < len(v) for k in range(1, len(u)))
