"""An article's rendition -> ArticleReading: blocks -> sentences -> statements -> records.

The text and the HTML of the same article read to the same blocks, so to the same doc_id and the
same statements; when both are in raw_documents/ they become one document with two renditions.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import DocumentError
from ..records import Document, Flag, Rendition, SourceFile
from .blocks import article_doc_id, html_to_blocks, text_to_blocks
from .records import ArticleReading, Block
from .references import statements_to_references
from .sentences import blocks_to_sentences
from .statements import sentences_to_statements


def source_to_blocks(source: SourceFile) -> list[Block]:
    blocks = html_to_blocks(source.text or "") if source.format == "html" else text_to_blocks(source.text or "")
    if not any(b.kind != "heading" for b in blocks):
        raise DocumentError(source.name, "the article holds no paragraph or list item to read")
    return blocks


def _empty_headings(doc_id: str, blocks: list[Block]) -> list[Flag]:
    """Headings with no text under them (a page's buttons, or a heading over sub-headings)."""
    followers = blocks[1:] + [None]
    return [Flag("heading_without_text", f"'{b.text}' is read as a heading and has no text under it",
                 severity="info", doc_id=doc_id, field="section")
            for b, nxt in zip(blocks, followers) if b.kind == "heading" and (nxt is None or nxt.kind == "heading")]


def read_article(source: SourceFile) -> ArticleReading:
    """One rendition of an article -> its document, statements, regimens, criteria and references."""
    blocks = source_to_blocks(source)
    doc_id = article_doc_id(blocks)
    rendition = Rendition(source.name, source.format, source.sha256, source.encoding)
    document = Document(doc_id=doc_id, lang="zh", kind="article", format=source.format, sha256=source.sha256,
                        renditions=(rendition,))
    statements, regimens, criteria, flags = sentences_to_statements(doc_id, blocks_to_sentences(blocks))
    references, reference_flags = statements_to_references(statements)
    return ArticleReading(document, tuple(statements), tuple(regimens), tuple(criteria), tuple(references),
                          tuple(_empty_headings(doc_id, blocks) + flags + reference_flags))


def merge_article_renditions(readings: list[ArticleReading]) -> tuple[list[ArticleReading], list[Flag]]:
    """Readings of the same article (same doc_id) -> one, its document listing every rendition.

    The first reading (text before HTML, by file name) is kept; a rendition whose statements differ
    from it is flagged.
    """
    order = {"text": 0, "html": 1}
    merged: dict[str, ArticleReading] = {}
    flags = []
    for reading in sorted(readings, key=lambda r: (order.get(r.document.format, 2), r.document.renditions[0].file)):
        doc_id = reading.document.doc_id
        if doc_id not in merged:
            merged[doc_id] = reading
            continue
        kept = merged[doc_id]
        renditions = kept.document.renditions + reading.document.renditions
        formats = "+".join(dict.fromkeys(r.format for r in renditions))
        merged[doc_id] = replace(kept, document=replace(kept.document, renditions=renditions, format=formats))
        if [s.text for s in reading.statements] != [s.text for s in kept.statements]:
            flags.append(Flag("renditions_differ", f"{reading.document.renditions[0].file} reads to other "
                              f"statements than {kept.document.renditions[0].file}", doc_id=doc_id))
    return list(merged.values()), flags
