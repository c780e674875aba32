"""Curated tables -> a FHIR R5 MedicationKnowledge for IVIg (curated/fhir/medicationknowledge-ivig.json).

One indicationGuideline per canonical indication (ICD-10 coded, English text), one dosingGuideline
per population, one dosage group per phase, one FHIR Dosage per regimen:

- doseAndRate.doseRange in mg/kg (UCUM), doseAndRate.type telling a dose per administration
  (`per_dose`) from a course total divided over the days (`total`);
- timing.repeat: count/countMax (doses), duration/durationMax in h (infusion), period/periodMax and
  periodUnit (interval), boundsDuration (one course length) or boundsRange (a range of lengths);
- text is the source's words; additionalInstruction says in English what the timing cannot hold
  (cap, repeated courses, treatment length, typical dose), the source document and the regimen's notes;
- Dosage.id is the regimen_id, so every dose leads back to its row of regimens.

Regimens that need review (implausible, ambiguous basis, conflict, no amount ...) are left out: a
doubtful dose is never exported as if it were clean. The tables keep them, with their reasons.
"""
from __future__ import annotations

from .lexicon import load

FILE = "fhir/medicationknowledge-ivig.json"  # in curated/
_PER_KG = "mg/kg"


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _span(low, high) -> str:
    if low is None:
        return f"up to {_num(high)}"
    if high is None or low == high:
        return f"{_num(low)}"
    return f"{_num(low)}-{_num(high)}"


def _quantity(value: float, unit: str) -> dict:
    return {"value": _num(value), "unit": unit, "system": load("fhir.yaml")["systems"]["ucum"], "code": unit}


