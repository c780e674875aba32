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
    # CMV: the circular's monthly 400 mg/kg beside the article's weekly 150 mg/kg, and the links saying so
    assert "400 mg/kg, per dose, every 28 days" in text
    assert "150 mg/kg, per dose, every week, for 28 days" in text
    assert "150 mg/kg every 1 wk for 28 d; the circular: 400 mg/kg every 28 d" in text
    assert "Age at least 20 a (eligibility)" in text  # the article's threshold for allogeneic HSCT


def test_notebook_runs_without_the_articles_tables(built, tmp_path, run_notebook):
    folder = tmp_path / "curated"
    shutil.copytree(built, folder)
    for name in ("statements", "links", "references", "adverse_effects"):
        (folder / f"{name}.parquet").unlink()
    for name in ("regimens", "criteria"):
        frame = pd.read_parquet(folder / f"{name}.parquet")
        frame[~frame.doc_id.str.startswith("article-")].to_parquet(folder / f"{name}.parquet")
    text = _outputs(run_notebook(folder))
    assert "Traceback" not in text
    assert "400 mg/kg, per dose, every 28 days" in text and "150 mg/kg, per dose, every week" not in text
    assert "links table is not built yet" in text
