"""Build benchmarks: the figures of issues #9 and #15, printed for this machine (never asserted by tests).

    .venv/bin/python bench/bench_build.py                 # raw_documents/ and corpora of 10 and 100
    .venv/bin/python bench/bench_build.py --n 100,1000 --workers 2   # the issue's sizes (5000 runs long)
    .venv/bin/python bench/bench_build.py --n 100,1000 --skip-full   # only the corpora
    .venv/bin/python bench/bench_build.py --n 100,1000 --skip-full --workers 1   # serial + one added only

Every build runs in a new process, as a user runs it. Printed: a full build of raw_documents/ beside
the reference measured in the same run (a new process importing pandas, pyarrow, hazm, jieba and
pdfplumber and running pdfplumber's own extract_tables on every page of the circular's PDF); a
no-change rebuild; `ivig-kb --help`; the dose grammar's statements per second; for each generated
corpus size, time, documents per second and peak RSS, serial, on a process pool and on a local
Dask cluster.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
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


# The reference: a new process importing what a build needs and running pdfplumber's own
# extract_tables on every page of the circular's PDF (the floor under a full build's time).
REFERENCE = ("import sys\nimport pandas, pyarrow.parquet, hazm, jieba, pdfplumber\n"
             "with pdfplumber.open(sys.argv[1]) as pdf:\n    [p.extract_tables() for p in pdf.pages]\n")


def full_build(tmp: Path, rounds: int = 5) -> None:
    """The full build beside the reference, interleaved (reference, build, reference, ...) so that the
    load of a shared machine falls on both alike; the best of each is compared."""
    pdf = str(ROOT / "raw_documents" / "qums-ivig-circular-1399.pdf")
    cli = [str(Path(PY).with_name("ivig-kb")), "build", "--raw", str(ROOT / "raw_documents"), "--no-progress"]

    def timed(*args: str) -> float:
        start = time.perf_counter()
        subprocess.run([*cli, *args], cwd=ROOT, capture_output=True, check=True)
        return time.perf_counter() - start

    # jieba's dictionary index is made once per cache folder (as a user's first build does), then kept
    for name in ("full", "serial"):
        timed("--out", str(tmp / name / "curated"), "--no-cache", "--workers", "1")
    refs, fulls, serials = [], [], []
    for i in range(rounds):
        refs.append(_run(REFERENCE, pdf)[0])
        shutil.rmtree(tmp / "full" / "curated", ignore_errors=True)
        fulls.append(timed("--out", str(tmp / "full" / "curated"), "--no-cache"))
        shutil.rmtree(tmp / "serial" / "curated", ignore_errors=True)
        serials.append(timed("--out", str(tmp / "serial" / "curated"), "--no-cache", "--workers", "1"))
    timed("--out", str(tmp / "again"))
    rebuild = _best([timed("--out", str(tmp / "again")) for _ in range(3)])
    helps = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(Path(PY).with_name("ivig-kb")), "--help"], capture_output=True, check=True)
        helps.append(time.perf_counter() - start)
    ref, full, serial = _best(refs), _best(fulls), _best(serials)
    ratios = sorted(f / r for f, r in zip(fulls, refs))  # each round's build beside that round's reference
    print(f"reference (new process: imports + extract_tables on every page of the PDF): {ref:.2f} s")
    print(f"full build of raw_documents/ (ivig-kb build --no-cache, new process): {full:.2f} s = {full / ref:.2f} x "
          f"the reference (goal <= 1.3, bound 1.4); --workers 1: {serial:.2f} s = {serial / ref:.2f} x")
    print(f"  each round, build / its reference: {', '.join(f'{r:.2f}' for r in ratios)} (median "
          f"{ratios[len(ratios) // 2]:.2f}); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"no-change rebuild (cache): {rebuild:.2f} s = {rebuild / full:.2f} of a full build (goal <= 0.2)")
    print(f"ivig-kb --help: {_best(helps):.3f} s (goal < 0.3 s)")


def grammar() -> None:
    _, out = _run("import runpy, sys; sys.argv = ['bench_grammar', '--seconds', '3']; "
                  "runpy.run_path('bench/bench_grammar.py', run_name='__main__')")
    print(out.strip().splitlines()[-1])


def corpora(tmp: Path, sizes: list[int], workers: int, pdf_share: float, dask: bool) -> None:
    """Each generated corpus built in a new process: serial, on a process pool and on a local Dask
    cluster of `workers` processes. Peak RSS is the larger of the build process's and its children's
    (each worker's own peak: the figure a machine must hold per process)."""
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    # --workers 1: the serial build (and the addition of one document) only, the peak-memory figures
    runs = [("serial", 1)] + ([("process", workers)] + ([("dask", workers)] if dask else []) if workers > 1 else [])
    print(f"{'documents':>9} {'executor':>8} {'workers':>7} {'time s':>8} {'doc/s':>7} {'peak RSS MB':>11}")
    for n in sizes:
        raw = tmp / f"corpus-{n}"
        generate(raw, n, seed=n, pdf_share=pdf_share)
        serial_wall = None
        for executor, count in runs:
            out = tmp / f"out-{n}-{executor}" / "curated"
            # the serial build keeps its cache (as a user's does), for the one-document addition below
            got = _build(raw, out, cache=executor == "serial", workers=count, executor=executor,
                         partitioned=n >= 100)
            serial_wall = serial_wall or got["wall"]
            print(f"{n:>9} {executor:>8} {count:>7} {got['wall']:>8.1f} {got['documents'] / got['wall']:>7.1f} "
                  f"{got['peak_mb']:>11.0f}" + ("" if executor == "serial" else
                                                f"  ({serial_wall / got['wall']:.2f} x serial)"), flush=True)
            if executor != "serial":
                shutil.rmtree(out.parent, ignore_errors=True)
        added = raw / "added-circular.txt"  # a circular none of the generated ones is
        shutil.copy(ROOT / "raw_documents" / "qums-ivig-circular-1399.txt", added)
        got = _build(raw, tmp / f"out-{n}-serial" / "curated", cache=True, partitioned=n >= 100)
        print(f"{n:>9} one document added to the built corpus: {got['wall']:.1f} s ({got['parsed']} parsed) = "
              f"{serial_wall / got['wall']:.1f} x faster than its full build (goal >= 20 x)", flush=True)
        shutil.rmtree(tmp / f"out-{n}-serial", ignore_errors=True)
        shutil.rmtree(raw, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", default="10,100", help="corpus sizes, comma-separated (the issue's: 10,100,1000)")
    parser.add_argument("--workers", type=int, default=2, help="1: only the serial build and the addition")
    parser.add_argument("--pdf-share", type=float, default=0.2)
    parser.add_argument("--skip-corpora", action="store_true")
    parser.add_argument("--skip-full", action="store_true", help="only the corpora (not raw_documents/)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the local Dask cluster")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if not args.skip_full:
            full_build(tmp)
            grammar()
        if not args.skip_corpora:
            corpora(tmp, [int(n) for n in args.n.split(",")], args.workers, args.pdf_share, not args.no_dask)


if __name__ == "__main__":
    main()
