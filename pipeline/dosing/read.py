"""Text in a language -> normalized text -> the language's grammar -> the safety net -> a Reading."""
from __future__ import annotations

from dataclasses import replace

from ..records import Flag

from .net import ambiguous_separators, unaccounted


def text_to_reading(text: str, lang: str, *, doc_id: str = "", row_ids: tuple[str, ...] = (),
                    field: str = "statement", population: str | None = None):
    """The Reading of one statement (see pipeline.statement): grammar first, then the net."""
    from ..statement import Reading

    if lang == "zh":
        normalized, regimens, criteria, covered = _zh(text, doc_id, row_ids)
    else:
        normalized, regimens, criteria, covered = _fa(text, doc_id, row_ids, field, population)
    row_id = row_ids[0] if row_ids else None
    flags = unaccounted(normalized, lang, covered, doc_id=doc_id or None, row_id=row_id, field=field)
    separators = ambiguous_separators(text, lang)
    if separators:  # a factor of 1,000 at stake: every amount of the statement waits for a curator
        reason = f"{separators[0].code}: {separators[0].message}"
        regimens = [replace(r, review_reasons=r.review_reasons + (reason,)) for r in regimens]
        flags = [replace(f, doc_id=doc_id or None, row_id=row_id, field=field) for f in separators] + flags
    flags += [Flag(*map(str.strip, reason.split(":", 1)), doc_id=doc_id or None, row_id=row_id, field=field,
                   span=r.span, table="regimens", target=r.regimen_id or None)
              for r in regimens for reason in r.review_reasons if ":" in reason]
    return Reading(text, normalized, lang, tuple(regimens), tuple(criteria), tuple(flags))


def covered_spans(text: str, lang: str, criteria) -> list[tuple[int, int]]:
    """What the grammar accounted for in a normalized text: every amount and cap it read, every threshold."""
    from .doses import find_doses

    return [(d.start, d.end) for d in find_doses(text, lang)] + [c.span for c in criteria if c.span]


def row_to_unread_flags(row) -> list[Flag]:
    """The safety net over a circular row's dose cells: each mention no regimen, cap, rate or threshold
    accounts for is a flag of the row, quoting its words."""
    from ..criteria import text_to_criteria
    from .regimens import DOSE_FIELDS

    flags: list[Flag] = []
    for field in DOSE_FIELDS:
        text = row.cell(field)
        if not text:
            continue
        covered = covered_spans(text, "fa", text_to_criteria(text, row.doc_id, (row.row_id,), field, row.text))
        flags += [_on_row(f, "source_rows", row.row_id) for f in
                  unaccounted(text, "fa", covered, doc_id=row.doc_id, row_id=row.row_id, field=field)]
    return flags


def _on_row(flag: Flag, table: str, target: str) -> Flag:
    from dataclasses import replace

    return replace(flag, table=table, target=target)


def _fa(text, doc_id, row_ids, field, population):
    from ..criteria import text_to_criteria
    from ..normalize.fa import normalize_fa
    from .drafts import statement_to_drafts
    from .regimens import draft_to_regimen, evidence_of

    normalized = normalize_fa(text)
    evidence = evidence_of([normalized])
    drafts = statement_to_drafts(normalized, population)
    regimens = [draft_to_regimen(d, doc_id, row_ids, field, evidence) for d in drafts]
    criteria = text_to_criteria(normalized, doc_id, row_ids, field, normalized)
    return normalized, regimens, criteria, covered_spans(normalized, "fa", criteria)


def _zh(text, doc_id, row_ids):
    from ..article.dosing_zh import course_spans, text_to_criteria, text_to_regimens
    from ..normalize.zh import normalize_zh

    normalized = normalize_zh(text)
    sid = row_ids[0] if row_ids else "statement"
    regimens = text_to_regimens(normalized, normalized, doc_id, sid)
    criteria = text_to_criteria(normalized, doc_id, sid, skip=course_spans(normalized))
    return normalized, regimens, criteria, covered_spans(normalized, "zh", criteria)
