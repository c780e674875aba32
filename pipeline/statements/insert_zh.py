"""A Chinese package insert (说明书) -> Units: bracketed sections, numbered items, their sentences.

The rules (data/document_kinds.yaml, package_insert_zh): a line "【用法用量】..." opens a section;
a line opening with a number mark ("1." "1、" "(1)" "①" "一、") is an item, of a level by its mark,
inside the items of lower levels before it; a line that is neither continues the item before it
while that item has not ended its sentence, else it is a paragraph. An item's lead, the words
before its first colon ("(2)原发免疫性血小板减少症:"), names what the item is about: it is read with
each of the item's sentences, and the leads of the items it stands in are part of its context.
Traditional script reads as simplified (normalize_zh); the raw text is kept as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from ..article.indications import match_indication, review_reason
from ..article.records import IndicationMatch
from ..article.segment import text_to_tokens
from ..lexicon import load
from ..normalize.zh import normalize_zh, numbers_in
from ..records import SourceFile
from . import dosing_adapter
from .read import Language, Unit, content_doc_id, units_to_reading


LEAD_JOIN = " | "  # between the leads of nested items in a Unit's lead


@dataclass
class _Block:
    kind: str  # paragraph or list_item
    raw: str
    line: int
    section: str | None
    leads: tuple[str, ...] = ()  # leads of the items it stands in, outermost first
    parts: list[str] = field(default_factory=list)  # normalized lines

    @property
    def text(self) -> str:
        return "".join(self.parts)


@cache
def _rules() -> dict:
    return load("document_kinds.yaml")["package_insert_zh"]


@cache
def _heading() -> re.Pattern:
    """A bracketed heading ("【用法用量】..."), or a known section's name alone on its line or opening it
    before a colon ("用法用量:..."), as labels printed without brackets write them."""
    rules = _rules()
    names = "|".join(sorted(map(re.escape, rules["sections"]), key=len, reverse=True))
    return re.compile(f"{rules['heading']}|^\\s*(?P<plain>{names})\\s*(?::\\s*(?P<after>.*))?$")


def section_name(heading: re.Match) -> str:
    """A heading's section name, spaces dropped ("【适 应 症】" is 适应症)."""
    return re.sub(r"\s+", "", heading.group("name") or heading.group("plain"))


def _rest(heading: re.Match) -> str:
    return (heading.group("rest") if heading.group("name") else heading.group("after")) or ""


@cache
def _markers() -> tuple[tuple[re.Pattern, int], ...]:
    return tuple((re.compile(m["pattern"]), m["level"]) for m in _rules()["item_markers"])


def section_headings(text: str) -> list[str]:
    """The known section names of the text's bracketed headings, in order."""
    known = set(_rules()["sections"])
    names = [section_name(m) for line in text.splitlines() if (m := _heading().match(normalize_zh(line)))]
    return [n for n in names if n in known]


def is_package_insert(text: str) -> bool:
    return len(set(section_headings(text))) >= _rules()["min_sections"]


def item_marker(line: str) -> tuple[int, str] | None:
    """(level, the line without its mark) of a numbered item's first line, else None."""
    stripped = line.strip()
    for candidate in (stripped, unicodedata.normalize("NFKC", stripped)):
        for pattern, level in _markers():
            if m := pattern.match(candidate):
                return level, candidate[m.end():]
    return None


def lead_of(text: str) -> str:
    """The words before an item's first colon, when they are short enough to be a name."""
    head, colon, _ = text.partition(":")
    head = head.strip()
    short = 0 < len(head) <= _rules()["lead_max_chars"]
    return head if colon and short and not re.search(r"[,;。]", head) else ""  # a lead is a name, not a clause


_LEAD_LINE_LEVEL = 99  # below every numbered item: the next item or lead line closes it


def _is_lead_line(text: str) -> bool:
    """A short name and a colon, nothing after it: what follows is about it."""
    return text.rstrip().endswith(":") and bool(lead_of(text)) and not text.partition(":")[2].strip()


