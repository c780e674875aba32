"""The FHIR R5 export: a MedicationKnowledge for IVIg that fhir.resources parses, with the real doses."""
import json

import fhir.resources
import pandas as pd
import pytest
from fhir.resources.medicationknowledge import MedicationKnowledge

UCUM = "http://unitsofmeasure.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"


@pytest.fixture(scope="module")
def resource(built) -> dict:
    return json.loads((built / "fhir" / "medicationknowledge-ivig.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dosages(resource) -> dict[str, dict]:
    """regimen_id -> (indication text, phase code, population code, Dosage)."""
    out = {}
    for guideline in resource["indicationGuideline"]:
        for dosing in guideline.get("dosingGuideline", []):
            population = [c["valueCodeableConcept"]["coding"][0]["code"] for c in dosing.get("patientCharacteristic", [])]
            for group in dosing["dosage"]:
                for dosage in group["dosage"]:
                    out[dosage["id"]] = {"indication": guideline["indication"][0]["concept"],
                                         "phase": group["type"]["coding"][0]["code"],
                                         "population": population[0] if population else None, "dosage": dosage}
    return out


def _one(dosages, indication_text_start, **where) -> dict:
    hits = [d for d in dosages.values() if d["indication"]["text"].startswith(indication_text_start)
            and all(d[k] == v for k, v in where.items())]
    assert len(hits) == 1, f"{len(hits)} dosages for {indication_text_start} {where}"
    return hits[0]["dosage"]


def test_parses_as_an_r5_medication_knowledge(resource):
    assert fhir.resources.__fhir_version__ == "5.0.0"
    knowledge = MedicationKnowledge.model_validate(resource)
    coding = knowledge.code.coding[0]
    assert (coding.system, coding.code) == ("http://www.whocc.no/atc", "J06BA02")
    assert knowledge.status == "active"


def test_every_canonical_indication_is_listed_once_icd10_coded(resource, built):
    indications = pd.read_parquet(built / "indications.parquet")
    canonical = indications[indications.in_lexicon]
    listed = [g["indication"][0]["concept"] for g in resource["indicationGuideline"]]
    assert [c["text"] for c in listed] == canonical.name_en.tolist()
    coded = {c["coding"][0]["code"] for c in listed if "coding" in c}
    assert coded == set(canonical.icd10.dropna())
    assert all(c["coding"][0]["system"] == ICD10 for c in listed if "coding" in c)
    gbs = next(c for c in listed if c["text"] == "Guillain-Barré syndrome")
    assert gbs["coding"][0]["code"] == "G61.0"


def test_kawasaki_single_dose_over_8_to_12_hours(dosages):
    dosage = _one(dosages, "Kawasaki", phase="any")
    dose = dosage["doseAndRate"][0]
    assert dose["doseRange"]["low"] == {"value": 2000, "unit": "mg/kg", "system": UCUM, "code": "mg/kg"}
    assert dose["doseRange"]["high"]["value"] == 2000
    assert dose["type"]["coding"][0]["code"] == "per_dose"
    assert dosage["timing"]["repeat"] == {"count": 1, "duration": 8, "durationMax": 12, "durationUnit": "h"}
    assert "Cumulative dose cap: 4000 mg/kg" in [i["text"] for i in dosage["additionalInstruction"]]


def test_myasthenia_gravis_total_over_2_to_5_days(dosages):
    dosage = _one(dosages, "Myasthenia gravis", phase="acute")
    dose = dosage["doseAndRate"][0]
    assert (dose["doseRange"]["low"]["value"], dose["doseRange"]["high"]["value"]) == (1000, 2000)
    assert dose["type"]["coding"][0]["code"] == "total"
    assert dosage["timing"]["repeat"]["boundsRange"] == {
        "low": {"value": 2, "unit": "d", "system": UCUM, "code": "d"},
        "high": {"value": 5, "unit": "d", "system": UCUM, "code": "d"}}
    assert dosage["text"].startswith("کریز بیماری با دوز تو تال 1-2 گرم")


def test_daily_dose_for_a_fixed_course_is_bounds_duration(dosages):
    dosage = _one(dosages, "Intractable childhood epilepsy", population="children")
    assert dosage["timing"]["repeat"] == {"boundsDuration": {"value": 2, "unit": "d", "system": UCUM, "code": "d"},
                                          "frequency": 1, "period": 1, "periodUnit": "d"}


def test_intervals_doses_and_infusions(dosages):
    newborn = _one(dosages, "Neonatal jaundice", population="neonates")
    # one dose over 2 hours that may be repeated once after 12-24 h: one or two doses, no interval
    assert newborn["timing"]["repeat"] == {"duration": 2, "durationUnit": "h", "count": 1, "countMax": 2}
    # "و بعد از سال اول، 200 mg/kg هر 2 هفته تا 3 دوز": after the first year, not a maintenance phase
    (amr,) = [d["dosage"] for d in dosages.values() if d["indication"]["text"].startswith("Acute antibody-mediated")
              and d["phase"] == "any" and d["dosage"]["timing"]["repeat"].get("periodUnit") == "wk"]
    assert amr["timing"]["repeat"] == {"count": 1, "countMax": 3, "frequency": 1, "period": 2, "periodUnit": "wk"}
    mmn = _one(dosages, "Multifocal motor neuropathy", phase="initial")
    assert mmn["timing"]["repeat"]["boundsRange"] == {"high": {"value": 5, "unit": "d", "system": UCUM, "code": "d"}}


def test_population_is_a_patient_characteristic(resource):
    epilepsy = next(g for g in resource["indicationGuideline"] if g["indication"][0]["concept"]["text"].startswith(
        "Intractable childhood epilepsy"))
    values = {c["valueCodeableConcept"]["text"] for d in epilepsy["dosingGuideline"] for c in d["patientCharacteristic"]}
    assert values == {"Children"}


def test_regimens_in_doubt_are_left_out(dosages, built):
    regimens = pd.read_parquet(built / "regimens.parquet")
    clean = regimens[~regimens.needs_review & regimens.dose_low_mg_per_kg.notna()]
    assert set(dosages) == set(clean.regimen_id)
    # the ITP-in-children row's regimens wait for a curator (its indication is inferred); row 13 gives two
    assert len(dosages) == 55
    doubtful = regimens[regimens.indication_id == "secondary-itp-infection"]
    assert doubtful.dose_high_mg_per_kg.max() == 4500
    assert all(d["dosage"]["doseAndRate"][0]["doseRange"]["high"]["value"] <= 2000
               for d in dosages.values() if d["indication"]["text"].startswith("ITP from HIV"))


def test_every_dose_is_mg_per_kg_in_ucum(dosages):
    for entry in dosages.values():
        for end in ("low", "high"):
            quantity = entry["dosage"]["doseAndRate"][0]["doseRange"][end]
            assert (quantity["system"], quantity["code"]) == (UCUM, "mg/kg")


def test_the_articles_clean_cmv_regimen_sits_beside_the_circulars(dosages):
    cmv = {k: d["dosage"] for k, d in dosages.items() if d["indication"]["text"].startswith("CMV disease")}
    circular, article = cmv["qums-1399-06-16-148911-reb073e9a-g7d38df"], cmv["article-db7056881d39-s7853a895-g1"]
    assert circular["timing"]["repeat"] == {"frequency": 1, "period": 28, "periodUnit": "d"}
    assert article["doseAndRate"][0]["doseRange"]["low"]["value"] == 150
    assert article["timing"]["repeat"] == {"boundsDuration": {"value": 28, "unit": "d", "system": UCUM, "code": "d"},
                                           "frequency": 1, "period": 1, "periodUnit": "wk"}
    assert "Source: article-db7056881d39, Article statement" in [i["text"] for i in article["additionalInstruction"]]
    # the article's weekly 0.5 g/kg for "3 months" and its weakly matched 150 mg/kg are in doubt: left out
    assert len(cmv) == 2
