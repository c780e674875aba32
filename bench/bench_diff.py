"""ivig-kb diff on a large corpus: the circular's build copied as N documents, one dose edited in each
copy of the second build. Prints seconds and changes found; the figure, never a pass or fail."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.build import build  # noqa: E402
from pipeline.diff import changes  # noqa: E402

TABLES = ("documents", "source_rows", "regimens", "criteria")


def _copies(one: Path, out: Path, n: int, edit: bool) -> None:
    out.mkdir(parents=True)
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    for table in TABLES:
        rows = json.loads((one / f"{table}.json").read_text(encoding="utf-8"))
        copies = []
        for k in range(n):
            for row in rows:
                text = json.dumps(row, ensure_ascii=False).replace("qums-1399-06-16-148911", f"doc{k:05d}")
                if edit and table == "regimens" and '"dose_low_mg_per_kg": 200.0' in text:
                    text = text.replace('"dose_low_mg_per_kg": 200.0', '"dose_low_mg_per_kg": 300.0')
                copies.append(json.loads(text))
        (out / f"{table}.json").write_text(json.dumps(copies, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", default="10,100,1000", help="documents per build, comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        raw = tmp / "raw"
        raw.mkdir()
        shutil.copy(ROOT / "raw_documents" / "qums-ivig-circular-1399.txt", raw)
        build(raw, tmp / "one")
        for n in map(int, args.n.split(",")):
            _copies(tmp / "one", tmp / f"a{n}", n, False)
            _copies(tmp / "one", tmp / f"b{n}", n, True)
            start = time.perf_counter()
            found = changes(tmp / f"a{n}", tmp / f"b{n}")
            seconds = time.perf_counter() - start
            print(f"{n:>6} documents: {seconds:6.2f} s, {len(found)} changes")


if __name__ == "__main__":
    main()
