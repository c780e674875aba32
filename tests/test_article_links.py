"""How the article's thresholds and regimens relate to the circular's for the same indication."""
import pandas as pd
import pytest

from pipeline.article.links import CircularSide, statements_to_links
from pipeline.circular.read import read_circular_text
from pipeline.ingest import read_source
from pipeline.records import Criterion, Regimen

from .conftest import CIRCULAR_TXT, DOC_ID, statement_with

CMV, ALLO, SECONDARY = "cmv-disease", "allo-hsct-hypogammaglobulinemia", "secondary-hypogammaglobulinemia"


@pytest.fixture(scope="module")
def links(built) -> pd.DataFrame:
    return pd.read_parquet(built / "links.parquet")


def relations(links, statement_id, indication_id):
    rows = links[(links.statement_id == statement_id) & (links.indication_id == indication_id)]
    return dict(zip(rows.aspect, rows.relation))


def test_igg_below_4_g_per_l_agrees_with_the_allogeneic_row(article, links):
    igg = statement_with(article.statements, "IgG <4 克/升").statement_id
    assert relations(links, igg, ALLO) == {"igg": "agrees"}
    # the row that names BMT sets IgG only as a target to keep: the article adds an entry threshold
    assert relations(links, igg, SECONDARY) == {"igg": "adds"}
    row = links[(links.statement_id == igg) & (links.indication_id == SECONDARY)].iloc[0]
    assert "target igg > 400-600 mg/dL" in row.note


def test_payer_rule_agrees_on_the_days_and_adds_the_age(article, links):
    cms = statement_with(article.statements, "20 岁及以上").statement_id
    assert relations(links, cms, ALLO) == {"days_since_transplant": "agrees", "age": "adds"}
    days = links[(links.statement_id == cms) & (links.aspect == "days_since_transplant")].iloc[0]
    assert days.article_value == "days_since_transplant <= 100 d"
    assert days.circular_value == "days_since_transplant < 100 d"
    assert not days.strong_match  # the sentence names transplant and 100 days, not allogeneic recipients


@pytest.mark.parametrize("words", ["每周使用 0.5 g/kg", "每隔一天一次", "之后,每周静脉注射"])
def test_cmv_doses_differ_from_the_circulars_monthly_dose(article, links, words):
    statement = statement_with(article.statements, words).statement_id
    assert relations(links, statement, CMV) == {"regimen": "differs"}
    row = links[links.statement_id == statement].iloc[0]
    assert row.circular_value == "400 mg/kg every 28 d" and list(row.circular_row_ids)[0].startswith(DOC_ID)


def test_links_resolve(links, built):
    statements = pd.read_parquet(built / "statements.parquet")
    regimens = pd.read_parquet(built / "regimens.parquet")
    assert set(links.statement_id) <= set(statements.statement_id)
    assert set(links.regimen_id.dropna()) <= set(regimens.regimen_id)
    assert len(links) == 7


def test_comparison_takes_the_circulars_records(article):
    """The interface reconciliation will use: records in, links out (the values the circular states)."""
    circular = CircularSide(
        criteria=(Criterion(DOC_ID, ("r-allo",), "igg", "<", 400, None, "mg/dL", "eligibility", "IgG<400Mg/dl",
                            "indication", indication_id=ALLO),
                  Criterion(DOC_ID, ("r-allo",), "days_since_transplant", "<", 100, None, "d", "eligibility",
                            "کمتر از 100 روز", "indication", indication_id=ALLO)),
        regimens=(Regimen(DOC_ID, ("r-cmv",), "dosing", "0.4 گرم در کیلوگرم هر 28 روز", dose_low_mg_per_kg=400,
                          dose_high_mg_per_kg=400, every_low=28, every_high=28, every_unit="d", indication_id=CMV),
                  Regimen(DOC_ID, ("r-allo",), "dosing", "400-500 mg/kg هر هفته", dose_low_mg_per_kg=400,
                          dose_high_mg_per_kg=500, every_low=1, every_high=1, every_unit="wk", indication_id=ALLO)),
        row_ids={CMV: ("r-cmv",), ALLO: ("r-allo",), SECONDARY: ("r-sec",)})
    found = statements_to_links(list(article.statements), list(article.regimens), list(article.criteria), circular)
    by = {(link.statement_id, link.indication_id, link.aspect): link.relation for link in found}
    igg = statement_with(article.statements, "IgG <4 克/升").statement_id
    assert by[(igg, ALLO, "igg")] == "agrees" and by[(igg, SECONDARY, "igg")] == "adds"
    assert sorted(r for (s, i, a), r in by.items() if i == CMV) == ["differs"] * 3


def test_a_weekly_regimen_agrees_with_a_weekly_one(article):
    weekly = Regimen(DOC_ID, ("r",), "dosing", "", dose_low_mg_per_kg=400, dose_high_mg_per_kg=600, every_low=1,
                     every_high=1, every_unit="wk", indication_id=CMV)
    found = statements_to_links(list(article.statements), list(article.regimens), [],
                                CircularSide(regimens=(weekly,), row_ids={CMV: ("r",)}))
    assert sorted(link.relation for link in found) == ["agrees", "differs", "differs"]


def test_the_circulars_side_comes_from_reconciliation():
    from pipeline.reconcile import reconcile

    _, reading = read_circular_text(read_source(CIRCULAR_TXT))
    side = CircularSide.of(reconcile(list(reading.rows)))
    wanted = {CMV, ALLO, SECONDARY}
    crit = {(c.indication_id, c.analyte, c.op, c.value_low, c.value_high, c.kind) for c in side.criteria
            if c.indication_id in wanted}
    assert crit == {(ALLO, "igg", "<", 400, None, "eligibility"),
                    (ALLO, "days_since_transplant", "<", 100, None, "eligibility"),
                    (SECONDARY, "igg", ">", 400, 600, "target")}
    reg = {(r.indication_id, r.dose_low_mg_per_kg, r.dose_high_mg_per_kg, r.every_low, r.every_high, r.every_unit)
           for r in side.regimens if r.indication_id in wanted}
    assert reg == {(CMV, 400, 400, 28, 28, "d"), (ALLO, 400, 500, 3, 4, "wk"), (ALLO, 400, 400, 3, 4, "wk"),
                   (ALLO, 400, 400, 1, 1, "wk"),
                   (SECONDARY, 200, 400, 3, 4, "wk"), (SECONDARY, 400, 400, 3, 4, "wk")}
    assert {i: len(side.row_ids[i]) for i in wanted} == {CMV: 1, ALLO: 1, SECONDARY: 1}
