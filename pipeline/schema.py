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
        ("pages", "list<int>", "Every page the row spans", False),
        ("lines", "list<int>", "Lines of the text rendition the row was read from", False),
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
        ("evidence", "string", "recommended, limited, not_routine or not_proven, from the row's wording"),
        ("status", "string", "kept, merged (into another row's indication) or rejected", False),
        ("needs_review", "bool", "True when a curator should look at the row", False),
        ("review_reasons", "list<string>", "Why the row needs review; empty when nothing is doubtful", False),
        ("repairs", "list<string>", "What the reader undid by rule (continuations, shifted cells, repeats)", False),
    ),
    "regimens": _cols(
        ("regimen_id", "string", "Stable id of the regimen (row, field and words it was read from)", False),
        ("indication_id", "string", "Canonical indication the regimen is for"),
        ("doc_id", "string", "Document the regimen was read from", False),
        ("row_ids", "list<string>", "Source rows (or article statements) that state this regimen", False),
        ("source_field", "string", "Cell it was read from: dosing, conditions, recommendations, statement", False),
        ("dose_low_mg_per_kg", "float", "Lowest amount, mg per kg of body weight"),
        ("dose_high_mg_per_kg", "float", "Highest amount, mg per kg of body weight"),
        ("dose_basis", "string", "per_dose (each administration, daily doses included) or total (a course "
                                 "total divided over days); empty when the words do not say"),
        ("dose_as_written", "string", "The amount as the source writes it"),
        ("course_days_low", "float", "Shortest course, days"),
        ("course_days_high", "float", "Longest course, days"),
        ("every_low", "float", "Shortest interval between administrations"),
        ("every_high", "float", "Longest interval between administrations"),
        ("every_unit", "string", "Unit of the interval: h, d, wk, mo (FHIR Timing units)"),
        ("doses_count_low", "float", "Fewest doses"),
        ("doses_count_high", "float", "Most doses"),
        ("infusion_hours_low", "float", "Shortest infusion time, hours"),
        ("infusion_hours_high", "float", "Longest infusion time, hours"),
        ("max_total_mg_per_kg", "float", "Cumulative cap, mg/kg (highest end when the cap is a range)"),
        ("max_total_low_mg_per_kg", "float", "Lowest end of a cumulative cap given as a range"),
        ("cycle_every_low", "float", "A multi-day course repeated: shortest interval between courses"),
        ("cycle_every_high", "float", "A multi-day course repeated: longest interval between courses"),
        ("cycle_every_unit", "string", "Unit of the interval between courses (d, wk, mo)"),
        ("duration_low", "float", "How long the treatment goes on, shortest"),
        ("duration_high", "float", "How long the treatment goes on, longest"),
        ("duration_unit", "string", "Unit of the treatment's duration"),
        ("schedule_days", "list<int>", "Days on which doses are given ('on day 28 and 42')", False),
        ("typical_low_mg_per_kg", "float", "Typical amount stated beside a wider range, lowest"),
        ("typical_high_mg_per_kg", "float", "Typical amount stated beside a wider range, highest"),
        ("phase", "string", "initial, maintenance, acute, chronic or repeat, where the words say so"),
        ("population", "string", "children, adults, neonates or pregnancy, where the words say so"),
        ("evidence", "string", "recommended, limited, not_routine or not_proven (the row's wording)"),
        ("source_text", "string", "The words the regimen was read from", False),
        ("span_start", "int", "Where those words start in the normalized cell text"),
        ("span_end", "int", "Where those words end in the normalized cell text"),
        ("notes", "list<string>", "Readings worth knowing that are not doubts (typical dose, preferred days, cap)",
         False),
        ("needs_review", "bool", "True when a curator should look at the regimen", False),
        ("review_reasons", "list<string>", "Why: implausible value, unreadable number, ambiguous basis ...", False),
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
