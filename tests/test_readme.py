"""The README's ways in work as written: its DuckDB query runs on a build and gives what it says."""
import re

import duckdb

from .conftest import ROOT


def _sql_blocks() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_duckdb_query_gives_the_regimens_per_indication(built):
    [query] = _sql_blocks()
    rows = duckdb.sql(query.replace("'curated/", f"'{built.as_posix()}/")).fetchall()
    assert rows[0] == ("Acute antibody-mediated (humoral) rejection after kidney transplant, with plasmapheresis",
                       "per_dose", 3, 100.0, 500.0)
    assert [r[0] for r in rows[1:]] == ["Allogeneic HSCT recipients with hypogammaglobulinaemia within 100 days "
                                        "of transplant", "HLA desensitization of kidney transplant candidates",
                                        "Multifocal motor neuropathy and anti-MAG neuropathy",
                                        "Platelet alloimmunization or post-transfusion purpura"]
    assert rows[2][3:] == (100.0, 2000.0)


def test_readme_shows_the_three_ways_in():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for words in ("from pipeline import load", "frictionless validate curated/datapackage.json",
                  "curated/schemas/<table>.schema.json", "curated/fhir/medicationknowledge-ivig.json",
                  "notebooks/ivig_regimens.ipynb"):
        assert words in text, words
