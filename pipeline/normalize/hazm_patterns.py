"""hazm's (pattern, replacement) lists compiled once and gated: a pattern runs only where a match may
start (one search for all of them, _spacing_gate), a pattern of one class of characters becomes a table
(_class_chars), a group that changes nothing is dropped (_uncaptured). normalize_fa (fa.py) runs them; each
shortcut leaves the text exactly as hazm's own loop would."""
from __future__ import annotations

import re
from re import _constants, _parser  # re's own parse of a pattern, as gate.py reads it

from ..gate import required_words, words_test

_SPACING = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"  # spacing characters besides the plain space
# Each run of spacing becomes one plain space: the runs that are not one already (two or more characters,
# or one that is not a plain space); a lone space, most of them, is left where it is rather than rewritten.
_SPACES = re.compile(f"[ {_SPACING}]{{2,}}|[{_SPACING}]")


def _class_chars(pattern) -> set[str] | None:
    """The characters of a pattern that is one character class of literals and ranges, else None."""
    parsed = _parser.parse(pattern if isinstance(pattern, str) else pattern.pattern).data
    if len(parsed) != 1 or parsed[0][0] is not _constants.IN:
        return None
    chars: set[str] = set()
    for op, av in parsed[0][1]:
        if op is _constants.LITERAL:
            chars.add(chr(av))
        elif op is _constants.RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # a negated class, a category: not a small table
            return None
    return chars


def _compiled(patterns: list) -> tuple:
    """hazm's (pattern, replacement) pairs with each pattern compiled, applied in hazm's order by
    _replace (what hazm.utils.regex_replace does, without its per-call lookup in re's cache), each
    behind a test every text it can change passes (most lines need none of hazm's fixes): the words
    it cannot match without, or for a few patterns that require no word, the test _NEEDS proves.

    Consecutive patterns behind one same test (hazm's five ZWNJ rules) form one step, tested once:
    (test, patterns). Without what the test asks for none of them can match, so none can make it
    appear for the next; with it, each runs (one that cannot match any more changes nothing)."""
    steps: list = []
    for p, r in patterns:
        compiled = re.compile(p) if isinstance(p, str) else p
        key, test = _needs(compiled)
        if key is not None and steps and steps[-1][0] == key:
            steps[-1][2].append((compiled, r))
        else:
            steps.append((key, test, [(compiled, r)]))
    return tuple((test, tuple(pairs)) for _key, test, pairs in steps)


def _replace(steps: tuple, text: str) -> str:
    for test, pairs in steps:
        if test is not None and not test(text):
            continue
        for pattern, replacement in pairs:
            text = pattern.sub(replacement, text)
    return text


# A ZWNJ with no word character after it, or none before it (or an end of the text there); written to
# start with the ZWNJ, so that re looks for ZWNJs only (a lookbehind first would be tried everywhere).
_ZWNJ_ASTRAY = re.compile(r"\u200c(?:(?!\w)|(?<!\w\u200c))")


def _zwnj_astray(text: str) -> bool:
    return _ZWNJ_ASTRAY.search(text) is not None


def _space_at_an_end(text: str) -> bool:
    return text.startswith(" ") or text.endswith((" ", " \n"))  # "$" also stands before a last line break


def _two_spaces(text: str) -> bool:
    return "  " in text


# hazm patterns that require no word (by their source), and a test every text they can change passes.
# ZWNJ is no word character, so a run of ZWNJ each of these matches has one beside a non-word character
# or an end: "\u200c{2,}" a ZWNJ before a ZWNJ, "\u200c{1,} " one before a space, " \u200c{1,}" one after
# a space; "\b\u200c*\B" (a word character before the run) ends at a ZWNJ with no word character after
# it, "\B\u200c*\b" starts at one with none before it, and an empty run cannot be both \b and \B.
_NEEDS = {r"^ +| +$": _space_at_an_end, r" {2,}": _two_spaces, r"\u200c{2,}": _zwnj_astray,
          r"\u200c{1,} ": _zwnj_astray, r" \u200c{1,}": _zwnj_astray, r"\b\u200c*\B": _zwnj_astray,
          r"\B\u200c*\b": _zwnj_astray}


# The same tests as patterns, for _spacing_gate: each matches somewhere in every text its test lets through.
_NEEDS_FOUND = {_space_at_an_end: "^ | $", _two_spaces: "  ", _zwnj_astray: _ZWNJ_ASTRAY.pattern}


