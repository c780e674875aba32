"""A compiled pattern -> the same pattern behind a cheap gate: the literal words any match must contain,
found in the pattern itself, tested with `in` before the regular expression runs.

Most readings of a language pack cannot match most statements: a reading of "every N weeks" needs one
of its unit words, a thousands rule needs a comma. Python's re tries such a pattern at every position
of the text; a substring test of the words it cannot do without is a few C-level scans. The gate is
exact by construction: it only keeps words that every match contains (read from re's own parse of the
pattern, never written by hand), so a gated pattern finds exactly what the pattern finds. Nothing here
knows a language: the words come from the patterns the packs build at load.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from re import _constants as C  # noqa: N812  (re's parser constants)

from .compiled import parsed as _parse

__all__ = ["Gated", "alternatives_words", "for_text", "gated", "kept", "kept_required_words", "required_words",
           "requires", "words_test"]

_MAX_WORDS = 48  # a disjunction of more words costs more to test than the pattern saves
# Below this length re reads a whole text faster than a gate of several words (or of words tested on the
# lowered text) tests it: measured on the engine's own calls (fa + zh), such a gate cost ~0.7-1.0 us on a text
# of 0-23 characters where the bare pattern cost 0.3-0.7 us; from 24 on the gate wins. A gate of one word
# tested on the text as given costs less than re at every length.
_SHORT = 24
_MAX_SET = 6  # characters of a character class kept as one-character words (a longer class: re scans as fast)


# Under IGNORECASE an ASCII letter also matches these (re's case folding): a text holding one is never gated.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_FOLDS_SEARCH = re.compile("[" + "".join(sorted(_FOLDS_TO_ASCII)) + "]").search  # one C search, not four `in`s


def _letter(code: int, ignore_case: bool) -> str | None:
    """A literal character as the gate tests it: itself, or lower case for an ASCII letter under
    IGNORECASE (the gate then tests the lowered text); None when it may match other characters."""
    ch = chr(code)
    if not ignore_case or ch.lower() == ch.upper() == ch == ch.casefold():
        return ch
    return ch.lower() if ch.isascii() and ch.isalpha() else None


def _class_chars(items, ignore_case: bool) -> set[str] | None:
    """The characters a (non-negated) character class matches, when it is a small set of plain ones."""
    chars: set[str] = set()
    for op, av in items:
        letters = ([_letter(av, ignore_case)] if op is C.LITERAL else
                   [_letter(c, ignore_case) for c in range(av[0], av[1] + 1)] if op is C.RANGE and av[1] - av[0] < _MAX_SET
                   else [None])
        if None in letters:  # NEGATE, a category (\d is every script's digits), a cased letter, a wide range
            return None
        chars.update(letters)
    return chars if 0 < len(chars) <= _MAX_SET else None


def _best(disjunctions: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling of several required disjunctions: its shortest word longest, then fewest words."""
    return max(disjunctions, key=lambda d: (min(map(len, d)), -len(d)), default=None)


_BOUNDARIES = {C.AT_BOUNDARY, C.AT_NON_BOUNDARY}


def _never_empty(items) -> list:
    """The items with "x*" read as "x+" where it stands between a word boundary and a non-boundary (hazm's
    ZWNJ rules): both cannot hold at one position, so the repeat matches at least once."""
    items = list(items)
    for i in range(1, len(items) - 1):
        (op_a, at_a), (op, av), (op_b, at_b) = items[i - 1], items[i], items[i + 1]
        if (op_a is C.AT and op_b is C.AT and {at_a, at_b} == _BOUNDARIES
                and op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] == 0):
            items[i] = (op, (1, av[1], av[2]))
    return items


def _sequence(items, ignore_case: bool) -> list[frozenset[str]]:
    """Every disjunction of words some match of the sequence must contain (each one, all of them)."""
    items = _never_empty(items)
    out: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is C.LITERAL and (letter := _letter(av, ignore_case)) is not None:
            run.append(letter)
            continue
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: the words on both sides stand together
            continue
        close()
        out += _element(op, av, ignore_case)
    close()
    return out


def _element(op, av, ignore_case: bool) -> list[frozenset[str]]:
    """The disjunctions one element of a sequence requires (none for what may match nothing)."""
    if op is C.IN:
        chars = _class_chars(av, ignore_case)
        return [frozenset(chars)] if chars else []
    if op is C.SUBPATTERN:
        _group, add, remove, body = av
        flag = (ignore_case or bool(add & re.I)) and not (remove & re.I)
        return _sequence(body, flag)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, ignore_case)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(body, ignore_case) if low >= 1 else []
    if op is C.BRANCH:
        words: set[str] = set()
        for branch in av[1]:
            best = _best(_sequence(branch, ignore_case))
            if best is None:
                return []
            words |= best
        return [frozenset(words)] if len(words) <= _MAX_WORDS else []
    return []  # ANY, a category, a back reference, a conditional group: no word required


