"""A Persian guideline or formulary text written as paragraphs -> Units: headings, sentences.

The rules (data/document_kinds.yaml, prose_fa): a short line that does not end like a sentence is a
heading ("#" marks and a leading number "2.1" give its level; headings nest by level); a line that
opens with a list mark or a number ("1-", "۲)") is a list item; any other line is a paragraph.
Paragraphs are split into sentences by hazm. An item's or sentence's lead (the words before its
first colon, "کاوازاکی: ...") is read with each of its sentences. A sentence's indication comes
from the lexicon (the Persian and English aliases of data/indications.yaml, whole words, longest
first): the sentence and its lead first, then its headings nearest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..article.records import IndicationMatch
from ..circular.cells import ends_sentence
from ..lexicon import load
from ..normalize.fa import normalize_fa
from ..records import Reason, SourceFile
from ..reconcile.indication_index import alias_index, spans_of, words
from . import dosing_adapter
from .read import Language, Unit, content_doc_id, units_to_reading

_NUMBERED = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\s*[-.)]\s+")
# "2.1 name" or "2.1. name": a heading of level 2 (its number's parts); "2. name" or "2) name": level 1
_NUMBERED_HEADING = re.compile(r"^(?P<num>\d+(?:\.\d+)+)\.?\s+|^(?P<one>\d+)\s*[-.)]\s+")
_HASHES = re.compile(r"^(?P<hashes>#{1,6})\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LEAD_LINE_LEVEL = 9  # a "name:" line nests below every heading


@dataclass(frozen=True)
class _Block:
    kind: str  # heading, paragraph, list_item
    text: str  # normalized, marks removed
    raw: str
    line: int
    level: int = 1  # a heading's level


@cache
def _rules() -> dict:
    return load("document_kinds.yaml")["prose_fa"]


def _heading_level(text: str, raw: str) -> int | None:
    """The level of a heading line, or None when the line is not a heading."""
    rules = _rules()
    if hashes := _HASHES.match(raw.strip()):
        return len(hashes.group("hashes"))
    words = text.split()
    if not words or len(words) > rules["heading_max_words"]:
        return None
    if text.endswith(":") and len(words) <= 6:
        return _LEAD_LINE_LEVEL  # "کاوازاکی:" alone on its line: the lines below are about it
    if text[-1] in rules["sentence_final"]:
        return None
    if dosing_adapter.looks_like_dose(text) or ends_sentence(text) or text.partition(":")[2].strip():
        return None  # a dose, a sentence, or a "label: value" line
    numbered = _NUMBERED_HEADING.match(text)
    return (numbered.group("num") or "").count(".") + 1 if numbered else 1


def line_to_block(raw: str, number: int) -> _Block | None:
    text = normalize_fa(raw)
    if not text:
        return None
    level = _heading_level(text, raw)
    if level is not None:
        heading = _NUMBERED_HEADING.sub("", _HASHES.sub("", text)).strip().rstrip(":").strip()
        return _Block("heading", heading, raw, number, level)
    marks = tuple(_rules()["list_markers"])
    if text.startswith(marks):
        return _Block("list_item", text.lstrip("".join(marks)).strip(), raw, number)
    if lettered := re.match(_rules()["lettered_item"], text):
        return _Block("list_item", text[lettered.end():].strip(), raw, number)
    if _NUMBERED.match(text):
        return _Block("list_item", _NUMBERED.sub("", text), raw, number)
    return _Block("paragraph", text, raw, number)


def _wrapped(previous: _Block | None, block: _Block, blank_before: bool) -> bool:
    """Does the line go on with the paragraph above it (a hard-wrapped sentence)? When nothing
    separates them and the paragraph stopped mid-sentence, a line that is no item nor a "label: value"
    line goes on with it."""
    if previous is None or blank_before or previous.kind == "heading" or block.kind == "list_item":
        return False
    if _HASHES.match(block.raw.strip()) or lead_of(block.text) or block.level == _LEAD_LINE_LEVEL:
        return False  # a marked heading, a "label: value" or a "name:" line stands on its own
    return previous.text[-1] not in _rules()["sentence_final"] and not ends_sentence(previous.text)


def text_to_blocks(text: str) -> list[_Block]:
    """Headings, paragraphs and list items, a hard-wrapped paragraph's lines joined."""
    blocks: list[_Block] = []
    blank = True
    for number, line in enumerate(text.splitlines(), start=1):
        block = line_to_block(line, number)
        if block is None:
            blank = True
            continue
        previous = blocks[-1] if blocks else None
        if _wrapped(previous, block, blank):
            text_so_far = f"{previous.text} {normalize_fa(line)}"
            blocks[-1] = _Block(previous.kind, text_so_far, f"{previous.raw}\n{line}", previous.line)
        else:
            blocks.append(block)
        blank = False
    return blocks


