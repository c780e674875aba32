"""A source file -> the kind of document it is, and the reader of that kind.

Recognised by what the text is, never by its name or issuer (marks in data/document_kinds.yaml):
- a prescription table (circular): a PDF, or Persian text with a header line naming its columns
  (data/circular_layout.yaml). Persian lines of tab-separated cells under no known header are a
  table no rule knows: refused with the cells of its first line and the file to extend;
- a Chinese package insert (说明书): bracketed section headings (【适应症】, 【用法用量】 ...);
- a Chinese guideline whose numbered items name indications by their leads ("1. 川崎病:..."): read as
  an insert is (kind guideline);
- a Chinese article: other Chinese text;
- a Persian guideline or formulary text: Persian paragraphs without a table.
A statement-kind file none of whose sentences names IVIg, an indication or a dose is refused, the
kinds looked for in the message.
"""
from __future__ import annotations

from .article.read import read_article
from .article.records import ArticleReading
from .circular.layout import is_header
from .errors import DocumentError
from .ingest import script_of
from .lexicon import load
from .records import SourceFile
from .statements.insert_zh import is_package_insert, names_indications_in_items, read_package_insert
from .statements.prose_fa import read_prose_guideline
from .statements.read import speaks_of_ivig_use

KINDS_LOOKED_FOR = (
    "a prescription table (a line of tab-separated cells naming at least 3 columns of "
    "pipeline/data/circular_layout.yaml), a Persian guideline or formulary text, a Chinese package insert "
    "(bracketed sections of pipeline/data/document_kinds.yaml such as {sections}), a Chinese article or "
    "guideline, each with a sentence naming IVIg, an indication of pipeline/data/indications.yaml or a dose")


def kinds_looked_for() -> str:
    """What the build looks for in a file, the insert's section names taken from the data."""
    sections = load("document_kinds.yaml")["package_insert_zh"]["sections"]
    return KINDS_LOOKED_FOR.format(sections="/".join(sections[:6]))


def kind_of(source: SourceFile) -> str:
    """circular, package_insert, article, guideline (Persian prose) or guideline_zh (a Chinese guideline
    whose numbered items name indications, read as an insert is); DocumentError when none can be told."""
    if source.format == "pdf":
        return "circular"
    text = source.text or ""
    lang = script_of(text)
    if lang == "zh":
        if is_package_insert(text):
            return "package_insert"
        return "guideline_zh" if names_indications_in_items(text) else "article"
    if lang == "fa":
        return "circular" if _has_table_header(text) else _prose_or_unknown_table(source)
    raise DocumentError(source.name, f"neither Persian nor Chinese text: no known kind of document. "
                                     f"Looked for {kinds_looked_for()}")


def _cells(text: str) -> list[tuple[str, ...]]:
    return [tuple(c.strip() for c in line.split("\t")) for line in text.splitlines() if "\t" in line]


def _has_table_header(text: str) -> bool:
    return any(is_header(cells) for cells in _cells(text))


def _prose_or_unknown_table(source: SourceFile) -> str:
    """Persian text without a known header: prose, unless it holds a table (then its header is unknown)."""
    rules = load("document_kinds.yaml")
    wide = [c for c in _cells(source.text or "") if sum(1 for x in c if x) >= rules["table_min_cells"]]
    if len(wide) >= rules["table_min_lines"]:
        header = [x for x in wide[0] if x]
        raise DocumentError(source.name, f"a table whose header names no known column: its first line reads "
                                         f"{header}; add the words that name each column to the header: section "
                                         f"of pipeline/data/circular_layout.yaml")
    return "guideline"


def read_statements(source: SourceFile, kind: str) -> ArticleReading:
    """A statement-kind document (article, package insert, guideline) -> its reading, or refused
    when nothing in it speaks of IVIg use."""
    reader = {"article": read_article, "package_insert": read_package_insert, "guideline": read_prose_guideline,
              "guideline_zh": lambda src: read_package_insert(src, "guideline")}
    reading = reader[kind](source)
    if not speaks_of_ivig_use(reading):
        table = "no prescription table found and " if reading.document.lang == "fa" else ""
        raise DocumentError(source.name, f"no known kind of document: {table}no sentence names IVIg, an "
                                         f"indication or a dose (read as a {reading.document.kind.replace('_', ' ')}). "
                                         f"Looked for "
                                         f"{kinds_looked_for()}")
    return reading
