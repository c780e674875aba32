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
        ("status", "string", "kept, merged (into another row's indication) or rejected", False),
        ("needs_review", "bool", "True when a curator should look at the row", False),
        ("review_reasons", "list<string>", "Why the row needs review; empty when nothing is doubtful", False),
        ("repairs", "list<string>", "What the reader undid by rule (continuations, shifted cells, repeats)", False),
    ),
    "flags": _cols(
        ("doc_id", "string", "Document concerned"),
        ("row_id", "string", "Row concerned"),
        ("field", "string", "Field concerned"),
        ("code", "string", "Kind of problem (slug)", False),
        ("severity", "string", "review (a curator must look) or info (a repair made by rule)", False),
        ("message", "string", "What was found, in English", False),
    ),
    # Regimens and criteria are shared by the circular's and the article's grammars.
    "regimens": _cols(
        ("regimen_id", "string", "Stable id of the regimen", False),
        ("indication_id", "string", "Canonical indication the regimen is for (data/indications.yaml)"),
        ("doc_id", "string", "Document the regimen was read from", False),
        ("row_ids", "list<string>", "Source rows of the circular, or statement ids of an article, it was read from", False),
        ("source_field", "string", "Cell (dosing, conditions, recommendations) or 'statement' it was read from", False),
        ("dose_low_mg_per_kg", "float", "Lowest dose, mg per kg body weight (0.5 g/kg is 500)"),
        ("dose_high_mg_per_kg", "float", "Highest dose, mg per kg body weight (equal to the lowest for one value)"),
        ("dose_as_written", "string", "The dose's words as the source writes them"),
        ("dose_basis", "string", "per_dose, or total (a course total)"),
        ("course_days_low", "float", "Shortest course, days (months read at 30 days, flagged)"),
        ("course_days_high", "float", "Longest course, days"),
        ("every_low", "float", "Shortest interval between doses, in every_unit"),
        ("every_high", "float", "Longest interval between doses, in every_unit"),
        ("every_unit", "string", "Unit of the interval: h, d, wk, mo (FHIR Timing)"),
        ("doses_count_low", "float", "Fewest doses"),
        ("doses_count_high", "float", "Most doses"),
        ("infusion_hours_low", "float", "Shortest infusion time, hours"),
        ("infusion_hours_high", "float", "Longest infusion time, hours"),
        ("max_total_mg_per_kg", "float", "Largest total of a course, mg per kg"),
        ("phase", "string", "initial, maintenance, acute, chronic or repeat"),
        ("population", "string", "children, adults, neonates or pregnancy"),
        ("evidence", "string", "recommended, limited, not_routine or not_proven, as the source words it"),
        ("source_text", "string", "The words the regimen was read from", False),
        ("needs_review", "bool", "True when a curator should look at the regimen", False),
        ("review_reasons", "list<string>", "Why it needs review; empty when nothing is doubtful", False),
    ),
    "criteria": _cols(
        ("indication_id", "string", "Canonical indication the threshold belongs to"),
        ("doc_id", "string", "Document it was read from", False),
        ("row_ids", "list<string>", "Source rows or statement ids it was read from", False),
        ("analyte", "string", "What is measured: igg, platelets, pra, age, days_since_transplant ...", False),
        ("op", "string", "<, <=, >, >= or between", False),
        ("value_low", "float", "The limit (the lower one of a range), in unit"),
        ("value_high", "float", "The limit (the upper one of a range), in unit"),
        ("unit", "string", "Canonical unit: IgG mg/dL, age a, days d", False),
        ("kind", "string", "eligibility (who may receive it) or target (a level to keep)", False),
        ("source_text", "string", "The words it was read from", False),
        ("needs_review", "bool", "True when a curator should look at it", False),
        ("review_reasons", "list<string>", "Why it needs review", False),
    ),
    # The article's tables.
    "statements": _cols(
        ("statement_id", "string", "Stable id of the sentence (digest of its text)", False),
        ("doc_id", "string", "Document it belongs to", False),
        ("position", "int", "1-based reading order in the document", False),
        ("section", "string", "Heading it sits under, normalized"),
        ("block", "string", "paragraph or list_item", False),
        ("paragraph", "int", "Index of the block (paragraph or list item) it came from", False),
        ("line", "int", "Line of the rendition where its block starts"),
        ("text", "string", "The sentence, normalized (full-width forms folded, citation marks mended)", False),
        ("raw_text", "string", "The sentence as read", False),
        ("tokens", "list<string>", "jieba tokens, the domain's terms kept whole", False),
        ("kind", "string", "dose, threshold, policy, outcome, adverse_effect, reference or other", False),
        ("indication_id", "string", "Canonical indication it speaks of; null when none or ambiguous"),
        ("indication_candidates", "list<string>", "Every indication its aliases match, best first", False),
        ("citations", "list<int>", "Numbers of the references it cites ([n])", False),
        ("numbers", "list<float>", "Numbers it states, Chinese numerals read (四分之一 is 0.25)", False),
        ("needs_review", "bool", "True when a curator should look at it", False),
        ("review_reasons", "list<string>", "Why it needs review (a weak or ambiguous indication)", False),
        ("repairs", "list<string>", "What the reader mended by rule (citation marks)", False),
    ),
    "references": _cols(
        ("doc_id", "string", "Document whose reference list it is in", False),
        ("number", "int", "Place in the list: the n of the text's [n]", False),
        ("statement_id", "string", "The statement holding it", False),
        ("authors", "list<string>", "Authors as written (a body first when it signs)", False),
        ("et_al", "bool", "The list of authors is cut short (等, et al.)", False),
        ("title", "string", "Title"),
        ("venue", "string", "Journal, book or database"),
        ("year", "int", "Year of publication"),
        ("doi", "string", "DOI, without a doi: prefix"),
        ("url", "string", "Address as written"),
        ("text", "string", "The reference, normalized", False),
        ("needs_review", "bool", "True when a part could not be found", False),
        ("review_reasons", "list<string>", "Which parts could not be found", False),
    ),
}


def columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]
