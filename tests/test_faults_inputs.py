"""Hostile or damaged inputs beyond the matrix: exceptions across processes, YAML bombs, decompression
bombs, damaged cache entries and datasets, duplicates, paths left aside."""
from __future__ import annotations

import importlib
import inspect
import json
import pickle
import pkgutil
import resource
import shutil
import subprocess
import sys
import time

import pytest
import yaml

import pipeline
from pipeline.build import build
from pipeline.errors import DocumentError, PipelineError, UnreadableFileError

from .conftest import ARTICLE_TXT, CIRCULAR_TXT, ROOT
from .faults import TEXT_PAGE, one_page_pdf
from .test_faults_cli import ENV, ivig_kb

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _exception_classes() -> list[type]:
    found = set()
    for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if module.name.endswith(("__main__", "workers")):
            continue  # running the CLI; the fork server's preload
        for _, obj in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__.startswith("pipeline"):
                found.add(obj)
    return sorted(found, key=lambda c: c.__qualname__)


def _instance(cls: type) -> BaseException:
    init = next((c.__dict__["__init__"] for c in cls.__mro__ if "__init__" in c.__dict__), None)
    if init is None or init in (Exception.__init__, BaseException.__init__):
        return cls(f"message of {cls.__name__}")
    parameters = [p for p in list(inspect.signature(init).parameters.values())[1:] if p.default is p.empty
                  and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return cls(*[f"{p.name} of {cls.__name__}" for p in parameters] or ["message"])


def test_every_exception_of_the_package_survives_pickling():
    classes = _exception_classes()
    assert DocumentError in classes and len(classes) >= 8
    for cls in classes:
        error = _instance(cls)
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is cls and str(back) == str(error) and vars(back) == vars(error), cls


def test_yaml_bomb_in_corrections_is_refused_at_once(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text(BILLION_LAUGHS)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CIRCULAR_TXT, raw)
    started, before = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(PipelineError, match="YAML bomb"):
        build(raw, tmp_path / "out", corrections=path, cache_dir=False)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # kB: no expansion happened
    assert not (tmp_path / "out").exists()
    print(f"refused in {time.monotonic() - started:.3f} s")


@pytest.mark.parametrize("text, why", [("[" * 100_000 + "]" * 100_000, "nested too deeply"),
                                       ("- x\n" * 10 + "\x00", "cannot be read as YAML"),
                                       ("- id: a\n  set: {x: 1\n", "cannot be read as YAML")])
def test_corrections_that_are_not_yaml_are_named(tmp_path, text, why):
    from pipeline.corrections import load_corrections

    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PipelineError, match=why):
        load_corrections(path)


def test_data_files_are_read_through_the_bounded_loader():
    from pipeline.safe_yaml import load_text

    with pytest.raises(yaml.YAMLError, match="YAML bomb"):
        load_text(BILLION_LAUGHS)
    assert load_text("x: &a [1, 2]\ny: *a\n") == {"x": [1, 2], "y": [1, 2]}  # a plain alias is fine


# peak memory from VmHWM (this process's own), not ru_maxrss, which a child inherits from the forking pytest
BOMB_SCRIPT = """
import re, sys, time
from pipeline.documents import payload_to_outcome
data = open(sys.argv[1], "rb").read()
started = time.monotonic()
outcome = payload_to_outcome("bomb.pdf", data)
peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)
print(repr(str(outcome)), time.monotonic() - started, peak)
"""


