"""A unit named once for the amounts after it: a table's or a list's header.

"دوز (mg/kg): CIDP — بارگیری ۲۰۰۰ طی ۲–۵ روز؛ نگهدارنده ۱۰۰۰ هر ۳ هفته", "劑量（克/公斤）：ITP 0.8–1；GBS 0.4/日×5；
Kawasaki 2", "剂量单位：g/kg 原发性免疫缺陷 0.4–0.6 每3–4周；ITP 1.0 ×2天": formularies write the mass per kg once, in
brackets before a colon or after a unit label (the pack's `normalize.unit_label`), and each amount after it as a bare
number. Without the unit the grammar reads none of them (the net flags them `dose_unread`). Here the header's unit is
written after each bare amount of its scope (up to the next header), and the grammar reads them as written so.

A bare amount is a number or a range that stands where an amount does, and nothing else:
- the first number of its segment (parted by a semicolon, a comma, a line or a cell), after a label that names what
  the amount is for: an indication (pipeline/data/indications.yaml), a population or a phase (the packs' cues), IVIg
  itself, or one of the packs' `normalize.header_unit_labels` ("GBS", "PID", "替代治疗"); a colon may end the label,
  and it holds no number of its own ("سن بیمار: ۱", "Hughes 評分：2", "床号 205" are no amounts);
- before the end, a separator, a multiplication sign and a count, a slash and a time ("0.4/日"), or timing words the
  timing reader reads from there ("طی ۲–۵ روز", "每3–4周"), never before a time unit of its own ("۲ سال").
A number after a word of time, count or threshold (the packs' `normalize.header_unit_not_after`: "هر", "طی", "<",
"每", "第", "低于"...) or inside a mention the net reads with its own unit ("حداکثر ۸۰ گرم") is no bare amount. Any
other number of the scope the header's unit is not written after leaves the header unaccounted for: the net's
`dose_unread` still quotes it, so an amount skipped is never lost silently.
The amount right after a bracketed header's colon is read by the dose patterns already ("(g/kg): 2") and is left.
"""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from ..compiled import regex
from ..gate import for_text
from ..lexicon import load
from ..normalize.fa import normalize_fa
from ..normalize.zh import normalize_zh
from .net import mentions_in
from .pack import SP, load_net
from .timing import read_timing
from .timing_spellings import unit_patterns
from .vocab import vocab

_SEPARATOR = r"$|[;\u061b\uff1b|\u2016,\u060c\uff0c\u3002\u3001]|\.(?!\d)"
_TAIL = 40  # characters after a number in which its timing is read
# where a header's amounts end: a table's cell or row mark, or another column's header (a bracketed unit or label
# before a colon: "| مدت (روز): ۵", "输注时间（h）：12")
_SCOPE_END = re.compile(r"[|\u2016]|[(\uff08][^()\uff08\uff09]{0,20}[)\uff09]\s*[:\uff1a]")
# what parts a header's scope into segments, each a label and its amount ("ITP 1؛ کاوازاکی 2", "成人 2，分5日")
_SEGMENT = re.compile(r"[;\u061b\uff1b|\u2016\n,\u060c\uff0c\u3002\u2022]|\.(?!\d)")
_COMMAS = {",", "\u060c", "\uff0c"}
_LIST_NUMBER = re.compile(r"[\u3001)\uff09]")  # "2、川崎病 2", "۲) ITP": an item's number, right before its mark
_LIST_MARK = re.compile(r"^\(?\d{1,2}[).\u3001]\s*")  # "۲) ITP", "2. ITP", "2、ITP": an item's number
# a number standing alone in a label (not "HIV-1", "COVID-19", "IgG4", "1型")
_STANDALONE_NUMBER = re.compile(r"(?<![\w\-])\d+(?:\.\d+)?(?!\w)")
_LETTER = re.compile(r"[^\W\d_]")
_COLON = re.compile("[:\uff1a]")  # every header ends with one: most statements have none


@cache
def _headers(lang: str) -> re.Pattern:
    """A mass per kg in brackets before a colon, or after a unit label and a colon."""
    v = vocab(lang)
    unit = rf"(?:{v.mass}){SP}(?:{v.per_kg})(?:{SP}(?:{v.per_day}))?"
    labels = "|".join((load(f"lang/{lang}.yaml").get("normalize") or {}).get("unit_label") or ["(?!)"])
    return regex(rf"[(\uff08]{SP}(?P<bracketed>{unit}){SP}[)\uff09]{SP}[:\uff1a]"
                 rf"|(?:{labels}){SP}[:\uff1a]{SP}(?P<labelled>{unit})(?![\w/])", re.I)


