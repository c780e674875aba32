"""The letter that carries a circular -> Letter: number, dates, recipients, signer, issuer, validity.

Works on the letter's lines in logical order, whatever the rendition. Labels may stand on either
side of their value ("پیوست: ندارد" comes out of right-to-left extraction as "ندارد پیوست:").
"""
from __future__ import annotations

import re

import jdatetime

from ..lexicon import load
from ..normalize.fa import normalize_fa
from ..records import Flag, Letter

_DATE = re.compile(r"(?<![\d/])(1[34]\d\d)/(\d{1,2})/(\d{1,2})(?![\d/])")
_LETTER_NUMBER = re.compile(r"[0-9]+(?:/[0-9\u0600-\u06ff]+)+|[0-9\u0600-\u06ff]+(?:/[0-9]+)+")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_URL = re.compile(r"https?://[^\s<>\"]+")
_REPLY = re.compile(r"عطف به نامه(?: شماره)?\s+(?P<number>\S+)\s+(?:مورخ|تاریخ|مورخه)\s+(?P<date>[\d/]+)"
                    r"\s*(?P<sender>.*?)(?:\s+با موضوع|،|$)")
_SALUTATION = "با سلام"
_TITLE_WORDS = ("محترم",)
_SIGNER_PREFIXES = ("دکتر", "مهندس")


def jalali_to_iso(date_jalali: str) -> str | None:
    """'1399/06/16' -> '2020-09-06'; None when it is not a real Jalali date."""
    match = _DATE.fullmatch(date_jalali)
    if not match:
        return None
    try:
        return jdatetime.date(*(int(g) for g in match.groups())).togregorian().isoformat()
    except ValueError:
        return None


def canonical_jalali(date_jalali: str) -> str:
    y, m, d = (int(g) for g in _DATE.fullmatch(date_jalali).groups())
    return f"{y:04d}/{m:02d}/{d:02d}"


def _label_value(line: str, label: str) -> str | None:
    """The value of 'label: value' (or 'value label:') on a line, without the label and colon."""
    if label not in line:
        return None
    value = line.replace(label, " ").replace(":", " ")
    return " ".join(value.split()) or None


def _issuer(text: str, url: str | None) -> dict | None:
    for issuer in load("issuers.yaml"):
        if url and any(host in url for host in issuer.get("hosts", [])):
            return issuer
        if any(name in text for name in issuer.get("names", [])):
            return issuer
    return None


def lines_to_letter(raw_lines: list[str], title: str | None) -> tuple[Letter, list[Flag]]:
    """The letter's raw lines (before the table) and the table's title -> Letter and its flags."""
    lines = [normalize_fa(line) for line in raw_lines]
    lines = [line for line in lines if line]
    flags: list[Flag] = []
    fields: dict = {"title": normalize_fa(title) if title else None}
    salutation = next((i for i, line in enumerate(lines) if line.startswith(_SALUTATION)), len(lines))
    head, body = lines[:salutation], lines[salutation:]

    recipients: list[str] = []
    for line in head:
        if (value := _label_value(line, "تاریخ")) and _DATE.search(value) and "date_jalali" not in fields:
            fields["date_jalali"] = canonical_jalali(_DATE.search(value).group(0))
        elif (value := _label_value(line, "شماره")) and "letter_number" not in fields:
            number = _LETTER_NUMBER.search(value)
            fields["letter_number"] = number.group(0) if number else value
        elif (value := _label_value(line, "پیوست")) is not None and "attachments" not in fields:
            fields["attachments"] = value
        elif _TIME.match(line):
            fields["time"] = line
        elif recipients and (recipients[-1].endswith("-") or not any(w in line for w in _TITLE_WORDS)):
            # a recipient's name wrapped onto the next line
            recipients[-1] += ("" if recipients[-1].endswith("-") else " ") + line
        elif any(word in line for word in _TITLE_WORDS):
            recipients.append(line)
    fields["recipients"] = tuple(" ".join(r.split()) for r in recipients)

    url_at = next((i for i, line in enumerate(body) if _URL.search(line)), None)
    text = " ".join(body)
    if url_at is not None:
        fields["url"] = _URL.search(body[url_at]).group(0)
        fields["body"] = " ".join(body[1:url_at]) or None
        signature = [line for line in body[url_at + 1:] if line != fields["title"]]
    else:
        fields["body"] = " ".join(body[1:]) or None
        signature = []
    if reply := _REPLY.search(text):
        fields["in_reply_to_number"] = reply.group("number")
        if _DATE.fullmatch(reply.group("date")):
            fields["in_reply_to_date_jalali"] = canonical_jalali(reply.group("date"))
        fields["in_reply_to_sender"] = reply.group("sender").strip() or None
    signer_at = next((i for i, line in enumerate(signature) if line.startswith(_SIGNER_PREFIXES)), None)
    if signer_at is not None:
        fields["signer"] = signature[signer_at]
        fields["department"] = " ".join(signature[:signer_at]) or None
        fields["signer_title"] = " ".join(signature[signer_at + 1:]) or None

    for key in ("date_jalali", "in_reply_to_date_jalali"):
        if fields.get(key):
            iso = jalali_to_iso(fields[key])
            fields[key.replace("jalali", "iso")] = iso
            if iso is None:
                flags.append(Flag("letter_bad_date", f"{key} {fields[key]} is not a Jalali date"))
    issuer = _issuer(" ".join(lines), fields.get("url"))
    if issuer:
        fields.update(issuer_code=issuer["code"], issuer_fa=issuer["name_fa"], issuer_en=issuer["name_en"])
        years = issuer.get("validity_years")
        if years and fields.get("date_jalali"):
            y, m, d = (int(g) for g in fields["date_jalali"].split("/"))
            until = f"{y + years:04d}/{m:02d}/{d:02d}"
            fields.update(validity_years=years, valid_until_jalali=until, valid_until_iso=jalali_to_iso(until))
    else:
        flags.append(Flag("letter_unknown_issuer", "no issuer of data/issuers.yaml is named in the letter"))
    for key, label in (("date_jalali", "date"), ("letter_number", "letter number")):
        if not fields.get(key):
            flags.append(Flag("letter_missing_field", f"the letter's {label} was not found"))
    return Letter(**fields), flags
