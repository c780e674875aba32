"""A ceiling in grams beside a per-kg dose ("(حداکثر ۱۰۰ گرم)", "单次最大剂量不超过60 g"): a note of the dose it
follows, and its max_dose when it can only be each administration's (never a day's, a month's or a course's, nor
another drug's): the drafts' last step (drafts.statement_to_drafts)."""
from __future__ import annotations

import re

from .pack import pack
from .records import Draft, DoseMatch
from .vocab import vocab

__all__ = ["apply_ceilings"]

_SENTENCE_MARK = re.compile(r"[.!?\u061f\u3002\uff01\uff1f]")  # not a semicolon: "...؛ حداکثر ۸۰ گرم در هر انفوزیون"
_AFTER_MARK = re.compile(r"[(,\u060c\uff0c;\u061b\uff1b\uff08]")  # after a ceiling its bracket's close is no end: "(حداکثر ۱۴۰ گرم) در کل دوره"
_CLAUSE_MARK = re.compile(r"[()\uff08\uff09,\u060c\uff0c;\u061b\uff1b]")


def apply_ceilings(text: str, ceilings: list[DoseMatch], drafts: list[Draft], lang: str) -> None:
    """A ceiling in grams is a note of the dose it follows (or of the first dose), and its max_dose only when nothing
    says it is a day's, a month's or a course's (the pack's `dose.ceiling_scope` around it: "(حداکثر ۱۴۰ گرم در کل
    دوره)", "每日最大剂量不超过40 g"), the dose is no course total and stands in the ceiling's sentence
    (_own_ceiling); another drug named between the dose and the ceiling makes it that drug's (no note)."""
    for ceiling in ceilings:
        after_dose = [d for d in drafts if d.dose and d.dose.end <= ceiling.start]
        for draft in (after_dose or drafts[:1])[-1:]:
            if draft.dose is not None and pack(lang).other_drugs.search(text, draft.dose.end, ceiling.start):
                continue  # "IVIG 2 g/kg ... آسپرین 80-100 mg/kg/day (حداکثر 4 گرم)": the aspirin's
            scoped = _ceiling_scope(text, ceiling, lang)
            if not after_dose or scoped or not _own_ceiling(text, draft, ceiling):
                draft.notes.append(f"ceiling: {ceiling.text.strip()}" + (f" ({scoped})" if scoped else ""))
                continue
            _each_administration(draft, ceiling)


def _own_ceiling(text: str, draft: Draft, ceiling: DoseMatch) -> bool:
    """The ceiling may be each administration's of this draft: in its sentence, and not of a course total (nor of a
    total restated in its daily form: "总量2 g/kg（0.4 g/kg/d×5 d），最大140 g")."""
    return (draft.basis != "total" and not _SENTENCE_MARK.search(text, draft.dose.end, ceiling.start)
            and not any(n.startswith("course total") for n in draft.notes))


def _each_administration(draft: Draft, ceiling: DoseMatch) -> None:
    """The ceiling of each administration: a note, and the draft's max_dose (the first one, in g or mg)."""
    draft.notes.append(f"ceiling of each administration: {ceiling.text.strip()}")
    high = ceiling.high if ceiling.high is not None else ceiling.low
    if draft.max_dose is None and high is not None and ceiling.unit in ("g", "mg"):
        draft.max_dose = (high, ceiling.unit)


def _ceiling_scope(text: str, ceiling: DoseMatch, lang: str) -> str | None:
    """The words of the pack's `dose.ceiling_scope` around the ceiling: before it since its clause or bracket opened,
    after it up to the next clause (past its bracket's close: "(حداکثر ۱۴۰ گرم) در کل دوره"; so "(حداکثر ۸۰ گرم)
    روزانه" counts as a day's ceiling, the safe side), or None."""
    scope = vocab(lang).ceiling_scope
    around = (_CLAUSE_MARK.split(text[max(0, ceiling.start - 15):ceiling.start])[-1] + " "
              + _AFTER_MARK.split(text[ceiling.end:ceiling.end + 20])[0])
    found = scope.search(around) if scope is not None else None
    return found.group(0).strip() if found else None
