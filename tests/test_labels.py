"""English labels: every code an analyst filters on has its label beside it, from data/labels.yaml."""
import pandas as pd

from pipeline.labels import labelled_columns
from pipeline.schema import TABLES, columns


def test_every_labelled_column_names_a_real_column():
    for (table, column), _ in labelled_columns().items():
        assert column in columns(table), f"data/labels.yaml labels {table}.{column}, which schema.py lacks"
        assert f"{column}_label" in columns(table)


def test_every_code_in_the_built_tables_has_its_english_label(built):
    for (table, column), (vocabulary, labels) in labelled_columns().items():
        frame = pd.read_parquet(built / f"{table}.parquet")
        codes = set(frame[column].dropna())
        assert codes <= set(labels), (f"{table}.{column} writes {sorted(codes - set(labels))}: add them to "
                                      f"vocabulary {vocabulary} of pipeline/data/labels.yaml")
        expected = frame[column].map(labels)
        assert (frame[f"{column}_label"].fillna("") == expected.fillna("")).all()


def test_regimens_carry_readable_labels(built):
    regimens = pd.read_parquet(built / "regimens.parquet")
    kawasaki = regimens[regimens.indication_id == "kawasaki-disease"].iloc[0]
    assert kawasaki.dose_basis_label == "Per dose (each administration; daily doses included)"
    assert kawasaki.evidence_label == "Recommended"
    mg = regimens[regimens.indication_id == "myasthenia-gravis"].iloc[0]
    assert (mg.dose_basis_label, mg.phase_label) == ("Course total (divided over the course days)", "Acute episode")
    cidp = regimens[(regimens.indication_id == "cidp") & (regimens.phase == "maintenance")].iloc[0]
    assert (cidp.every_low, cidp.every_unit_label) == (3, "weeks")


def test_criteria_and_indications_carry_readable_labels(built):
    criteria = pd.read_parquet(built / "criteria.parquet")
    igg = criteria[(criteria.indication_id == "allo-hsct-hypogammaglobulinemia") & (criteria.analyte == "igg")].iloc[0]
    assert (igg.analyte_label, igg.op_label, igg.value_low, igg.unit_label, igg.kind_label) == (
        "Serum IgG", "less than", 400, "milligrams per decilitre", "Eligibility (who may receive IVIg)")
    indications = pd.read_parquet(built / "indications.parquet").set_index("indication_id")
    assert indications.loc["cmv-disease", "category_label"] == "Infection"
    assert indications.loc["sjs-ten", "evidence_label"] == "Efficacy not proven"


def test_labels_table_lists_every_code_even_unused(built):
    labels = pd.read_parquet(built / "labels.parquet")
    assert list(labels.columns) == columns("labels")
    phase = labels[(labels.table_name == "regimens") & (labels.column_name == "phase")]
    assert set(phase.code) == {"initial", "maintenance", "acute", "chronic", "repeat"}
    assert not labels.duplicated(["table_name", "column_name", "code"]).any()
    assert "labels" in TABLES