def _bare_name(text: str) -> str:
    """An item that is a name alone ("(1)原发性免疫缺陷病", no colon, no number, no sentence end): the
    items and lines below it speak of it, as under a colon lead."""
    short = 0 < len(text) <= _rules()["lead_max_chars"]
    clause = re.search(r"[:,;。\d]", text) or _ended(text)
    return text if short and not clause else ""


def _ended(text: str) -> bool:
    return bool(re.search(_rules()["sentence_end"] + r"\s*$", text))


@dataclass
class _Reader:
    """Where the reading stands: the blocks so far, the section, the open items' (level, lead)."""

    blocks: list[_Block] = field(default_factory=list)
    section: str | None = None
    items: list[tuple[int, str]] = field(default_factory=list)

    def leads(self) -> tuple[str, ...]:
        return tuple(lead for _, lead in self.items if lead)

    def heading(self, name: str, rest: str, raw: str, number: int) -> None:
        self.section, self.items = name, []
        if rest.strip():
            self.blocks.append(_Block("paragraph", raw, number, name, parts=[rest.strip()]))

    def item(self, level: int, rest: str, raw: str, number: int) -> None:
        self.items = [(lv, ld) for lv, ld in self.items if lv < level]
        body = normalize_zh(rest).strip()
        self.blocks.append(_Block("list_item", raw, number, self.section, self.leads(), [body]))
        self.items.append((level, lead_of(body) or _bare_name(body)))

    def line(self, norm: str, raw: str, number: int) -> None:
        last = self.blocks[-1] if self.blocks else None
        if _is_lead_line(norm):
            # "原发免疫性血小板减少症:" alone on its line: the lines below stand under it, as under an item
            self.items = [(lv, ld) for lv, ld in self.items if lv < _LEAD_LINE_LEVEL]
            self.blocks.append(_Block("paragraph", raw, number, self.section, self.leads(), [norm]))
            self.items.append((_LEAD_LINE_LEVEL, lead_of(norm)))
        elif last and last.section == self.section and _goes_on(last) and not _is_lead_line(last.text):
            if last.kind == "list_item" and len(last.parts) == 1 and not lead_of(last.text) and \
                    len(last.text) <= _rules()["lead_max_chars"]:
                # "② 川崎病" alone on its line, its doses below: the first line is the item's lead
                last.parts[0] += ":"
                if self.items:
                    self.items[-1] = (self.items[-1][0], lead_of(last.text))
            last.parts.append(norm)
            last.raw += "\n" + raw
        else:
            self.blocks.append(_Block("paragraph", raw, number, self.section, self.leads(), [norm]))


def text_to_blocks(text: str) -> tuple[str | None, list[_Block]]:
    """The insert's title (its "...说明书" line before the first section, else its first line) and its blocks
    in reading order."""
    reader = _Reader()
    first = title = None
    for number, raw in enumerate(text.splitlines(), start=1):
        norm = normalize_zh(raw).strip()
        if not norm:
            continue
        first = first or norm
        if title is None and reader.section is None and norm.endswith(tuple(_rules()["title_words"])):
            title = norm  # "...说明书", not the "核准日期:..." line above it
        if heading := _heading().match(norm):
            reader.heading(section_name(heading), _rest(heading), raw, number)
        elif marked := item_marker(raw):
            reader.item(*marked, raw, number)
        else:
            reader.line(norm, raw, number)
    return title or first, reader.blocks


def _goes_on(block: _Block) -> bool:
    """Does the next unmarked line continue this block? An item until its sentence ends; a paragraph
    only when it stops mid-sentence (a colon or a comma): a label's lines ("通用名称:...") stand apart."""
    text = block.text.rstrip()
    if block.kind == "list_item":
        return not _ended(text)
    return text.endswith((":", ","))


def blocks_to_units(blocks: list[_Block]) -> list[Unit]:
    """Each block's sentences, with the item's lead and its parents' leads as context."""
    end = re.compile(rf"(?<={_rules()['sentence_end']})")
    units = []
    for index, block in enumerate(blocks):
        # its own lead (an item's, or a paragraph's that a colon line opened) after those of the items it
        # stands in: "(2)原发免疫性血小板减少症:" then "①成人:每日..." speaks of the first
        lead = LEAD_JOIN.join((*block.leads, lead_of(block.text)))  # the enclosing ones, then its own (or "")
        context = " ".join((*block.leads, block.text))
        for sentence in (s.strip() for s in end.split(block.text)):
            if sentence and re.search(r"\w", sentence):
                units.append(Unit(sentence, block.raw.strip(), block.section, context, lead, index, block.kind,
                                  block.line))
    return units


