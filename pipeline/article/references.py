"""Reference statements -> References: authors, title, venue, year, DOI and URL.

The article's list mixes styles, translated into Chinese: Vancouver (Khaddour K, Hana CK. 标题。),
MLA with a quoted title (Raanani, Pia 等。“标题。”《期刊》), APA (作者 (2025)。标题。) and a
semicolon-separated list of translated names. The title is found first (quoted; after an APA
year; else the part after the authors up to the next full stop or question mark), and the authors
are what stands before it, when it reads as names. DOI, URL and year are read from anywhere;
the year is the last one outside the DOI and URL. Whatever cannot be found is left null and
flagged for a curator.
"""
from __future__ import annotations

import re
from functools import cache

from ..lexicon import load
from ..records import Flag, Reason
from .records import Reference, Statement

_DOI = re.compile(r"(?:doi:\s*)?(10\.\d{4,9}/[^\s,;。，“”\"]+)", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)[^\s,;。“”\"]+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_QUOTED = re.compile(r"“([^”]+)”")
_APA_YEAR = re.compile(r"\(((?:19|20)\d{2})\)\s*[。.]")
# The end of the author block: a full stop before a space or a character, or 。
_AUTHORS_END = re.compile(r"。|\.(?=\s|[\u3400-\u9fff])")
_TITLE_END = re.compile(r"[。?!]|\.(?=\s|$)")
_VANCOUVER = re.compile(r"^[A-Z][\w'-]+(?: [A-Z][\w'-]+)* [A-Z]{1,3}$")
_NOT_A_NAME = re.compile(r"[()\[\]《》“”]|——")


def _rules() -> dict:
    return load("article_zh.yaml")["references"]


@cache
def _venue_end() -> re.Pattern:
    """Where a venue's name ends: a comma or full stop, a volume word ("第"), a volume number."""
    words = "|".join(map(re.escape, _rules()["venue_end_words"]))
    return re.compile(rf"[,。]|{words}|\s\d+\s*\(|\s\d+,")


@cache
def _name_split() -> re.Pattern:
    return re.compile("|".join(map(re.escape, _rules()["name_separators"])))


def _split_authors(part: str) -> tuple[list[str], bool]:
    """The author block -> (names, et al.)."""
    part = part.strip(" ,;。")
    et_al = False
    for mark in sorted(_rules()["et_al"], key=len, reverse=True):
        if part.endswith(mark):
            part, et_al = part[:-len(mark)].strip(" ,;。"), True
            break
    if ";" in part:
        names = part.split(";")
    elif _name_split().search(part):
        names = [n for piece in _name_split().split(part)
                 for n in re.split(r"(?<=[\u3400-\u9fff]),(?=\s*[A-Za-z])", piece)]
    elif all(_VANCOUVER.match(n.strip()) for n in part.split(",")):
        names = part.split(",")
    else:
        names = [part]  # "Raanani, Pia": one surname, given name
    # A trailing affiliation mark ("Soykan1", "亚金 2") is not part of the name; an initial keeps its stop.
    names = [re.sub(r"(?<![A-Z])\.$", "", re.sub(r"\s*\d+$", "", n).strip(" ,")) for n in names]
    return [n for n in names if n], et_al


def _reads_as_names(part: str) -> bool:
    return bool(part.strip()) and not _NOT_A_NAME.search(part) and \
        all(len(n.strip()) <= 40 for n in re.split(r"[;,、]", part))


def _title_and_authors(text: str) -> tuple[str | None, str, str]:
    """(title, the author block, what follows the title)."""
    quoted = _QUOTED.search(text)
    if quoted:
        return quoted.group(1).strip(" 。."), text[:quoted.start()], text[quoted.end():]
    apa = _APA_YEAR.search(text)
    if apa:
        start, authors = apa.end(), text[:apa.start()]
    else:
        end = _AUTHORS_END.search(text)
        authors = text[:end.start()] if end else ""
        start = end.end() if end and _reads_as_names(authors) else 0
        authors = authors if start else ""
    rest = text[start:].lstrip()
    stop = _TITLE_END.search(rest)
    title = rest[:stop.end() if stop and stop.group() in "?!" else (stop.start() if stop else len(rest))]
    return title.strip() or None, authors, rest[len(title):]


def _venue(text: str, after: str) -> str | None:
    opening, closing = _rules()["venue_brackets"]
    bracketed = re.search(f"{opening}([^{closing}]+){closing}", after)
    if bracketed:
        return bracketed.group(1).strip()
    for mark in _rules()["source_marks"]:
        if mark in text:
            return text.split(mark, 1)[1].split("。", 1)[0].strip() or None
    after = _URL.sub("", _DOI.sub("", after)).lstrip(" 。.,:")
    end = _venue_end().search(after)
    venue = after[:end.start() if end else len(after)].strip()
    return venue or None


def statement_to_reference(statement: Statement, number: int) -> Reference:
    """One reference list item -> its parts; review_reasons say what could not be found."""
    text = statement.text
    doi = _DOI.search(text)
    doi_value = doi.group(1).rstrip(".") if doi else None
    url = next((u.group().rstrip(".#") for u in _URL.finditer(text)), None)
    years = _YEAR.findall(_URL.sub("", _DOI.sub("", text)))
    title, author_block, after = _title_and_authors(text)
    authors, et_al = _split_authors(author_block) if _reads_as_names(author_block) else ([], False)
    reasons = [Reason("reference_incomplete", f"no {what} found") for what, value in
               (("authors", authors), ("title", title), ("year", years), ("DOI or URL", doi_value or url))
               if not value]
    return Reference(doc_id=statement.doc_id, number=number, statement_id=statement.statement_id, text=text,
                     authors=tuple(authors), et_al=et_al, title=title, venue=_venue(text, after),
                     year=int(years[-1]) if years else None, doi=doi_value, url=url, review_reasons=tuple(reasons))


def statements_to_references(statements: list[Statement]) -> tuple[list[Reference], list[Flag]]:
    """The reference list, numbered in order (the n of the text's [n])."""
    refs = [statement_to_reference(s, n) for n, s in
            enumerate((s for s in statements if s.kind == "reference"), start=1)]
    flags = [Flag(r.code, r.message, doc_id=ref.doc_id, row_id=ref.statement_id, field="references")
             for ref in refs for r in ref.review_reasons]
    return refs, flags
