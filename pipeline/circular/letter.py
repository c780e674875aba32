"""The letter that carries a circular -> Letter: number, dates, recipients, signer, issuer, validity.

Works on the letter's lines in logical order, whatever the rendition. Labels may stand on either
side of their value ("پیوست: ندارد" comes out of right-to-left extraction as "ندارد پیوست:").
"""
from __future__ import annotations

import re
from functools import cache

import jdatetime

from ..lexicon import load
from ..normalize.fa import normalize_fa
from ..records import Flag, Letter

_DATE = re.compile(r"(?<![\d/])(1[34]\d\d)/(\d{1,2})/(\d{1,2})(?![\d/])")
_LETTER_NUMBER = re.compile(r"[0-9]+(?:/[0-9\u0600-\u06ff]+)+|[0-9\u0600-\u06ff]+(?:/[0-9]+)+")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_URL = re.compile(r"https?://[^\s<>\"]+")


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


def _rules() -> dict:
    return load("letter_fa.yaml")


@cache
def _reply() -> re.Pattern:
    """"عطف به نامه شماره X مورخ D ...": the letter this one answers (data/letter_fa.yaml reply)."""
    return re.compile(_rules()["reply"])


def _label_value(line: str, label: str) -> str | None:
    """The value of 'label: value' (or 'value label:') on a line, without the label and colon."""
    if label not in line:
        return None
    value = line.replace(label, " ").replace(":", " ")
    return " ".join(value.split()) or None


def _labelled(line: str, field: str) -> str | None:
    return next((v for label in _rules()["labels"][field] if (v := _label_value(line, label)) is not None), None)