def _prefixed(leads: list[str], text: str) -> str:
    """The sentence with the leads it stands under (those it does not already open with)."""
    return ": ".join((*(x for x in leads if x and not text.startswith(x)), text))


def _own(unit: Unit) -> str:
    return _prefixed(unit.lead.split(LEAD_JOIN), unit.text)


@cache
def _names() -> tuple[tuple[str, str], ...]:
    """(normalized name, indication id) of every Chinese name (a string alias) of the lexicon."""
    return tuple((re.sub(r"\s+", "", normalize_zh(alias)).lower(), entry["id"])
                 for entry in load("indications.yaml") for alias in entry.get("aliases_zh") or ()
                 if isinstance(alias, str))


def names_in(text: str) -> list[str]:
    """Indications named in a text, each by a name not inside a longer name found there ("ITP" in
    "儿童ITP" names the children's entry only), in reading order."""
    key = re.sub(r"\s+", "", text).lower()
    spans = [(m.start(), m.start() + len(name), ind) for name, ind in _names() if name
             for m in re.finditer(re.escape(name), key)]
    kept = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)]
    return list(dict.fromkeys(ind for _, _, ind in sorted(kept)))


def _match(unit: Unit):
    """The article's matcher on the sentence with its own lead, then with the leads of what it stands in
    (the closest that names one indication wins: "川崎病:..." under "原发免疫性血小板减少症:" is Kawasaki);
    a sentence that names several indications (a list of them) names none alone: they are its candidates."""
    *enclosing, own = unit.lead.split(LEAD_JOIN) if unit.lead else [""]
    for text in (_prefixed([own], unit.text), _prefixed([*enclosing, own], unit.text)):
        named = names_in(text)
        if len(named) == 1:
            return match_indication(text, unit.context, unit.section)
        if named:
            return IndicationMatch(None, tuple(named), False, ", ".join(f"{i}: named in the sentence" for i in named))
    return match_indication(_own(unit), unit.context, unit.section)


def _review_reason(match: IndicationMatch) -> str | None:
    return review_reason(match)


def _kind(unit: Unit) -> str | None:
    return _rules()["section_kinds"].get(unit.section or "")


def _holds_doses(unit: Unit) -> bool:
    """Amounts under the product's own sections (规格 "50ml:2.5g") are pack sizes, not doses."""
    return (unit.section or "") not in _rules()["product_sections"]


LANGUAGE = Language(match=_match, review_reason=review_reason, read=dosing_adapter.read_zh, tokens=text_to_tokens,
                    numbers=lambda text: tuple(numbers_in(text)), kind=_kind, holds_doses=_holds_doses)


def names_indications_in_items(text: str) -> bool:
    """Do numbered items or lead lines name indications by their leads ("1. 川崎病:...")? Then the text
    is structured as an insert is, whatever its headings: a Chinese guideline read the insert's way."""
    leads = [lead_of(normalize_zh(marked[1])) for line in text.splitlines() if (marked := item_marker(line))]
    leads += [lead_of(n) for line in text.splitlines() if _is_lead_line(n := normalize_zh(line).strip())]
    return sum(1 for lead in leads if lead and names_in(lead)) >= _rules()["min_indication_items"]


def read_package_insert(source: SourceFile, kind: str = "package_insert"):
    """A package insert's (or a structured Chinese guideline's) text -> ArticleReading, its doc_id from its
    title and content."""
    title, blocks = text_to_blocks(source.text or "")
    units = blocks_to_units(blocks)
    doc_id = content_doc_id("insert" if kind == "package_insert" else kind, normalize_zh(source.text or ""))
    return units_to_reading(source, doc_id, kind, "zh", title, units, LANGUAGE)