@cache
def _bare(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A number or range not glued to another number or mark; the words before it that make it no amount; what
    may follow an amount at once."""
    v = vocab(lang)
    not_after = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("header_unit_not_after") or ["(?!)"]
    number = regex(rf"(?<![\w.,/\u00d7*~\uff5e\-\u2013\u2014])(?P<n>{v.amount_range})(?![\w./%\u066a]|,\d)"
                   rf"|(?<![\w.,/\u00d7*~\uff5e\-\u2013\u2014])(?P<m>{v.amount_range})(?=/)(?={v.per_day})", re.I)
    before = regex(rf"(?:{'|'.join(not_after)}){SP}[:\uff1a]?{SP}$", re.I)  # "سن: ۲", "重复：1"
    after = regex(rf"{SP}(?:{_SEPARATOR}|[\u00d7xX*]{SP}\d)", re.I)
    return number, before, after


class Headed(NamedTuple):
    """A text with its headers' units written after their bare amounts."""

    text: str
    units: tuple[tuple[int, int, str], ...] = ()  # (start, end, unit) of each unit written in, in the new text
    headers: tuple[tuple[int, int], ...] = ()  # the span of each header whose unit was written in, in the new text


def header_units(text: str, lang: str) -> Headed:
    """The text with each bare amount after a header followed by the header's unit; the text itself when it has
    no header or no bare amount after one."""
    headers = list(_headers(lang).finditer(text)) if _COLON.search(text) else []
    if not headers:
        return Headed(text)
    out: list[str] = []
    units: list[tuple[int, int, str]] = []
    used: list[tuple[int, int]] = []
    at = 0
    for i, header in enumerate(headers):
        unit = (header.group("bracketed") or header.group("labelled")).strip()
        stop = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        if ender := _SCOPE_END.search(text, header.end(), stop):  # "(g/kg): 2 | مدت (روز): 5": another column
            stop = ender.start()
        ends, explained = _bare_amounts(text, header, stop, lang)
        if not (ends and explained):  # all or none: a number left bare would lend its timing to the amount before it
            continue  # ("کاوازاکی ۲ تک‌دوز؛ X ۰٫۴ روزانه × ۵ روز"), and keeps the header's dose_unread
        shift = sum(len(u) + 1 for _, _, u in units)  # the units written in before this header
        used.append((header.start() + shift, header.end() + shift))
        for end in ends:
            out.append(text[at:end])
            start = sum(map(len, out))
            out.append(f" {unit}")
            units.append((start + 1, start + 1 + len(unit), unit))
            at = end
    if not units:
        return Headed(text)
    out.append(text[at:])
    return Headed("".join(out), tuple(units), tuple(used))


def _bare_amounts(text: str, header: re.Match, stop: int, lang: str) -> tuple[list[int], bool]:
    """The ends of the bare amounts between a header and `stop`, and whether every other number there is explained
    (after a word of time, count or threshold, before a time unit, inside a mention with its own unit)."""
    scope = _Scope(text, header, lang)
    for m in _bare(lang)[0].finditer(text, header.end(), stop):
        scope.take(m)
    return scope.ends, scope.explained


class _Scope:
    """The numbers of one header's scope, taken in order: the amounts' ends, the numbers that are no amounts."""

    def __init__(self, text: str, header: re.Match, lang: str):
        self.text, self.header, self.lang = text, header, lang
        self.owned = [(m.start, m.end) for m in mentions_in(text, lang)]
        self.ends: list[int] = []
        self.explained = True
        self.others: list[tuple[int, int]] = []  # numbers that are no amounts ("زیر ۱۲ سال"): a label may hold them

    def take(self, m: re.Match) -> None:
        text, floor = self.text, self.header.end()
        group = "n" if m.group("n") is not None else "m"
        if self.header.group("bracketed") and not text[floor:m.start()].strip():
            return  # "(g/kg): 2": the dose patterns read it
        tail = text[m.end(group):m.end(group) + _TAIL]
        if self._no_amount(m, tail) or _LIST_NUMBER.match(tail):
            self.others.append(m.span())
            return
        _, _, after = _bare(self.lang)
        bare = group == "m" or after.match(text, m.end(group)) or _timed(tail, self.lang)
        segment, opens = _segment_start(text, floor, m.start())
        # after a comma, a number shares its clause with the numbers before it: "سرعت: ۱۰۰، سپس ۲۰۰" is a rate's
        shared = not opens and any(s >= _clause_start(text, floor, m.start()) for s, _ in self.others)
        if bare and not shared and _labelled(_blanked(text, segment, m.start(), self.others), self.lang, opens):
            self.ends.append(m.end(group))
        else:
            self.explained = False

    def _no_amount(self, m: re.Match, tail: str) -> bool:
        """After a word of time, count or threshold, inside a mention with its own unit, or before a time unit."""
        before = _bare(self.lang)[1]
        return bool(before.search(self.text, max(self.header.end(), m.start() - 16), m.start())
                    or _own_unit(m, self.owned) or _time_of_its_own(tail, self.lang))


def _clause_start(text: str, floor: int, at: int) -> int:
    """Where the clause holding `at` starts: after the last separator before it that is not a comma."""
    start = floor
    for m in _SEGMENT.finditer(text, floor, at):
        if m.group() not in _COMMAS:
            start = m.end()
    return start


def _blanked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] with the numbers at `spans` (no amounts: an age, a weight with its unit) as spaces."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars)


