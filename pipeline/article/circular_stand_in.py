"""STAND-IN, to be replaced at merge: the circular's rows -> the records links.py compares with.

The Persian dose grammar and reconciliation (pipeline/dosing/, pipeline/reconcile.py) will give
the circular's Criterion and Regimen records for every row, with canonical indication ids; build.py
will then pass those to links.statements_to_links and this module goes. Until then it reads, from
the rows of the indications asked for only, the few forms their cells use:
- "IgG<400Mg/dl", "سطح IgG کمتر از 400mg/dl", "کمتر از 100 روز از پیوند";
- "حفظ سطح IgG بیش از 400-600 mg/dl" (a target);
- doses with an interval: "0.4 گرم در کیلوگرم هر 28 روز", "400-500 mg/kg هر 3-4 هفته",
  "0.4 gr/ kg/ dose هر 3 تا 4 هفته".
Its spellings stay here, not in data/, because the grammar that replaces it has its own.
"""
from __future__ import annotations

import re

from ..lexicon import load
from ..normalize.fa import loose_key
from ..records import Criterion, Regimen, SourceRow
from .links import CircularSide

_NUM = r"\d+(?:\.\d+)?"
_RANGE = rf"({_NUM})(?:\s*(?:-|تا|یا)\s*({_NUM}))?"
_MASS = {"mg/kg": 1, "gr/kg": 1000, "گرم در کیلوگرم": 1000, "گرم برای هر کیلوگرم": 1000}
_UNIT = {"روز": "d", "هفته": "wk", "ماه": "mo"}
_DOSE = re.compile(rf"{_RANGE}\s*(mg\s*/\s*kg|gr\s*/\s*kg|گرم در کیلوگرم|گرم برای هر کیلوگرم)"
                   rf"(?:\s*/\s*dose)?\s*هر\s*{_RANGE}\s*(روز|هفته|ماه)", re.IGNORECASE)
_CRITERIA = (  # analyte, op, kind, pattern, unit
    ("igg", "<", "eligibility", re.compile(rf"IgG\s*(?:<|کمتر از)\s*{_RANGE}\s*mg/dl", re.I), "mg/dL"),
    ("igg", ">", "target", re.compile(rf"حفظ سطح IgG\s*(?:بیش از|بالای|>)\s*{_RANGE}\s*mg/dl", re.I), "mg/dL"),
    ("days_since_transplant", "<", "eligibility", re.compile(rf"کمتر از\s*{_RANGE}\s*روز از پیوند"), "d"),
)


def row_indication(row: SourceRow) -> str | None:
    """The lexicon entry whose Persian alias stands in the row's indication cell (the longest wins)."""
    cell = loose_key(row.cell("indication"))
    hits = [(len(loose_key(a)), e["id"]) for e in load("indications.yaml")
            for a in e.get("aliases_fa") or () if loose_key(a) and loose_key(a) in cell]
    return max(hits)[1] if hits else None


def _pair(m: re.Match, first: int) -> tuple[float, float]:
    low = float(m.group(first))
    return low, float(m.group(first + 1)) if m.group(first + 1) else low


def rows_to_circular_side(rows: list[SourceRow], wanted: set[str]) -> CircularSide:
    """The circular's criteria and regimens for the wanted indications, read from their rows."""
    criteria: dict[tuple, Criterion] = {}
    regimens: dict[tuple, Regimen] = {}
    row_ids: dict[str, tuple[str, ...]] = {}
    for row in rows:
        indication_id = row_indication(row)
        if indication_id not in wanted:
            continue
        row_ids[indication_id] = row_ids.get(indication_id, ()) + (row.row_id,)
        for field in ("indication", "dosing", "conditions", "recommendations"):
            text = row.cell(field)
            for analyte, op, kind, pattern, unit in _CRITERIA:
                for m in pattern.finditer(text):
                    low, high = _pair(m, 1)
                    criteria.setdefault((indication_id, analyte, op, low, high, kind), Criterion(
                        row.doc_id, (row.row_id,), analyte, op, low, high, unit, kind, text, field, m.span(),
                        indication_id))
            for m in _DOSE.finditer(text):
                factor = _MASS[re.sub(r"\s+", "", m.group(3).lower()) if "/" in m.group(3) else m.group(3)]
                low, high = _pair(m, 1)
                every_low, every_high = _pair(m, 4)
                regimens.setdefault((indication_id, low * factor, high * factor, every_low, every_high), Regimen(
                    row.doc_id, (row.row_id,), field, text, m.span(), low * factor, high * factor, m.group(),
                    every_low=every_low, every_high=every_high, every_unit=_UNIT[m.group(6)],
                    indication_id=indication_id))
    return CircularSide(tuple(criteria.values()), tuple(regimens.values()), row_ids)
