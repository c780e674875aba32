"""An article's rendition -> Blocks (headings, paragraphs, list items), the same for text and HTML.

Text: one block a line. A line starting with a list marker is a list item. A heading is decided by
what the line says, never by where it stands: a short line that does not end like a sentence
(骨髓移植概述), a short question (IVIG 输注的成功率是多少?), or a reference heading ("参考:").
A colon line that is not a reference heading introduces the list below it: a paragraph.
HTML: the markup says it (h1-h6, p, li); scripts, styles and the head are left out.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from html.parser import HTMLParser

from ..lexicon import load
from ..normalize.zh import normalize_zh
from .records import Block

_HEADING_TAGS = {f"h{n}" for n in range(1, 7)}
_BLOCK_TAGS = _HEADING_TAGS | {"p", "li", "div", "section", "article", "ul", "ol", "blockquote", "td", "th",
                               "tr", "table", "br", "body", "main", "header", "footer"}
_SKIPPED_TAGS = {"script", "style", "head", "noscript", "template", "svg"}


def _rules() -> dict:
    return load("article_zh.yaml")["blocks"]


def is_reference_heading(text: str) -> bool:
    return normalize_zh(text).rstrip(":").strip().lower() in {h.lower() for h in _rules()["reference_headings"]}


def is_heading(line: str) -> bool:
    """A line of the text rendition that is a heading (see the module's rules)."""
    rules = _rules()
    text = normalize_zh(line)
    if not text:
        return False
    if is_reference_heading(text):
        return True
    if len(text) > rules["heading_max_chars"] or text.endswith(":"):
        return False
    if text.endswith("?"):
        return not any(mark in text[:-1] for mark in rules["sentence_final"] + "?")
    return text[-1] not in rules["sentence_final"]


def text_to_blocks(text: str) -> list[Block]:
    """The text rendition, one block a non-empty line."""
    markers = tuple(_rules()["list_markers"])
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        marker = next((m for m in markers if stripped.startswith(m + " ")), None)
        if marker:
            blocks.append(Block("list_item", stripped[len(marker):].strip(), number))
        else:
            blocks.append(Block("heading" if is_heading(stripped) else "paragraph", stripped, number))
    return blocks


class _BlockParser(HTMLParser):
    """Collects the text of block-level elements; inline markup (a, b, span ...) stays inside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._kind = "paragraph"
        self._parts: list[str] = []
        self._line: int | None = None
        self._skipping = 0

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._parts)).strip()
        if text:
            self.blocks.append(Block(self._kind, text, self._line))
        self._parts, self._line, self._kind = [], None, "paragraph"

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag in _HEADING_TAGS:
                self._kind = "heading"
            elif tag == "li":
                self._kind = "list_item"

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if self._skipping:
            return
        if self._line is None and data.strip():
            self._line = self.getpos()[0]
        self._parts.append(data)

    def close(self):
        super().close()
        self._flush()


def html_to_blocks(html: str) -> list[Block]:
    """The HTML rendition's blocks, in document order."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


def article_doc_id(blocks: list[Block]) -> str:
    """Stable id from the article's characters (whitespace and width ignored), not its file.

    A list item counts as "- " and its text, as the text rendition writes it, so that the text and
    the HTML of the same article get the same id.
    """
    text = "".join(("- " if b.kind == "list_item" else "") + b.text for b in blocks)
    letters = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())
    return "article-" + hashlib.sha256(letters.encode()).hexdigest()[:12]
