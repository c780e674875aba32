"""The dose grammar: a dose statement -> structured regimens in canonical mg/kg, with their words."""
from __future__ import annotations

from ..normalize.fa import normalize_fa
from ..records import Regimen

__all__ = ["read_regimens"]


def read_regimens(text: str, *, doc_id: str = "", row_ids: tuple[str, ...] = (), field: str = "statement",
                  population: str | None = None, normalized: bool = False) -> list[Regimen]:
    """Every regimen one statement gives; the text is normalized first unless it already is."""
    from .drafts import statement_to_drafts
    from .regimens import draft_to_regimen, evidence_of

    text = text if normalized else normalize_fa(text)
    evidence = evidence_of([text])
    return [draft_to_regimen(d, doc_id, row_ids, field, evidence) for d in statement_to_drafts(text, population)]
