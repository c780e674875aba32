"""notebooks/ivig_regimens.ipynb: committed without outputs, and runs green on a fresh build."""
import json
import shutil
import sys

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "ivig_regimens.ipynb"
KERNEL = "ivig-kb-venv"


def _outputs(nb, kind="text/plain") -> str:
    """Every output of the executed notebook as one text (streams and plain-text results)."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") + output.get("data", {}).get(kind, ""))
    return "\n".join(parts)


@pytest.fixture
def run_notebook(tmp_path, monkeypatch):
    """Execute the notebook on a curated folder, in a kernel of this interpreter (no user kernelspec)."""
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "ivig-kb (.venv)", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "matplotlib"))

    def run(curated) -> nbformat.NotebookNode:
        monkeypatch.setenv("IVIG_KB_CURATED", str(curated))
        nb = nbformat.read(NOTEBOOK, as_version=4)
        NotebookClient(nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": str(ROOT)}}).execute()
        return nb

    return run


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert any("from pipeline import load" in cell.source for cell in code)


def test_notebook_runs_green_on_the_build(built, run_notebook):
    nb = run_notebook(built)
    text = _outputs(nb)
    assert "Traceback" not in text
    assert not [o for cell in nb.cells for o in cell.get("outputs", []) if o.get("name") == "stderr"], "warnings"
    images = [o for cell in nb.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 1, "the dose-range chart"
    assert "Course total" in text and "Per dose" in text
    assert "Intractable childhood epilepsy" in text and "[4, 26]" in text  # a regimen of merged rows
    assert "400 mg/kg, per dose, every 28 days" in text  # the circular's CMV regimen
    assert "links table is not built yet" in text


def test_notebook_shows_the_article_beside_the_circular_when_its_tables_exist(built, tmp_path, run_notebook):
    folder = tmp_path / "curated"
    shutil.copytree(built, folder)
    regimens = pd.read_parquet(folder / "regimens.parquet")
    article = regimens[regimens.indication_id == "cmv-disease"].iloc[[0]].assign(
        regimen_id="article-db7056881d39-s1-g1", doc_id="article-db7056881d39", row_ids=[["s1"]],
        dose_low_mg_per_kg=500.0, dose_high_mg_per_kg=500.0, every_low=1.0, every_high=1.0, every_unit="wk",
        every_unit_label="weeks", source_field="statement")
    pd.concat([regimens, article]).to_parquet(folder / "regimens.parquet")
    pd.DataFrame({"statement_id": ["s1"], "doc_id": ["article-db7056881d39"], "text": ["每周500 mg/kg"]}).to_parquet(
        folder / "statements.parquet")
    pd.DataFrame({"statement_id": ["s1"], "indication_id": ["cmv-disease"], "relation": ["differs"],
                  "note": ["weekly in the article, every 28 days in the circular"]}).to_parquet(folder / "links.parquet")
    text = _outputs(run_notebook(folder))
    assert "500 mg/kg, per dose, every 1 weeks" in text
    assert "weekly in the article" in text and "每周500 mg/kg" in text