def _concept(system_key: str, code: str, display: str | None) -> dict:
    fhir = load("fhir.yaml")
    coding = {"system": f"{fhir['base']}/{fhir['code_systems'][system_key]}", "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def _low_high(low, high) -> tuple:
    """A low..high pair as FHIR's value/valueMax: 'up to N' keeps N as the value, without a max."""
    if low is None:
        return high, None
    return low, high if high is not None and high != low else None


def regimen_to_timing(r: dict) -> dict:
    """The regimen's doses, infusion time, interval and course length as a FHIR Timing."""
    repeat = {**_timing_count(r), **_timing_duration(r), **_timing_period(r), **_timing_bounds(r)}
    return {"repeat": repeat} if repeat else {}


def _timing_count(r: dict) -> dict:
    """The number of doses: count, and countMax when it is a range."""
    if r["doses_count_high"] is None and r["doses_count_low"] is None:
        return {}
    # "up to 3 doses" is one to three: FHIR wants a count beside every countMax
    low = r["doses_count_low"] if r["doses_count_low"] is not None else 1
    out = {"count": int(low)}
    if r["doses_count_high"] is not None and r["doses_count_high"] != low:
        out["countMax"] = int(r["doses_count_high"])
    return out


def _timing_duration(r: dict) -> dict:
    """How long one infusion takes, in hours."""
    value, most = _low_high(r["infusion_hours_low"], r["infusion_hours_high"])
    if value is None:
        return {}
    return dict(duration=_num(value), durationUnit="h", **({"durationMax": _num(most)} if most else {}))


def _timing_period(r: dict) -> dict:
    """The interval between doses and the times per interval."""
    value, most = _low_high(r["every_low"], r["every_high"])
    if value is None or not r["every_unit"]:
        return {}
    return dict(frequency=int(r.get("frequency") or 1), period=_num(value), periodUnit=r["every_unit"],
                **({"periodMax": _num(most)} if most else {}))


def _timing_bounds(r: dict) -> dict:
    """The course length in days: one duration, or a range."""
    low, high = r["course_days_low"], r["course_days_high"]
    if low is not None and (high is None or high == low):
        return {"boundsDuration": _quantity(low, "d")}
    if high is not None:
        return {"boundsRange": {**({"low": _quantity(low, "d")} if low is not None else {}),
                                "high": _quantity(high, "d")}}
    return {}


def regimen_instructions(r: dict) -> list[str]:
    """What the Timing cannot hold, said in English, and the regimen's own notes."""
    out = []
    if r["dose_basis_label"]:
        out.append(f"Dose basis: {r['dose_basis_label']}")
    if r["max_total_mg_per_kg"] is not None:
        out.append(f"Cumulative dose cap: {_span(r['max_total_low_mg_per_kg'], r['max_total_mg_per_kg'])} mg/kg")
    if r["cycle_every_high"] is not None:
        out.append(f"The course is repeated every {_span(r['cycle_every_low'], r['cycle_every_high'])} "
                   f"{r['cycle_every_unit_label'] or r['cycle_every_unit']}")
    if r["duration_high"] is not None:
        out.append(f"Treatment goes on for {_span(r['duration_low'], r['duration_high'])} "
                   f"{r['duration_unit_label'] or r['duration_unit']}")
    if r.get("condition"):
        out.append(f"When: {r['condition']}")
    if r["schedule_days"]:
        out.append("Given on days " + ", ".join(str(d) for d in r["schedule_days"]))
    if r["typical_high_mg_per_kg"] is not None:
        out.append(f"Typical dose: {_span(r['typical_low_mg_per_kg'], r['typical_high_mg_per_kg'])} mg/kg")
    out.append(f"Source: {r['doc_id']}, {r['source_field_label'] or r['source_field']}")
    return out + list(r["notes"])


def regimen_to_dosage(r: dict) -> dict:
    """One clean regimen -> a FHIR R5 Dosage."""
    dose_and_rate = {"doseRange": {"low": _quantity(r["dose_low_mg_per_kg"], _PER_KG),
                                   "high": _quantity(r["dose_high_mg_per_kg"], _PER_KG)}}
    if r["dose_basis"]:
        dose_and_rate = {"type": _concept("dose_basis", r["dose_basis"], r["dose_basis_label"]), **dose_and_rate}
    dosage: dict = {"id": r["regimen_id"], "text": r["source_text"]}
    instructions = regimen_instructions(r)
    if instructions:
        dosage["additionalInstruction"] = [{"text": text} for text in instructions]
    timing = regimen_to_timing(r)
    if timing:
        dosage["timing"] = timing
    route = load("fhir.yaml")["route"]
    dosage["route"] = {"coding": [dict(route)], "text": route["display"]}
    dosage["doseAndRate"] = [dose_and_rate]
    if r.get("max_dose") is not None and r.get("max_dose_unit"):  # "(حداکثر 100 گرم)": the ceiling of each infusion
        dosage["maxDosePerAdministration"] = _quantity(r["max_dose"], r["max_dose_unit"])
    return dosage


def is_exported(r: dict) -> bool:
    """A regimen goes to FHIR when nothing about it is in doubt and it states an amount."""
    return (not r["needs_review"] and r["dose_low_mg_per_kg"] is not None and r["dose_high_mg_per_kg"] is not None
            and r["dose_low_mg_per_kg"] > 0)  # a dose of zero or less is never a prescription


def _grouped(rows: list[dict], key: str) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def regimens_to_dosing_guidelines(regimens: list[dict], dosage=None) -> list[dict]:
    """One dosingGuideline per population (in order of appearance), its dosages grouped by phase.
    dosage: regimen row -> its Dosage (regimen_to_dosage; the streaming export gives one made before)."""
    dosage = dosage or regimen_to_dosage
    no_phase = load("fhir.yaml")["no_phase"]
    out = []
    for population, rows in _grouped(regimens, "population").items():
        guideline: dict = {}
        if population:
            guideline["patientCharacteristic"] = [{
                "type": _concept("characteristic", "population", "Population"),
                "valueCodeableConcept": _concept("population", population, rows[0]["population_label"])}]
        guideline["dosage"] = [
            {"type": _concept("phase", phase, group[0]["phase_label"]) if phase
             else _concept("phase", no_phase["code"], no_phase["display"]),
             "dosage": [dosage(r) for r in group]}
            for phase, group in _grouped(rows, "phase").items()]
        out.append(guideline)
    return out


def indication_to_guideline(ind: dict, regimens: list[dict], dosage=None) -> dict:
    """One canonical indication -> an indicationGuideline: ICD-10 coded, evidence, dosing guidelines."""
    fhir = load("fhir.yaml")
    concept: dict = {"text": ind["name_en"] or ind["indication_id"]}
    if ind["icd10"]:
        coding = {"system": fhir["systems"]["icd10"], "code": ind["icd10"]}
        if ind["icd10_title"]:
            coding["display"] = ind["icd10_title"]
        concept = {"coding": [coding], **concept}
    guideline: dict = {}
    if ind["evidence"]:
        guideline["extension"] = [{"url": f"{fhir['base']}/{fhir['extensions']['evidence']}",
                                   "valueCodeableConcept": _concept("evidence", ind["evidence"],
                                                                    ind["evidence_label"])}]
    guideline["indication"] = [{"concept": concept}]
    if regimens:
        guideline["dosingGuideline"] = regimens_to_dosing_guidelines(regimens, dosage)
    return guideline


def tables_to_medication_knowledge(indications: list[dict], regimens: list[dict]) -> dict:
    """Rows of the (labelled) indications and regimens tables -> the MedicationKnowledge resource."""
    med = load("fhir.yaml")["medication"]
    exported = _grouped([r for r in regimens if is_exported(r)], "indication_id")
    return {
        "resourceType": "MedicationKnowledge",
        "id": med["id"],
        "code": {"coding": [dict(med["code"])], "text": med["text"]},
        "status": "active",
        "name": list(med["names"]),
        "intendedJurisdiction": [{"coding": [dict(med["jurisdiction"])]}],
        "indicationGuideline": [indication_to_guideline(ind, exported.get(ind["indication_id"], []))
                                for ind in indications if ind["in_lexicon"]],
    }