def required_words(pattern: re.Pattern) -> tuple[tuple[str, ...], ...]:
    """The disjunctions of words every match of the pattern contains: ((w1, w2), (w3,)) means each match
    holds w1 or w2, and w3. A disjunction holding a lone space tells nothing and is left out."""
    parsed = _parse(pattern.pattern, pattern.flags)
    return _telling(_sequence(parsed.data, bool(pattern.flags & re.I)))


def requires(pattern: re.Pattern, char: str) -> bool:
    """Whether every match of the pattern holds the character: a literal of it stands on every path through
    the pattern (read from re's parse; what only a look-around holds, or a class, counts as not held)."""
    return _passes(_parse(pattern.pattern, pattern.flags).data, ord(char))


def _passes(items, code: int) -> bool:
    """Whether every match of a sequence of parsed items consumes the literal character `code`."""
    for op, av in items:
        if ((op is C.LITERAL and av == code)
                or (op is C.SUBPATTERN and _passes(av[3], code)) or (op is C.ATOMIC_GROUP and _passes(av, code))
                or (op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1 and _passes(av[2], code))
                or (op is C.BRANCH and all(_passes(branch, code) for branch in av[1]))):
            return True
    return False


def alternatives_words(pattern: re.Pattern) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The words each alternative of the pattern's first alternation requires (as required_words gives them),
    with the parts around the alternation: every match holds all the words of one of them. A pattern without
    an alternation is its one alternative; () when some alternative requires no telling word."""
    items = list(_parse(pattern.pattern, pattern.flags).data)
    ignore_case = bool(pattern.flags & re.I)
    at = next((i for i, (op, _) in enumerate(items) if op is C.BRANCH), None)
    branches = [items] if at is None else [items[:at] + list(branch) + items[at + 1:] for branch in items[at][1][1]]
    alternatives = tuple(_telling(_sequence(branch, ignore_case)) for branch in branches)
    return alternatives if all(alternatives) else ()


def _telling(found: list[frozenset[str]]) -> tuple[tuple[str, ...], ...]:
    """The three most telling of the required disjunctions, each longest word first."""
    telling = [d for d in found if len(d) <= _MAX_WORDS and " " not in d]
    if any(c.isascii() and c.isalpha() for d in telling for w in d for c in w):
        # tested on the lowered text: a word lowering would change (a case-sensitive capital) tells nothing there
        telling = [d for d in telling if all(w == w.lower() for w in d)]
    unique = list(dict.fromkeys(telling))
    unique.sort(key=lambda d: (-min(map(len, d)), len(d)))
    return tuple(tuple(sorted(d, key=len, reverse=True)) for d in unique[:3])


def words_test(words: tuple[tuple[str, ...], ...]) -> Callable[[str], bool]:
    """A function telling whether a text holds a word of each disjunction, made once per gate: the common
    shapes (one word, one disjunction) cost one call and C-level tests."""
    if len(words) == 1 and len(words[0]) == 1:
        word = words[0][0]
        return lambda text: word in text
    if len(words) == 1:
        disjunction = words[0]
        return lambda text: any(map(text.__contains__, disjunction))
    if all(len(disjunction) == 1 for disjunction in words):  # several words, each required
        every = tuple(disjunction[0] for disjunction in words)
        return lambda text: all(map(text.__contains__, every))

    def test(text: str) -> bool:  # a loop, not all() of a generator: that cost 0.8 us a call, 4x the tests
        contains = text.__contains__
        for disjunction in words:
            if not any(map(contains, disjunction)):
                return False
        return True

    return test


# the last text a folding gate was asked about: (text, whether it holds a fold, the text lowered). The gates of
# one reading ask about the same text many times (18 a Persian statement): one search and one lowering serve
# them all. One tuple swapped whole, so a thread never sees a text with another's lowering.
_LAST_FOLDED: list[tuple[str, bool, str]] = [("", False, "")]


def _fold_of(text: str) -> tuple[str, bool, str]:
    entry = _LAST_FOLDED[0]
    if entry[0] != text:
        entry = (text, bool(_FOLDS_SEARCH(text)), text.lower())
        _LAST_FOLDED[0] = entry
    return entry


def _folding(test: Callable[[str], bool]) -> Callable[[str], bool]:
    """The test on the lowered text (its words hold lowered ASCII letters), unless the text holds a
    character re folds to an ASCII letter (then the gate steps aside)."""
    def folded(text: str) -> bool:
        _, folds, lowered = _fold_of(text)
        return folds or test(lowered)

    return folded


class Gated:
    """A compiled pattern that first tests the words it requires; the re.Pattern methods the engine uses."""

    __slots__ = ("pattern_", "words", "folded", "test", "could_match", "short", "pattern", "flags", "groupindex")

    def __init__(self, pattern: re.Pattern, words: tuple[tuple[str, ...], ...]):
        self.pattern_, self.words = pattern, words
        self.folded = any(c.isascii() and c.isalpha() for d in words for w in d for c in w)
        self.test = words_test(words)  # on the text as given, or lowered when folded (live_names.py lowers once)
        self.could_match = _folding(self.test) if self.folded else self.test
        # a text shorter than this is read better by re alone (for_text); 0 for a gate of one word as written
        self.short = 0 if len(words) == 1 and len(words[0]) == 1 and not self.folded else _SHORT
        self.pattern, self.flags, self.groupindex = pattern.pattern, pattern.flags, pattern.groupindex

    def search(self, text: str, *args):
        return self.pattern_.search(text, *args) if self.could_match(text) else None

    def match(self, text: str, *args):
        return self.pattern_.match(text, *args) if self.could_match(text) else None

    def fullmatch(self, text: str, *args):
        return self.pattern_.fullmatch(text, *args) if self.could_match(text) else None

    def finditer(self, text: str, *args):
        return self.pattern_.finditer(text, *args) if self.could_match(text) else iter(())

    def findall(self, text: str, *args):
        return self.pattern_.findall(text, *args) if self.could_match(text) else []

    def sub(self, repl, text: str, count: int = 0):
        return self.pattern_.sub(repl, text, count) if self.could_match(text) else text

    def split(self, text: str, maxsplit: int = 0):
        return self.pattern_.split(text, maxsplit) if self.could_match(text) else [text]


def for_text(pattern, text: str):
    """The pattern to search this text with: without its gate when the text is too short for the gate to pay
    (Gated.short), else as given. For call sites that search short slices (a window's lead, a clause): the
    gate never changes what matches, so both find the same; only the cost differs."""
    return pattern.pattern_ if len(text) < getattr(pattern, "short", 0) else pattern


def _scans_fast(pattern: re.Pattern) -> bool:
    """Whether re already skips ahead on its own: a pattern that starts with a literal or a character set
    is searched for by that start in C, faster than a gate's tests (re's own analysis of the pattern)."""
    try:
        from re import _compiler

        parsed = _parse(pattern.pattern, pattern.flags)
        flags = parsed.state.flags
        return bool(_compiler._get_literal_prefix(parsed, flags)[0] or _compiler._get_charset_prefix(parsed, flags))
    except Exception:  # another Python's re: gate it (a gate is exact whatever re does)
        return False


def kept(kind: str, source: str, flags: int, ask: Callable[[], object]):
    """ask()'s answer about a pattern (an analysis read from re's parse: JSON-able), kept in the build cache's
    library answers (memo.py) between processes. It depends on the pattern, on Python's re and on the code
    that reads the parse (this module and dosing/pack.py): the question names all three, so a change of
    that code asks again. A kept answer that is not JSON is asked again; outside a build it is asked."""
    from .memo import remembered

    key = f"{kind} {_analysing_code()} {flags}:{source}".encode("utf-8", "surrogatepass")
    answer = remembered("python", hashlib.sha256(key).hexdigest(), lambda: json.dumps(ask(), ensure_ascii=False), (str,))
    try:
        return json.loads(answer)
    except ValueError:
        return ask()


@cache
def _analysing_code() -> str:
    """A digest of the code the kept analyses come from."""
    here = Path(__file__).parent
    return hashlib.sha256(b"".join((here / name).read_bytes() for name in ("gate.py", "dosing/pack.py"))).hexdigest()[:16]


def _analysis(pattern: re.Pattern):
    """What gated() needs of a pattern: None when re scans for its start on its own, else the words it
    requires (kept: reading it parses the pattern)."""
    return kept("gate", pattern.pattern, pattern.flags,
                lambda: None if _scans_fast(pattern) else required_words(pattern))


def kept_required_words(pattern: re.Pattern) -> tuple[tuple[str, ...], ...]:
    """required_words(pattern), kept in the build cache's library answers (kept())."""
    try:
        return tuple(tuple(str(w) for w in d) for d in kept("required", pattern.pattern, pattern.flags,
                                                             lambda: required_words(pattern)))
    except TypeError:  # a kept answer that is not one: ask again
        return required_words(pattern)


def gated(pattern: re.Pattern | None) -> re.Pattern | Gated | None:
    """The pattern behind its gate; the pattern itself when it requires no telling word, or when re scans
    for its start faster than the gate would test (no gate to pay). For patterns that are searched for
    (search, finditer, sub): a pattern only matched at one place (match) gains nothing from a gate."""
    if pattern is None:
        return pattern
    try:
        found = _analysis(pattern)
        words = None if found is None else tuple(tuple(str(w) for w in d) for d in found)
    except TypeError:  # a kept answer that is not one: ask again
        words = None if _scans_fast(pattern) else required_words(pattern)
    return Gated(pattern, words) if words else pattern
