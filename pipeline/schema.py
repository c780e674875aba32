"""The curated tables' columns, types and English descriptions: one place for export, API and docs.

Column names here are a contract read by apps and acceptance checks: add columns, never rename.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string", "int", "float", "bool", "list<string>", "list<int>"
    description: str
    nullable: bool = True


def _cols(*specs: tuple) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("doc_id", "string", "Stable id of the document, derived from what it is (issuer, date, letter number)", False),
        ("lang", "string", "Language: fa (Persian) or zh (Chinese)", False),
        ("kind", "string", "circular or article", False),
        ("format", "string", "Formats of its renditions, joined by '+' (text, pdf, html)", False),
        ("sha256", "string", "SHA-256 of the primary rendition's bytes", False),
        ("renditions", "list<string>", "Files that carry this document", False),
        ("rendition_sha256", "list<string>", "SHA-256 of each rendition, in the order of renditions", False),
        ("encodings", "list<string>", "How each text rendition was decoded (utf-8, utf-8-sig, cp1256)", False),
        ("title", "string", "Title of the document (the table's form title for a circular)"),
        ("date_jalali", "string", "Date of the letter, Jalali calendar (YYYY/MM/DD)"),
        ("date_iso", "string", "Date of the letter, Gregorian (ISO 8601)"),
        ("letter_number", "string", "The letter's number as printed"),
        ("letter_time", "string", "Time printed on the letter (HH:MM)"),
        ("attachments", "string", "The letter's attachments field as printed"),
        ("issuer_code", "string", "Short code of the issuing body (data/issuers.yaml)"),
        ("issuer_fa", "string", "Issuing body, in Persian"),
        ("issuer_en", "string", "Issuing body, in English"),
        ("in_reply_to_number", "string", "Number of the letter this one answers"),
        ("in_reply_to_date_jalali", "string", "Date of the letter this one answers, Jalali"),
        ("in_reply_to_date_iso", "string", "Date of the letter this one answers, Gregorian"),
        ("in_reply_to_sender", "string", "Sender of the letter this one answers"),
        ("recipients", "list<string>", "Addressees of the letter", False),
        ("url", "string", "Address the letter points to"),
        ("signer", "string", "Who signed the letter"),
        ("signer_title", "string", "The signer's title"),
        ("department", "string", "Unit named above the signature"),
        ("body", "string", "The letter's body text, normalized"),
        ("validity_years", "int", "Years the guideline is valid from its date (issuer's rule)"),
        ("valid_from_iso", "string", "First day of validity (the letter's date), Gregorian"),
        ("valid_until_jalali", "string", "Last day of validity, Jalali"),
        ("valid_until_iso", "string", "Last day of validity, Gregorian"),
        ("drug", "string", "Drug the table is about (carried by the table's first row)"),
        ("service_type", "string", "Type of service (carried by the table's first row)"),
        ("prescribers", "list<string>", "Who may prescribe (carried by the table's first row)", False),
        ("setting", "string", "Where the service is given (carried by the table's first row)"),
        ("notes", "list<string>", "General prescribing considerations after the table, normalized", False),
        ("notes_raw", "list<string>", "The same considerations as read", False),
    ),
    "source_rows": _cols(
        ("doc_id", "string", "Document the row belongs to", False),
        ("row_id", "string", "Stable id of the row (digest of its indication's letters)", False),
        ("row_number", "int", "1-based position of the row in the table's reading order", False),
        ("page", "int", "Page on which the row starts (the letter is page 1)"),
        ("pages", "list<int>", "Every page the row spans (in the first rendition: the text's, else the PDF's)", False),
        ("lines", "list<int>", "Lines of the text rendition the row was read from (empty without a text)", False),
        ("indication_text", "string", "Indication cell, normalized"),
        ("contraindication_text", "string", "Contraindication cell, normalized"),
        ("dosing_text", "string", "Dosing and frequency cell (تواتر خدمت), normalized"),
        ("conditions_text", "string", "Prescribing conditions cell (شرایط تجویز), normalized"),
        ("recommendations_text", "string", "Recommendations cell (توصیه ها), normalized"),
        ("unplaced_text", "string", "Text that stood outside every column (flagged)"),
        ("text", "string", "The whole row, normalized, cells joined by ' | '", False),
        ("raw_text", "string", "The row's source lines as read, cells separated by tabs", False),
        ("raw_indication", "string", "Indication cell as read"),
        ("raw_contraindication", "string", "Contraindication cell as read"),
        ("raw_dosing", "string", "Dosing cell as read"),
        ("raw_conditions", "string", "Conditions cell as read"),
        ("raw_recommendations", "string", "Recommendations cell as read"),
        ("indication_id", "string", "Canonical indication the row states"),
        ("status", "string", "kept, merged (into another row's indication) or rejected", False),
        ("needs_review", "bool", "True when a curator should look at the row", False),
        ("review_reasons", "list<string>", "Why the row needs review; empty when nothing is doubtful", False),
        ("repairs", "list<string>", "What the reader undid by rule (continuations, shifted cells, repeats)", False),
        ("renditions", "list<string>", "Files the row was read from (its text and PDF renditions)", False),
        ("pdf_pages", "list<int>", "Pages of the PDF rendition the row stands on (empty without a PDF)", False),
    ),
    "flags": _cols(
        ("doc_id", "string", "Document concerned"),
        ("row_id", "string", "Row concerned"),
        ("field", "string", "Field concerned"),
        ("code", "string", "Kind of problem (slug)", False),
        ("severity", "string", "review (a curator must look) or info (a repair made by rule)", False),
        ("message", "string", "What was found, in English", False),
    ),
}


def columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]
