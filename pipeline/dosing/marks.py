"""A statement as written -> the text the grammar reads: the marks of a pasted table (a tab parts cells, a line break
after a bar rows), a footnote's mark dropped, a dash opening a line read as a bullet, square brackets holding a number
or a unit read as round ones, the language's normalizer, and a number cut from its unit by a table's bar joined again.
Every step keeps the text one character for one, or is mapped back by the alignment of read.py (_as_written)."""
from __future__ import annotations

import html
import re
from functools import cache

from ..compiled import regex
from ..lexicon import load
from ..normalize.fa import normalize_fa
from ..normalize.zh import normalize_zh
from .pack import pack
from .timing_spellings import unit_patterns
from .vocab import vocab


# a footnote's mark glued after a number, a unit or a word ("0.4 g/kg/d‡", "1–2 روز*", "5 d¹"): no part of the
# reading (not an exponent: "kg⁻¹", "m²", "10⁹"; nor "*" as a multiplication sign before a count)
_FOOTNOTE = re.compile(r"(?<=\S)[\u2020\u2021\u00a7]+|(?<=[^\s\d\u207bmM])[\u00b9\u00b2\u00b3\u2074-\u2079]+(?![\u2070-\u2079\d])"
                       r"|(?<=[^\s\d*\u00d7xX])\*+(?=\s|$|[|\u2016,;\u060c\u061b])")
# any of the marks: most texts hold none, and one scan for them in C spares the sub (its lookbehinds try every character)
_FOOTNOTE_MARK = re.compile("[\u2020\u2021\u00a7\u00b9\u00b2\u00b3\u2074-\u2079*]")
# what a statement copied from a web page carries: an HTML tag ("<p>", "<br/>", "<td class=x>"; not "<2 g/kg", a comparison)
# and a character reference ("&nbsp;", "&times;", "&#215;"), read as the character (html.unescape) and the tag as a space
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# an enclosed number ("丙球①1g/kg", "⑵ IVIG 2 g/kg", "⒈"): a note's or an item's mark, never an amount (NFKC would read "①"
# as 1 and glue it to the amount after it): a space
_ENCLOSED = re.compile("[\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")


# square and tortoise-shell brackets holding a number hold what round ones hold ("IVIG 2 g/kg [0.4 g/kg روزانه]",
# "2 g/kg〔每日0.4 g/kg〕"): read as round ones, one character for one (a citation's "[12]" stays a bracket, as "(12)"
# is); a label with no number ("[بزرگسالان] IVIG ...", "［儿童］") is left square, its words the next amount's
_SQUARE = re.compile("[\\[\uff3b\u3014][^\\]\uff3d\u3015\\[\uff3b\u3014]*\\d[^\\]\uff3d\u3015\\[\uff3b\u3014]*[\\]\uff3d\u3015]")


def _joined(text: str, lang: str) -> str:
    return _unit_cells(lang).sub(r"\g<n> ", text) if "|" in text else text


@cache
def _unit_cells(lang: str) -> re.Pattern:
    """A cell holding a number (or a range) alone, then a bar and a cell opening with a mass per kg (the pack's
    mass units and per-kg words): one amount cut in two by a table's column of units, joined again."""
    v = vocab(lang)
    labels = "|".join(load(f"lang/{lang}.yaml")["normalize"].get("unit_label") or ["(?!)"])
    return regex(r"(?:(?<=^)|(?<=[|\u2016:\uff1a]))(?P<n>\s*\d+(?:\.\d+)?(?:\s*[-\u2013~\uff5e]\s*\d+(?:\.\d+)?)?)\s*\|\s*"
                 rf"(?:(?:{labels})\s*[:\uff1a]\s*)?(?=(?:{v.mass})\s*(?:/|{v.per_kg})[^|\u2016\d]*(?:[|\u2016]|$))", re.I)


_PASTED = re.compile(r"\t|[|\uff5c][^\n]*\n")  # a tab, or a bar before a line break: a table's rows pasted


_DASH_BULLET = re.compile(r"(?m)^[ \t]*[-\u2013*][ \t]+(?=[^\d\s])")  # not "400\n- 500 mg/kg": a range broken
_LINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def _pasted_rows(text: str) -> str:
    """A spreadsheet's paste: a tab parts a row's cells, a line break its rows (the marks table_rows.py reads:
    " | " and " ‖ "), so a header row is paired with the rows under it."""
    return _LINES.sub(" \u2016 ", text.strip()).replace("\t", " | ")


def _normalize(text: str, lang: str) -> str:
    """The language's normalizer, after the marks of a web page (an HTML tag a space, a character reference the
    character) and of a pasted table: a tab parts a row's cells (read as a cell's bar; the normalizers would make it a
    space), a line break after a bar or a tab its rows, and a footnote's mark is dropped (an enclosed number a space); a
    dash opening a line is a bullet; square brackets holding a number read as round."""
    if "<" in text and _HTML_TAG.search(text):
        text = _HTML_TAG.sub(" ", text)
    if "&" in text and _HTML_REFERENCE.search(text):
        text = html.unescape(text)
    text = _pasted_rows(text) if _PASTED.search(text) else text
    if _FOOTNOTE_MARK.search(text):
        text = _FOOTNOTE.sub("", text)
    if _ENCLOSED.search(text):
        text = _ENCLOSED.sub(" ", text)
    if "\n" in text:  # "- القاء: ...\n- نگهدارنده: ...": a dash opening a line is a bullet (the packs end an item there)
        text = _DASH_BULLET.sub("\u2022 ", text)
    if _SQUARE.search(text):
        text = _SQUARE.sub(lambda m: "(" + m.group()[1:-1] + ")", text)
    text = normalize_zh(text) if lang == "zh" else normalize_fa(text)
    if "[" in text or "\uff3b" in text or "\u3014" in text or "\u3010" in text:
        text = _unit_square(lang).sub(lambda m: "(" + m.group()[1:-1] + ")", text)
    return text


@cache
def _unit_square(lang: str) -> re.Pattern:
    """Square (or lenticular) brackets holding a unit alone, as a form's field names it ("دوز IVIg [mg/kg]: ۴۰۰", "剂量[g/kg]：2",
    "间隔[周]：4", "IgG [g/L]: 8"): read as round ones, one character for one (a mass or volume unit of the pack,
    or a time unit, then up to three parts after a slash). Asked on the normalized text, where the pack's units
    are spelled as the pack spells them."""
    times = "|".join(u.pattern for u in unit_patterns(lang).values())
    unit = rf"(?:{pack(lang).unit}|{times})"
    other = "[^\\]\uff3d\u3015\u3011\\[\uff3b\u3014\u3010\\d/]"
    return regex(rf"[\[\uff3b\u3014\u3010]\s*{unit}(?:\s*/\s*{other}{{1,16}}){{0,3}}\s*[\]\uff3d\u3015\u3011]", re.I)
