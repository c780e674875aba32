"""Blocks -> Sentences: paragraphs split into sentences, each under the heading it sits below.

A sentence ends at 。！？!? or at a full stop before a space, a Chinese character or the end (so
0.5 and 10.1200 stay whole). A list item is one sentence (a point of a list, or one reference).
Citation marks that lost a bracket in the source are mended and recorded as repairs:
"…克/升)[5接受…" is two sentences, the first citing [5]; "…IVIG。7]." cites [7].
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..normalize.zh import normalize_zh
from .blocks import is_reference_heading
from .records import Block, Sentence

_CJK = "\u3400-\u9fff"
# Split after these (the raw text may still hold full-width forms).
_END = re.compile(rf"[。！？!?]|[.．](?=\s|$|[{_CJK}“\"])")
# "[5" run into the next sentence's first character: the bracket and the full stop were lost.
_UNCLOSED = re.compile(rf"\[(\d+)(?=[{_CJK}])")
# A piece with no letter and no character of its own ("[6].", "7].") belongs to the sentence before.
_NO_WORDS = re.compile(r"^[\s\[\]\d.,;:。、!?！？]*$")
_BARE_CITATION = re.compile(r"(?<=[。.!?])\s*(\d+)\](\.?)$")
CITATION = re.compile(r"\[(\d+)\]")


def _pieces(raw: str) -> list[tuple[str, list[str]]]:
    """A paragraph's raw text -> its sentences' raw text, each with the repairs it will need."""
    cuts, repairs = [], {}
    for m in _END.finditer(raw):
        cuts.append(m.end())
    for m in _UNCLOSED.finditer(raw):
        cuts.append(m.end())
        repairs[m.end()] = f"citation [{m.group(1)} had lost its closing bracket and the full stop after it"
    pieces: list[tuple[str, list[str]]] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(raw)]:
        piece = raw[start:cut]
        start = cut
        if not piece.strip():
            continue
        if pieces and _NO_WORDS.match(piece):
            pieces[-1] = (pieces[-1][0] + piece, pieces[-1][1])
            continue
        pieces.append((piece, [repairs[cut]] if cut in repairs else []))
    return pieces


def _mend(text: str, repairs: list[str]) -> tuple[str, list[str]]:
    """Normalized sentence -> the same with its citation marks mended."""
    if any(r.startswith("citation [") for r in repairs):
        text = re.sub(r"\[(\d+)$", r"[\1]", text)
    bare = _BARE_CITATION.search(text)
    if bare:
        text = text[:bare.start()] + f"[{bare.group(1)}]" + bare.group(2)
        repairs = repairs + [f"citation {bare.group(1)}] had lost its opening bracket"]
    return text, repairs


def blocks_to_sentences(blocks: list[Block]) -> list[Sentence]:
    """Every sentence of the article's paragraphs and list items, in reading order."""
    sentences: list[Sentence] = []
    section: str | None = None
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            section = normalize_zh(block.text)
            continue
        in_references = section is not None and is_reference_heading(section)
        if block.kind == "list_item" or in_references:
            pieces = [(block.text, [])]
        else:
            pieces = _pieces(block.text)
        for raw, repairs in pieces:
            text, repairs = _mend(normalize_zh(raw), repairs)
            sentences.append(Sentence(text, raw.strip(), index, block.kind, section, block.line, tuple(repairs)))
    return _with_continuations(sentences)


def _with_continuations(sentences: list[Sentence]) -> list[Sentence]:
    """A sentence ending with ':' is completed by the list items right after it."""
    out = []
    for i, sentence in enumerate(sentences):
        items: list[str] = []
        if sentence.text.endswith(":") and sentence.block_kind == "paragraph":
            for nxt in sentences[i + 1:]:
                if nxt.block_kind != "list_item" or nxt.section != sentence.section:
                    break
                items.append(nxt.text)
        out.append(replace(sentence, continues=tuple(items)) if items else sentence)
    return out


def citations_in(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in CITATION.findall(text))