def _spacing_gate(steps: tuple) -> re.Pattern | None:
    """One pattern that finds a place in every text _SPACES or one of the steps' patterns can change: _SPACES
    itself, and for each hazm pattern what its test asks for (_NEEDS), the pattern without its lookbehind,
    or a word of the first of the words it requires. A text it finds nothing in passes _SPACES and the
    steps unchanged (none can match; none runs to make a match for the next). None when a pattern
    requires nothing such a search can see."""
    found = [_SPACES.pattern]
    for _test, pairs in steps:
        for pattern, _replacement in pairs:
            if pattern.pattern in _NEEDS:
                found.append(_NEEDS_FOUND[_NEEDS[pattern.pattern]])
            elif pattern.flags & re.IGNORECASE:
                return None
            elif (rest := _after_lookbehind(pattern)) is not None:
                found.append(rest.pattern)
            elif words := required_words(_uncaptured(pattern)):
                found.append("|".join(map(re.escape, words[0])))
            else:
                return None
    return re.compile("|".join(f"(?:{source})" for source in dict.fromkeys(found)))


def _needs(pattern: re.Pattern) -> tuple:
    """(key, test) for a hazm pattern: its proved test (_NEEDS), or one of the words it requires; its
    capture groups read as plain groups, so words written in two groups count as one ("([^ ]h) (a...)"
    requires "h a"). (None, None) when it requires nothing the test can see."""
    if pattern.pattern in _NEEDS:
        return _NEEDS[pattern.pattern], _NEEDS[pattern.pattern]
    if pattern.flags & re.IGNORECASE:
        return None, None
    words = required_words(_uncaptured(pattern))
    rest = _after_lookbehind(pattern)
    if rest is not None:  # the words, then the pattern without its lookbehind, found from its first word
        test = _words_test(words)
        return pattern, lambda text: (test is None or test(text)) and rest.search(text) is not None
    return (words or None), _words_test(words)


def _words_test(words: tuple):
    """gate.words_test of the words; None when there is none to hold."""
    return words_test(words) if words else None


def _after_lookbehind(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern that starts with a lookbehind ("(?<=[^ ]{2}) (tr|...)"), without it: it matches wherever
    the pattern does (a lookbehind only narrows), and re finds it from its first character instead of
    trying the lookbehind at every one. None for another pattern."""
    source = pattern.pattern
    if not source.startswith(("(?<=", "(?<!")):
        return None
    depth, i, in_class = 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 + source.startswith("^", i + 1)  # to the class's first character
            i += source.startswith("]", i)  # a "]" first in a class is one of its characters
            continue
        elif ch in "()":
            depth += 1 if ch == "(" else -1
            if depth == 0:
                try:
                    return re.compile(source[i + 1:], pattern.flags)
                except re.error:
                    return None
        i += 1
    return None


def _uncaptured(pattern: re.Pattern) -> re.Pattern:
    """The pattern with each capturing group "(" made a plain one "(?:": the same matches (checked: the
    two parse to the same tree once groups are set aside); the pattern itself when that cannot be."""
    out, i, in_class, class_start, source = [], 0, False, 0, pattern.pattern
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = not (ch == "]" and i > class_start)  # a "]" first in a class is one of its characters
        elif ch == "[":
            in_class, class_start = True, i + 1 + source.startswith("^", i + 1)
        elif ch == "(" and not source.startswith("?", i + 1):
            ch = "(?:"
        out.append(ch)
        i += 1
    try:
        plain = re.compile("".join(out), pattern.flags)
        same = _tree(_parser.parse(plain.pattern, plain.flags)) == _tree(_parser.parse(source, pattern.flags))
    except re.error:  # a back reference: the groups matter
        return pattern
    return plain if same else pattern


def _tree(node):
    """A parsed pattern with its groups set aside (a group's items stand in the sequence around it)."""
    if isinstance(node, _parser.SubPattern):
        items = []
        for op, av in node.data:
            if op is _constants.SUBPATTERN and not av[1] and not av[2]:
                items += _tree(av[3])
            else:
                items.append((op, _tree(av)))
        return items
    return tuple(map(_tree, node)) if isinstance(node, (list, tuple)) else node
