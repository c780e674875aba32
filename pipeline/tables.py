"""Records -> rows of the curated tables (plain dicts in the schema's columns, English labels)."""
from __future__ import annotations

from .circular.read import split_prescribers
from .corrections import Outcome
from .records import ROW_COLUMNS, CanonicalIndication, Criterion, Document, Flag, Regimen, SourceRow
from .schema import columns

def document_row(doc: Document) -> dict:
    letter = doc.letter
    return {
        "doc_id": doc.doc_id, "lang": doc.lang, "kind": doc.kind, "format": doc.format, "sha256": doc.sha256,
        "renditions": [r.file for r in doc.renditions],
        "rendition_sha256": [r.sha256 for r in doc.renditions],
        "encodings": [r.encoding or r.format for r in doc.renditions],
        "title": letter.title, "date_jalali": letter.date_jalali, "date_iso": letter.date_iso,
        "letter_number": letter.letter_number, "letter_time": letter.time, "attachments": letter.attachments,
        "issuer_code": letter.issuer_code, "issuer_fa": letter.issuer_fa, "issuer_en": letter.issuer_en,
        "in_reply_to_number": letter.in_reply_to_number,
        "in_reply_to_date_jalali": letter.in_reply_to_date_jalali,
        "in_reply_to_date_iso": letter.in_reply_to_date_iso, "in_reply_to_sender": letter.in_reply_to_sender,
        "recipients": list(letter.recipients), "subject": letter.subject, "url": letter.url, "signer": letter.signer,
        "signer_title": letter.signer_title, "department": letter.department, "body": letter.body,
        "validity_years": letter.validity_years, "valid_from_iso": letter.date_iso,
        "valid_until_jalali": letter.valid_until_jalali, "valid_until_iso": letter.valid_until_iso,
        "drug": doc.shared.get("drug"), "service_type": doc.shared.get("service"),
        "prescribers": split_prescribers(doc.shared.get("prescribers", "")), "setting": doc.shared.get("setting"),
        "notes": list(doc.notes), "notes_raw": list(doc.notes_raw),
    }


def source_row(row: SourceRow) -> dict:
    out = {
        "doc_id": row.doc_id, "row_id": row.row_id, "row_number": row.row_number, "page": row.page,
        "pages": list(row.pages), "lines": list(row.lines), "text": row.text, "raw_text": row.raw_text,
        "unplaced_text": row.cell("unplaced") or None,
        "indication_id": row.indication_id, "status": row.status,
        "needs_review": bool(row.review_reasons), **review_columns(row.review_reasons),
        "repairs": list(row.repairs), "evidence": row.evidence, "matched_by": row.matched_by,
        "merged_into": row.merged_into, **_curation(row),
        "renditions": list(row.renditions), "pdf_pages": list(row.pdf_pages),
        "pdf_bbox_pages": [page for page, _ in row.pdf_boxes], "pdf_bbox": [v for _, box in row.pdf_boxes for v in box],
    }
    for column in ROW_COLUMNS:
        out[f"{column}_text"] = row.cell(column) or None
        out[f"raw_{column}"] = row.raw_cells.get(column) or None
    return out


def flag_row(flag: Flag) -> dict:
    return {"doc_id": flag.doc_id, "row_id": flag.row_id, "field": flag.field, "code": flag.code,
            "severity": flag.severity, "message": flag.message, "table": flag.table,
            "target": flag.target or flag.row_id or flag.doc_id}


def regimen_row(regimen: Regimen) -> dict:
    out = {name: getattr(regimen, name) for name in (
        "regimen_id", "indication_id", "doc_id", "source_field", "dose_low_mg_per_kg", "dose_high_mg_per_kg",
        "dose_basis", "dose_as_written", "dose_low", "dose_high", "dose_unit", "frequency", "repeat_after_low",
        "repeat_after_high", "repeat_after_unit", "condition",
        "course_days_low", "course_days_high", "every_low", "every_high",
        "every_unit", "doses_count_low", "doses_count_high", "infusion_hours_low", "infusion_hours_high",
        "max_total_mg_per_kg", "max_total_low_mg_per_kg", "max_dose", "max_dose_unit", "cycle_every_low", "cycle_every_high",
        "cycle_every_unit", "duration_low", "duration_high", "duration_unit", "typical_low_mg_per_kg",
        "typical_high_mg_per_kg", "phase", "population", "evidence", "source_text")}
    out.update(row_ids=list(regimen.row_ids), schedule_days=list(regimen.schedule_days),
               conflicts_with=list(regimen.conflicts_with), **_curation(regimen),
               span_start=regimen.span[0] if regimen.span else None,
               span_end=regimen.span[1] if regimen.span else None, notes=list(regimen.notes),
               needs_review=regimen.needs_review, **review_columns(regimen.review_reasons))
    return out