def _sentences(text: str) -> list[str]:
    from hazm import sent_tokenize

    return [s.strip() for s in sent_tokenize(text) if s.strip()]


def lead_of(text: str) -> str:
    head, colon, _ = text.partition(":")
    return head.strip() if colon and 0 < len(head.split()) <= 8 else ""


def blocks_to_units(blocks: list[_Block]) -> tuple[str | None, list[Unit]]:
    """The title (first heading, else first line) and every sentence under its headings."""
    headings: list[tuple[int, str]] = []
    units: list[Unit] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            headings = [(lv, h) for lv, h in headings if lv < block.level] + [(block.level, block.text)]
            continue
        lead = lead_of(block.text)
        trail = " / ".join(h for _, h in headings) or None
        for sentence in _sentences(block.text):
            units.append(Unit(sentence, block.raw.strip(), trail, block.text, lead, index, block.kind, block.line))
    title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else None)
    return title, units


def names_in(text: str) -> list[str]:
    """Every indication the text names, longest aliases first, an alias inside a longer one's words not
    counted ("ITP" in "ITP در کودکان"), in reading order."""
    haystack = words(text)
    taken: set[int] = set()
    found: list[tuple[int, str]] = []
    for alias, indication_id in alias_index():
        for i, j in spans_of(haystack, alias):
            if not taken & set(range(i, j)):
                taken |= set(range(i, j))
                found.append((i, indication_id))
    return list(dict.fromkeys(i for _, i in sorted(found)))


def match_unit(unit: Unit) -> IndicationMatch:
    """The sentence (with its lead) first, then its paragraph, then the headings from the nearest: the
    first place that names exactly one indication gives it (from the paragraph alone, weakly: for
    review); a place naming several equally is an ambiguity."""
    places = [("sentence", f"{unit.lead} {unit.text}" if unit.lead not in unit.text else unit.text),
              ("paragraph", unit.context)]
    places += [("heading", h) for h in reversed((unit.section or "").split(" / ")) if h]
    for place, text in places:
        found = names_in(text)
        if len(found) == 1:
            return IndicationMatch(found[0], tuple(found), place != "paragraph", f"{found[0]}: named in the {place}")
        if found:
            return IndicationMatch(None, tuple(found), False, f"{', '.join(found)}: all named in the {place}")
    return IndicationMatch(None, (), False, "")


def review_reason(match: IndicationMatch) -> Reason | None:
    if match.indication_id is None and match.candidates:
        return Reason("indication_ambiguous", f"several indications match equally ({match.evidence})", "indication_id")
    if match.indication_id and not match.strong:
        return Reason("indication_weak", f"named in the paragraph, not in the sentence or its heading ({match.evidence})",
                      "indication_id")
    return None


def _kind(unit: Unit) -> str | None:
    return next((kind for kind, cues in _rules()["kinds"].items() if any(c in unit.text for c in cues)), None)


def _tokens(text: str) -> tuple[str, ...]:
    from hazm import word_tokenize

    return tuple(word_tokenize(text))


LANGUAGE = Language(match=match_unit, review_reason=review_reason, read=dosing_adapter.read_fa, tokens=_tokens,
                    numbers=lambda text: tuple(float(n) for n in _NUMBER.findall(text)), kind=_kind)


def read_prose_guideline(source: SourceFile):
    """A Persian prose text -> ArticleReading (kind guideline), doc_id from title and content."""
    blocks = text_to_blocks(source.text or "")
    title, units = blocks_to_units(blocks)
    doc_id = content_doc_id("guideline", " ".join(b.text for b in blocks))
    return units_to_reading(source, doc_id, "guideline", "fa", title, units, LANGUAGE)
