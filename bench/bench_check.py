"""The pre-swap check (pipeline/check.py) against frictionless validate on the same dataset: the check
is part of every build's time, frictionless is what the tests run."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from pipeline.build import build
    from pipeline.check import DatasetCheck
    from pipeline.schema import TABLES

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "curated"
        build(ROOT / "raw_documents", out, cache_dir=False)
        tables = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json") if p.stem in TABLES}
        rows = sum(len(v) for v in tables.values())
        started, rounds = time.perf_counter(), 20
        for _ in range(rounds):
            check = DatasetCheck()
            for name, table in tables.items():
                for n, row in enumerate(table, start=1):
                    check.row(name, n, row)
            assert check.result() == []
        ours = (time.perf_counter() - started) / rounds
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("frictionless")), "validate", "datapackage.json"],
                       cwd=out, capture_output=True, check=True)
        theirs = time.perf_counter() - started
    print(f"pre-swap check: {rows} rows in {ours * 1000:.1f} ms ({rows / ours:,.0f} rows/s); "
          f"frictionless validate (new process): {theirs:.2f} s")


if __name__ == "__main__":
    main()