def indication_row(ind: CanonicalIndication) -> dict:
    out = {name: getattr(ind, name) for name in (
        "indication_id", "name_fa", "name_en", "icd10", "icd10_title", "category", "evidence", "regimen_count",
        "criteria_count", "conflict_count", "in_lexicon")}
    out.update(aliases=list(ind.aliases), row_ids=list(ind.row_ids), doc_ids=list(ind.doc_ids),
               needs_review=ind.needs_review, **review_columns(ind.review_reasons))
    return out


def criterion_row(c: Criterion) -> dict:
    return {"criterion_id": c.criterion_id, **_curation(c),
            "indication_id": c.indication_id, "doc_id": c.doc_id, "row_ids": list(c.row_ids), "analyte": c.analyte,
            "op": c.op, "value_low": c.value_low, "value_high": c.value_high, "unit": c.unit, "kind": c.kind,
            "source_text": c.source_text, "source_field": c.source_field,
            "span_start": c.span[0] if c.span else None, "span_end": c.span[1] if c.span else None,
            "needs_review": bool(c.review_reasons), **review_columns(c.review_reasons)}


def review_columns(reasons) -> dict:
    """Typed reasons -> the tables' review_reasons (their text, the contract) and review_codes."""
    return {"review_reasons": [r.text for r in reasons], "review_codes": [r.code for r in reasons]}


def _curation(item) -> dict:
    return {"curated_by": item.curated_by, "corrections": list(item.corrections),
            "reviewed_reasons": list(item.reviewed_reasons)}


def outcome_row(o: Outcome) -> dict:
    return {"correction_id": o.correction_id, "table": o.table or None, "target": o.target or None,
            "status": o.status, "message": o.message, "by": o.by, "reason": o.reason}


def _reason_flags(items, table: str, id_of, row_of, prefix: str = "") -> list[Flag]:
    return [Flag(r.code, r.message, doc_id=x.doc_id, row_id=row_of(x), table=table, target=id_of(x))
            for x in items for r in x.review_reasons if r.code.startswith(prefix)]


def review_flags(kb) -> list[Flag]:
    """Everything reconciliation, the grammars and the curator's ledger leave for review, as flags."""
    return (_reason_flags(kb.rows, "source_rows", lambda r: r.row_id, lambda r: r.row_id, "indication_")
            + _reason_flags(kb.regimens, "regimens", lambda g: g.regimen_id, lambda g: g.row_ids[0])
            + _reason_flags(kb.criteria, "criteria", lambda c: c.criterion_id, lambda c: c.row_ids[0])
            + [Flag(f"correction_{o.status}", f"{o.correction_id}: {o.message}", table="corrections",
                    target=o.correction_id) for o in kb.corrections if o.status != "applied"])


def distinct_flags(flags: list[Flag]) -> list[Flag]:
    """One flag per (code, table, target, message), the first kept: a statement's regimen is flagged by
    its reading and again by review_flags; a curator should see it once."""
    seen, out = set(), []
    for f in flags:
        key = (f.code, f.table, f.target, f.message)
        if f.target is None or key not in seen:
            seen.add(key)
            out.append(f)
    return out


def left_out_flags(left_out) -> list[Flag]:
    return [Flag("document_left_out", f"{x.file}: {x.reason}", table="documents", target=x.file) for x in left_out]


def record_row(record, table: str) -> dict:
    """A frozen record (Statement, Link, Reference, AdverseEffect) -> a row of table.

    The records name their fields after the table's columns; needs_review is whether any review
    reason stands.
    """
    row = {column: getattr(record, column, None) for column in columns(table)}
    if "needs_review" in row:
        row["needs_review"] = bool(getattr(record, "review_reasons", ()))
    if "review_reasons" in row:
        row.update(review_columns(record.review_reasons))
    return row
