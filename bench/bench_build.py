"""Build benchmarks: the figures of issue #9, printed for this machine (never asserted by tests).

    .venv/bin/python bench/bench_build.py                 # raw_documents/ and corpora of 10 and 100
    .venv/bin/python bench/bench_build.py --n 10,100,1000 --workers 2

Every build runs in a new process, as a user runs it. Printed: a full build of raw_documents/ beside
the cost of its parts measured in the same run (interpreter plus imports; pdfplumber's own
extract_tables on the PDF); a no-change rebuild; `ivig-kb --help`; the dose grammar's statements per
second; documents per second and peak memory for generated corpora, serial and with workers.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# What a build imports before it reads anything (the floor under any build's time).
IMPORTS = "import pipeline.build, pipeline.normalize.fa as f, pandas, pyarrow.parquet, pdfplumber, jieba; f._hazm()"
CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from pipeline.build import build
report = build(sys.argv[1], sys.argv[2], cache_dir=None if sys.argv[3] == 'cache' else False,
               workers=int(sys.argv[4]), executor=sys.argv[5], partitioned=sys.argv[6] == '1')
seconds = time.perf_counter() - start
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "documents": report.documents, "files": report.files,
                  "parsed": report.parsed, "peak_mb": rss / 1024}))
"""


def _run(code: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([PY, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def _build(raw: Path, out: Path, cache: bool = False, workers: int = 1, executor: str = "serial",
           partitioned: bool = False) -> dict:
    wall, out_text = _run(CHILD, str(raw), str(out), "cache" if cache else "none", str(workers), executor,
                          "1" if partitioned else "0")
    return {**json.loads(out_text), "wall": wall}


def _best(times: list[float]) -> float:
    return min(times)


def full_build(tmp: Path) -> None:
    imports = _best([_run(IMPORTS)[0] for _ in range(3)])
    extract = _best([float(_run("import pdfplumber, sys, time\nwith pdfplumber.open(sys.argv[1]) as pdf:\n"
                                " t = time.perf_counter()\n [p.extract_tables() for p in pdf.pages]\n"
                                " print(time.perf_counter() - t)", str(ROOT / "raw_documents" /
                                                                       "qums-ivig-circular-1399.pdf"))[1])
                  for _ in range(3)])
    cli = [str(Path(PY).with_name("ivig-kb")), "build", "--raw", str(ROOT / "raw_documents"), "--no-progress"]

    def timed(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run([*cli, *args], cwd=ROOT, capture_output=True, check=True)
        return time.perf_counter() - start

    # as users run it: `ivig-kb build` (documents read on one worker per core)
    full = _best([timed("--out", str(tmp / f"full{i}"), "--no-cache") for i in range(3)])
    serial = _best([timed("--out", str(tmp / f"serial{i}"), "--no-cache", "--workers", "1") for i in range(3)])
    timed("--out", str(tmp / "again"))
    rebuild = _best([timed("--out", str(tmp / "again")) for _ in range(3)])
    helps = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(Path(PY).with_name("ivig-kb")), "--help"], capture_output=True, check=True)
        helps.append(time.perf_counter() - start)
    floor = imports + extract
    print(f"full build of raw_documents/ (ivig-kb build, new process, no cache): {full:.2f} s "
          f"({serial:.2f} s with --workers 1)")
    print(f"  interpreter + imports: {imports:.2f} s; pdfplumber extract_tables on the PDF: {extract:.2f} s")
    print(f"  ratio to (imports + extract_tables) = {full / floor:.2f} (goal <= 1.3)")
    print(f"no-change rebuild (cache): {rebuild:.2f} s = {rebuild / full:.2f} of a full build (goal <= 0.2)")
    print(f"ivig-kb --help: {_best(helps):.3f} s (goal < 0.3 s)")


def grammar() -> None:
    _, out = _run("import runpy, sys; sys.argv = ['bench_grammar', '--seconds', '3']; "
                  "runpy.run_path('bench/bench_grammar.py', run_name='__main__')")
    print(out.strip().splitlines()[-1])


def corpora(tmp: Path, sizes: list[int], workers: int, pdf_share: float) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    for n in sizes:
        raw = tmp / f"corpus-{n}"
        generate(raw, n, seed=n, pdf_share=pdf_share)
        serial = _build(raw, tmp / f"out-{n}-1", partitioned=n >= 100)
        parallel = _build(raw, tmp / f"out-{n}-{workers}", workers=workers, executor="process",
                          partitioned=n >= 100)
        print(f"corpus of {n} ({pdf_share:.0%} PDF): serial {serial['documents'] / serial['wall']:.1f} doc/s, "
              f"peak {serial['peak_mb']:.0f} MB; {workers} workers {parallel['documents'] / parallel['wall']:.1f} "
              f"doc/s ({serial['wall'] / parallel['wall']:.2f}x), peak {parallel['peak_mb']:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", default="10,100", help="corpus sizes, comma-separated (the issue's: 10,100,1000)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdf-share", type=float, default=0.2)
    parser.add_argument("--skip-corpora", action="store_true")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        full_build(tmp)
        grammar()
        if not args.skip_corpora:
            corpora(tmp, [int(n) for n in args.n.split(",")], args.workers, args.pdf_share)


if __name__ == "__main__":
    main()
