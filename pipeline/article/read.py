"""An article's rendition -> Document (its statements come in a later stage)."""
from __future__ import annotations

import hashlib
import unicodedata

from ..records import Document, Rendition, SourceFile


def article_doc_id(text: str) -> str:
    """Stable id from the article's characters (whitespace and width ignored), not its file."""
    letters = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())
    return "article-" + hashlib.sha256(letters.encode()).hexdigest()[:12]


def read_article(source: SourceFile) -> Document:
    rendition = Rendition(source.name, source.format, source.sha256, source.encoding)
    return Document(doc_id=article_doc_id(source.text or ""), lang="zh", kind="article", format=source.format,
                    sha256=source.sha256, renditions=(rendition,))
