"""Records -> rows of the curated tables (plain dicts in the schema's columns, English labels)."""
from __future__ import annotations

import re

from .circular.read import split_prescribers
from .records import ROW_COLUMNS, Document, Flag, SourceRow

_SLUG_DROP = re.compile(r"[^\w\u0600-\u06ff]+")


def provisional_indication_id(row: SourceRow) -> str | None:
    """A slug of the row's indication, until reconciliation names the canonical one."""
    words = _SLUG_DROP.sub(" ", row.cell("indication").lower()).split()
    return "-".join(words[:8]) or None


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
        "recipients": list(letter.recipients), "url": letter.url, "signer": letter.signer,
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
        "indication_id": row.indication_id or provisional_indication_id(row), "status": row.status,
        "needs_review": bool(row.review_reasons), "review_reasons": list(row.review_reasons),
        "repairs": list(row.repairs), "renditions": list(row.renditions), "pdf_pages": list(row.pdf_pages),
    }
    for column in ROW_COLUMNS:
        out[f"{column}_text"] = row.cell(column) or None
        out[f"raw_{column}"] = row.raw_cells.get(column) or None
    return out


def flag_row(flag: Flag) -> dict:
    return {"doc_id": flag.doc_id, "row_id": flag.row_id, "field": flag.field, "code": flag.code,
            "severity": flag.severity, "message": flag.message}