def test_decompression_bomb_is_refused_quickly_without_big_memory(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(one_page_pdf(TEXT_PAGE, inflated_padding=272 * 2**20))  # inflates past 256 MiB
    assert path.stat().st_size < 400_000
    result = subprocess.run([sys.executable, "-c", BOMB_SCRIPT, str(path)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    message, seconds, max_rss_kb = result.stdout.rsplit(" ", 2)
    assert "bomb.pdf: a stream inflates to more than 256 MiB (limits.yaml max_stream_bytes)" in message
    assert int(max_rss_kb) < 400_000, f"{int(max_rss_kb) // 1024} MiB to refuse a bomb"
    print(f"bomb refused in {float(seconds):.2f} s, peak {int(max_rss_kb) // 1024} MiB")


def test_page_and_character_bounds_are_named(monkeypatch):
    from pipeline import limits as limits_module
    from pipeline.documents import payload_to_outcome

    page = b"BT /F1 8 Tf 10 700 Td (" + b"x" * 400 + b") Tj ET\n"
    small = limits_module.Limits(**{**vars(limits_module.limits()), "max_chars_per_page": 100})
    monkeypatch.setattr(limits_module, "limits", lambda: small)
    monkeypatch.setattr("pipeline.pdf.document.limits", lambda: small)
    outcome = payload_to_outcome("dense.pdf", one_page_pdf(page))
    assert isinstance(outcome, DocumentError) and "max_chars_per_page" in outcome.reason
    few = limits_module.Limits(**{**vars(small), "max_pages": 0 + 1, "max_chars_per_page": 10**6})
    monkeypatch.setattr("pipeline.pdf.document.limits", lambda: few)
    from .faults import pdf

    two_pages = pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"])
    outcome = payload_to_outcome("long.pdf", two_pages)
    assert isinstance(outcome, DocumentError) and "more than 1 pages (limits.yaml max_pages)" in outcome.reason


def test_a_worker_out_of_memory_names_the_file(monkeypatch):
    from pipeline import documents

    def greedy(source):
        raise MemoryError

    monkeypatch.setattr(documents, "source_to_result", greedy)
    outcome = documents.payload_to_outcome("huge.txt", "بخشنامه".encode())
    assert isinstance(outcome, DocumentError) and "worker_memory_mib" in outcome.reason


def test_cache_holds_json_not_pickles_and_a_damaged_entry_is_rebuilt(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CIRCULAR_TXT, raw)
    cache = tmp_path / "cache"
    first = build(raw, tmp_path / "a", cache_dir=cache)
    entries = [p for p in cache.iterdir() if p.name not in ("last-build.json", "fragments")
               and not p.name.endswith(".id.json")]
    assert len(entries) == 1 and entries[0].suffix == ".json"
    assert json.loads(entries[0].read_text(encoding="utf-8"))["format"] == 1
    assert not any(b"\x80\x04" in p.read_bytes()[:2] for p in cache.rglob("*") if p.is_file())  # no pickle header
    fragment = next((cache / "fragments").iterdir()) / "meta.json"
    assert json.loads(fragment.read_text(encoding="utf-8"))["doc_id"]
    fresh = build(raw, tmp_path / "b", cache_dir=cache)  # another output: read from the cache
    assert fresh.parsed == 0
    for n, damage in enumerate((b"", b"\x80\x04garbage pickle", b'{"format": 1, "sha256": "x", "result": []}',
                   json.dumps({"format": 1, "sha256": entries[0].name[:64],
                               "result": {"@": "os:system", "f": {}}}).encode())):
        entries[0].write_bytes(damage)
        fragment.write_bytes(damage)  # the document's fragment too: else it needs no result read back
        report = build(raw, tmp_path / f"c{n}", cache_dir=cache)
        assert report.parsed == 1 and report.rows == first.rows  # ignored and parsed again


def test_cache_round_trips_every_record_of_a_result():
    from pipeline.cache import from_json, to_json
    from pipeline.documents import payload_to_outcome

    for path in (CIRCULAR_TXT, ARTICLE_TXT):
        result = payload_to_outcome(path.name, path.read_bytes())
        assert from_json(json.loads(json.dumps(to_json(result)))) == result


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    base = tmp_path_factory.mktemp("dataset")
    (base / "raw").mkdir()
    shutil.copy(CIRCULAR_TXT, base / "raw")
    build(base / "raw", base / "curated", cache_dir=False)
    return base / "curated"


@pytest.mark.parametrize("file, cut", [("regimens.parquet", 100), ("manifest.json", 10)])
def test_load_and_show_name_a_truncated_file(dataset, tmp_path, file, cut):
    from pipeline.api import load

    damaged = tmp_path / "curated"
    shutil.copytree(dataset, damaged)
    (damaged / file).write_bytes((damaged / file).read_bytes()[:cut])
    with pytest.raises(UnreadableFileError, match=f"{file}: cannot be read"):
        load(damaged)
    result = ivig_kb("show", "regimens", "--curated", str(damaged))
    assert result.returncode == 1 and f"{file}: cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_diff_names_a_truncated_file(dataset, tmp_path):
    damaged = tmp_path / "curated"
    shutil.copytree(dataset, damaged)
    (damaged / "regimens.json").write_bytes((damaged / "regimens.json").read_bytes()[:500])
    result = subprocess.run([sys.executable, "-m", "pipeline", "diff", str(dataset), str(damaged)], cwd=ROOT,
                            env=ENV, capture_output=True, text=True)
    assert result.returncode == 2 and "regimens.json: cannot be read" in result.stderr  # diff: 2 is an error
    assert "Traceback" not in result.stderr


def test_duplicates_are_one_rendition_and_skipped_paths_say_why(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CIRCULAR_TXT, raw)
    shutil.copy(CIRCULAR_TXT, raw / "copy of the circular.txt")
    (raw / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (raw / "photo.png").write_bytes(b"\x89PNG")
    report = build(raw, tmp_path / "curated", cache_dir=False)
    assert report.documents == 1 and report.rows == 55
    assert report.duplicates == ({"file": CIRCULAR_TXT.name, "same_as": "copy of the circular.txt"},)
    flags = json.loads((tmp_path / "curated" / "flags.json").read_text(encoding="utf-8"))
    assert not [f for f in flags if f["code"] == "renditions_differ"]
    assert [f["severity"] for f in flags if f["code"] == "duplicate_file"] == ["info"]
    why = {x["file"]: x["reason"] for x in report.skipped_why}
    assert why == {"gone.txt": "a symbolic link to nothing (its target is gone)",
                   "photo.png": "not a document format (.png; read: .txt, .html, .pdf)"}


def test_streams_that_add_up_past_the_document_bound_are_named(monkeypatch):
    from pipeline import limits as limits_module
    from pipeline.documents import payload_to_outcome

    small = limits_module.Limits(**{**vars(limits_module.limits()), "max_document_inflated_bytes": 2**20})
    monkeypatch.setattr("pipeline.pdf.document.limits", lambda: small)
    outcome = payload_to_outcome("padded.pdf", one_page_pdf(TEXT_PAGE, inflated_padding=2 * 2**20))
    assert isinstance(outcome, DocumentError) and "max_document_inflated_bytes" in outcome.reason
