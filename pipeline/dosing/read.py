"""Text in a language -> normalized text -> the language's grammar -> the safety net -> a Reading."""
from __future__ import annotations

from ..records import Flag
from .net import unaccounted


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
    flags += [Flag(*map(str.strip, reason.split(":", 1)), doc_id=doc_id or None, row_id=row_id, field=field,
                   span=r.span, table="regimens", target=r.regimen_id or None)
              for r in regimens for reason in r.review_reasons if ":" in reason]
    return Reading(text, normalized, lang, tuple(regimens), tuple(criteria), tuple(flags))


def _fa(text, doc_id, row_ids, field, population):
    from ..criteria import text_to_criteria
    from ..normalize.fa import normalize_fa
    from .doses import find_doses
    from .grammar import statement_to_drafts
    from .regimens import draft_to_regimen, evidence_of

    normalized = normalize_fa(text)
    evidence = evidence_of([normalized])
    drafts = statement_to_drafts(normalized, population)
    regimens = [draft_to_regimen(d, doc_id, row_ids, field, evidence) for d in drafts]
    criteria = text_to_criteria(normalized, doc_id, row_ids, field, normalized)
    covered = [(d.start, d.end) for d in find_doses(normalized)] + [c.span for c in criteria if c.span]
    return normalized, regimens, criteria, covered


def _zh(text, doc_id, row_ids):
    from ..article.dosing_zh import course_spans, dose_spans, text_to_criteria, text_to_regimens
    from ..normalize.zh import normalize_zh

    normalized = normalize_zh(text)
    sid = row_ids[0] if row_ids else "statement"
    regimens = text_to_regimens(normalized, normalized, doc_id, sid)
    criteria = text_to_criteria(normalized, doc_id, sid, skip=course_spans(normalized))
    covered = dose_spans(normalized) + [c.span for c in criteria if c.span]
    return normalized, regimens, criteria, covered
