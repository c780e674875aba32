"""The dose grammar stays small enough to read: no function of it above cyclomatic complexity 15 (radon)."""
from pathlib import Path

import pytest

radon = pytest.importorskip("radon.complexity")

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 15
GRAMMAR = sorted((ROOT / "pipeline" / "dosing").glob("*.py")) + [
    ROOT / "pipeline" / "statement.py", ROOT / "pipeline" / "criteria.py", ROOT / "pipeline" / "article" / "dosing_zh.py"]


@pytest.mark.parametrize("path", GRAMMAR, ids=lambda p: p.name)
def test_no_grammar_function_above_complexity_15(path):
    blocks = radon.cc_visit(path.read_text(encoding="utf-8"))
    functions = [b for b in blocks if hasattr(b, "complexity")]
    over = [f"{b.name} ({b.complexity})" for b in functions + [m for b in blocks for m in getattr(b, "methods", [])]
            if b.complexity > LIMIT]
    assert not over, f"{path.name}: " + ", ".join(over)