def _own_unit(m: re.Match, owned: list[tuple[int, int]]) -> bool:
    return any(s <= m.start() < e for s, e in owned)


def _segment_start(text: str, floor: int, at: int) -> tuple[int, bool]:
    """Where the segment holding `at` starts (after the last separator before it, not before the header's end), and
    whether it opens a row of its own: the header's scope or a semicolon, a line or a cell before it, not a comma."""
    last = None
    for last in _SEGMENT.finditer(text, floor, at):
        pass
    if last is None:
        return floor, True
    return last.end(), last.group() not in _COMMAS


def _labelled(label: str, lang: str, first: bool) -> bool:
    """The words before a bare amount in its segment name what it is for (see the module's doc), or there are none
    and the segment is the first of the header's scope ("剂量单位：g/kg 0.4"); no number of their own, a colon only at
    their end. A number alone after a comma ("۰٫۴ در روزهای ۱، ۲، ۳") is a list's, not an amount."""
    words = _LIST_MARK.sub("", label.strip().rstrip(":\uff1a-\u2013\u2014 ").strip())
    if not words:
        return first
    if _STANDALONE_NUMBER.search(words) or _COLON.search(words) or _unsure_end(lang).search(words):
        return False
    return bool(_names(lang).search(words) or any(for_text(p, words).search(words) for p in _cue_patterns(lang)))


@cache
def _names(lang: str) -> re.Pattern:
    """The indications' names (data/indications.yaml: the language's aliases and the English ones), the drug's
    names (the pack's `net.ivig`) and the pack's `normalize.header_unit_labels`, as one pattern over normalized text."""
    own = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("header_unit_labels") or []
    every = _indication_names(lang) + list(own) + list(load_net(lang).get("ivig") or [])
    if lang == "fa":  # whole words
        return regex(rf"(?<![^\W\d_])(?:{'|'.join(every)})(?![^\W\d_])", re.I)
    # Chinese runs its words together: only a Latin name must stand apart from Latin letters ("MG" not in "QMG")
    latin = [w for w in every if w[:1].isascii() and w[:1].isalpha()]
    other = [w for w in every if w not in latin]
    return regex(rf"(?<![A-Za-z])(?:{'|'.join(latin)})(?![A-Za-z])|(?:{'|'.join(other)})", re.I)


def _indication_names(lang: str) -> list[str]:
    """The indications' aliases in the language and in English, normalized and escaped, longest first; a space
    may be written as a ZWNJ or not at all ("گیلن باره", "گیلن‌باره", "گیلنباره")."""
    normal = normalize_zh if lang == "zh" else normalize_fa
    names = {a for e in load("indications.yaml") for key in (f"aliases_{lang}", "aliases_en")
             for a in e.get(key) or [] if isinstance(a, str) and a.strip()}
    return sorted({re.escape(normal(n).strip()).replace("\\ ", "[ \u200c]?") for n in names}, key=len, reverse=True)


@cache
def _unsure_end(lang: str) -> re.Pattern:
    """The pack's `normalize.header_unit_not_labels` ending a label: the number after it may be an amount or a count."""
    words = (load(f"lang/{lang}.yaml").get("normalize") or {}).get("header_unit_not_labels") or ["(?!)"]
    return regex(rf"(?:{'|'.join(words)})\s*$", re.I)


@cache
def _cue_patterns(lang: str) -> tuple[re.Pattern, ...]:
    """One pattern for the pack's phase cues, one for its population cues."""
    from .cues import _cues

    return tuple(_cues(lang, kind)[1] for kind in ("phase", "population"))


def _time_of_its_own(tail: str, lang: str) -> bool:
    """A time unit right after the number, as a whole word: "۲ سال", "5天" (not "۴۰۰ روزانه")."""
    gap = len(tail) - len(tail.lstrip())
    return any((u := p.match(tail, gap)) and not _LETTER.match(tail, u.end()) for p in unit_patterns(lang).values())


def _timed(tail: str, lang: str) -> bool:
    """Timing words start right after the number (after spaces)."""
    timing = read_timing(tail, lang)
    said = timing.course_high is not None or timing.every_unit or timing.daily or timing.single or timing.count_high
    return bool(said) and timing.start is not None and not tail[:timing.start].strip()
