"""Text for the review page: each fragment in its own language and direction.

English messages quote Persian and Chinese words; shown as they stand, the bidirectional algorithm
reorders the English around a Persian quote. Every quoted fragment is isolated in a <bdi> with its
language and direction, and escapes a message carries (a repr's \\u200c) are shown as the
characters they stand for."""
from __future__ import annotations

import re
from html import escape

_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|U([0-9a-fA-F]{8}))")
# a quote: '...' or "..." whose inside holds no quote of the same kind
_QUOTED = re.compile(r"'([^']+)'|\"([^\"]+)\"")


def unescape(text: str) -> str:
    """'سقط\\u200cهای' -> 'سقط‌های': an escape written into a message becomes its character again."""
    return _ESCAPE.sub(lambda m: chr(int(next(g for g in m.groups() if g), 16)), text)


def lang(text: str | None) -> str:
    if not text:
        return "en"
    if any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text):
        return "fa"
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in text) else "en"


def _dir(code: str) -> str:
    return "rtl" if code == "fa" else "ltr"


def block(text: str | None, spans: list[tuple[int, int]] = (), tag: str = "p") -> str:
    """A cell's text as a block in its language and direction, the spans read from it marked."""
    text = text or ""
    marks = sorted((s, e) for s, e in spans if s is not None and e is not None and 0 <= s < e <= len(text))
    body, at = [], 0
    for start, end in marks:
        if start < at:  # overlapping readings: mark the union
            start = at
        if start >= end:
            continue
        body += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    body.append(escape(text[at:]))
    code = lang(text)
    return f'<{tag} lang="{code}" dir="{_dir(code)}">{"".join(body)}</{tag}>'


# Persian and Arabic-Indic digits read as ASCII ones, one character for one: positions stay put
_DIGITS = str.maketrans({0x06F0 + i: str(i) for i in range(10)} | {0x0660 + i: str(i) for i in range(10)})  # Persian, Arabic-Indic


def spans_in_raw(normalized: str, raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of a normalized cell -> the same words in the cell as the file gives it (its own digits,
    spacing and letters), through the characters the two have in common."""
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, normalized, raw.translate(_DIGITS), autojunk=False).get_matching_blocks()

    def at(position: int, end: bool) -> int | None:
        for a, b, size in blocks:
            if a <= position < a + size or (end and a < position <= a + size):
                return b + position - a
        return None

    out = []
    for start, stop in spans:
        if start is None or stop is None:
            continue
        first, last = at(start, False), at(stop, True)
        if first is not None and last is not None and first < last:
            out.append((first, last))
    return out


def isolate(text: str) -> str:
    """A fragment of another script inside an English line, in a <bdi> of its own."""
    code = lang(text)
    return f'<bdi lang="{code}" dir="{_dir(code)}">{escape(text)}</bdi>'


_SCRIPT = "\u0600-\u06ff\ufb50-\ufeff\u3400-\u9fff"
# a stretch of Persian or Chinese outside quotes: from one such letter to the last before Latin text
_RUN = re.compile(f"[{_SCRIPT}](?:[^A-Za-z'\"]*[{_SCRIPT}])?")


def _runs(segment: str) -> str:
    out, last = [], 0
    for m in _RUN.finditer(segment):
        out += [escape(segment[last:m.start()]), isolate(m.group(0))]
        last = m.end()
    return "".join(out) + escape(segment[last:])


def inline(text: str | None) -> str:
    """An English message whose Persian and Chinese words, quoted or not, keep their own direction
    (and whose escapes are shown as characters)."""
    text = unescape(str(text or ""))
    if lang(text) == "en":
        return escape(text)
    parts, last = [], 0
    for m in _QUOTED.finditer(text):
        inside = m.group(1) if m.group(1) is not None else m.group(2)
        quote = escape(m.group(0)[0])
        parts += [_runs(text[last:m.start()]), quote, isolate(inside) if lang(inside) != "en" else escape(inside),
                  quote]
        last = m.end()
    return "".join(parts) + _runs(text[last:])