def _alt(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def written_date(text: str) -> str | None:
    """A Jalali date as digits ("1401/11/3") or in words ("3 بهمن 1401") -> "1401/11/03"; else None."""
    if m := _DATE.search(text):
        return canonical_jalali(m.group(0))
    months = _rules()["months"]
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day, month = (_alt(_rules()[key]) for key in ("day_suffixes", "month_words"))
    if m := re.search(rf"(?<!\d)(\d{{1,2}})\s*(?:{day})?\s+({names})\s*(?:{month})?\s+(1[34]\d\d)(?!\d)", text):
        return f"{int(m.group(3)):04d}/{months[m.group(2)]:02d}/{int(m.group(1)):02d}"
    return None


def _issuer(text: str, url: str | None) -> dict | None:
    for issuer in load("issuers.yaml"):
        if url and any(host in url for host in issuer.get("hosts", [])):
            return issuer
        if any(normalize_fa(name) in text for name in issuer.get("names", [])):
            return issuer
    return None


def _letter_number(value: str) -> str:
    """The number in a "شماره" value, other labels and dates on the line left out. Normalization reads
    a two-part number ("456/7890") as a decimal; a letter number never is one, so the slash is put back."""
    other_labels = [w for field in ("date", "attachments") for w in _rules()["labels"][field]]
    value = _DATE.sub(" ", value)
    for label in other_labels:
        value = value.replace(label, " ")
    value = re.sub(r"(?<=\d)\.(?=\d)", "/", value)
    number = _LETTER_NUMBER.search(value) or re.search(r"\S*\d\S*", value)  # else the word with digits
    return number.group(0) if number else " ".join(value.split())


def _head_fields(line: str, fields: dict) -> bool:
    """Read the fields (date, number, attachments, time) a line of the head holds, several on one line
    ("شماره: ... تاریخ: ..."); False when it holds none."""
    found = False
    if "date_jalali" not in fields and (value := _labelled(line, "date")) and (date := written_date(value)):
        fields["date_jalali"], found = date, True
    if "letter_number" not in fields and (value := _labelled(line, "number")):
        fields["letter_number"], found = _letter_number(value), True
    if "attachments" not in fields and (value := _labelled(line, "attachments")) is not None:
        fields["attachments"], found = value, True
    if "subject" not in fields and (value := _labelled(line, "subject")):
        fields["subject"], found = value, True
    if _TIME.match(line):
        fields["time"], found = line, True
    return found


def _head(head: list[str], fields: dict) -> None:
    """The head: number, date, attachments, time and the recipients (a name may wrap onto the next line)."""
    titles = _rules()["recipient_words"]
    recipients: list[str] = []
    fields["header_lines"] = []
    for line in head:
        if _head_fields(line, fields):
            continue
        if not recipients and not any(w in line for w in titles) and not fields.keys() & {"letter_number",
                                                                                            "date_jalali"}:
            fields["header_lines"].append(line)  # above the number and date: who writes
            continue
        if recipients and (recipients[-1].endswith("-") or not any(w in line for w in titles)):
            recipients[-1] += ("" if recipients[-1].endswith("-") else " ") + line
        elif any(word in line for word in titles):
            recipients.append(line)
    fields["recipients"] = tuple(" ".join(r.split()) for r in recipients)


def _body(body: list[str], fields: dict) -> list[str]:
    """The body up to the link it gives (if any), what it answers; returns the signature's lines."""
    url_at = next((i for i, line in enumerate(body) if _URL.search(line)), None)
    if url_at is not None:
        fields["url"] = _URL.search(body[url_at]).group(0)
        fields["body"] = " ".join(body[1:url_at]) or None
        signature = [line for line in body[url_at + 1:] if line != fields["title"]]
    else:  # no link: the signature starts at the signer's line, if the body ends with one
        prefixes = tuple(_rules()["signer_prefixes"])
        signer_at = next((i for i in range(len(body) - 1, 0, -1) if body[i].startswith(prefixes)), len(body))
        fields["body"] = " ".join(body[1:signer_at]) or None
        signature = body[signer_at:]
    if reply := _reply().search(" ".join(body)):
        fields["in_reply_to_number"] = reply.group("number")
        if _DATE.fullmatch(reply.group("date")):
            fields["in_reply_to_date_jalali"] = canonical_jalali(reply.group("date"))
        fields["in_reply_to_sender"] = reply.group("sender").strip() or None
    return signature


def _signature(signature: list[str], fields: dict) -> None:
    signer_at = next((i for i, line in enumerate(signature) if line.startswith(tuple(_rules()["signer_prefixes"]))),
                     None)
    if signer_at is not None:
        fields["signer"] = signature[signer_at]
        fields["department"] = " ".join(signature[:signer_at]) or None
        fields["signer_title"] = " ".join(signature[signer_at + 1:]) or None


def _dates(fields: dict) -> list[Flag]:
    flags = []
    for key in ("date_jalali", "in_reply_to_date_jalali"):
        if fields.get(key):
            iso = jalali_to_iso(fields[key])
            fields[key.replace("jalali", "iso")] = iso
            if iso is None:
                flags.append(Flag("letter_bad_date", f"{key} {fields[key]} is not a Jalali date"))
    return flags


def _issuer_fields(lines: list[str], fields: dict) -> list[Flag]:
    """Who issued the letter (data/issuers.yaml) and how long it is valid; a flag when no issuer is known."""
    issuer = _issuer(" ".join(lines), fields.get("url"))
    header = [x for x in fields.pop("header_lines", []) if x not in {normalize_fa(w) for w in _rules()["invocations"]}]
    if not issuer:
        if header:  # the issuer's own name lines, kept as written though no data names them
            fields["issuer_fa"] = header[0]
            fields["department"] = fields.get("department") or " ".join(header[1:]) or None
        return [Flag("unknown_issuer", "no issuer of data/issuers.yaml is named in the letter; the document's "
                                       "id is made from its letter number and date")]
    fields.update(issuer_code=issuer["code"], issuer_fa=issuer["name_fa"], issuer_en=issuer["name_en"])
    years = issuer.get("validity_years")
    if years and fields.get("date_jalali"):
        y, m, d = (int(g) for g in fields["date_jalali"].split("/"))
        until = f"{y + years:04d}/{m:02d}/{d:02d}"
        fields.update(validity_years=years, valid_until_jalali=until, valid_until_iso=jalali_to_iso(until))
    return []


def lines_to_letter(raw_lines: list[str], title: str | None) -> tuple[Letter, list[Flag]]:
    """The letter's raw lines (before the table) and the table's title -> Letter and its flags."""
    lines = [line for line in (normalize_fa(raw) for raw in raw_lines) if line]
    fields: dict = {"title": normalize_fa(title) if title else None}
    salutations = tuple(_rules()["salutation"])
    salutation = next((i for i, line in enumerate(lines) if line.startswith(salutations)), len(lines))
    _head(lines[:salutation], fields)
    _signature(_body(lines[salutation:], fields), fields)
    flags = _dates(fields) + _issuer_fields(lines, fields)
    for key, label in (("date_jalali", "date"), ("letter_number", "letter number")):
        if not fields.get(key):
            flags.append(Flag("letter_missing_field", f"the letter's {label} was not found"))
    return Letter(**fields), flags
