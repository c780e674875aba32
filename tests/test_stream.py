"""The streaming build: document fragments in the cache, the export streamed from them, incremental
builds that re-read only what changed and give the same bytes as a full build."""
import json
import shutil
import textwrap

import pytest

from pipeline.build import build
from pipeline.check import fhir_problems
from pipeline.export_stream import write_fhir
from pipeline.fragments import FragmentStore

from .conftest import RAW
from .test_curation import HIV_ITP_4500


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three generated circulars, the real circular (text and PDF) and the Chinese article."""
    from bench.corpus import generate

    raw = tmp_path_factory.mktemp("corpus")
    generate(raw, 3, seed=11)
    for path in RAW.iterdir():
        if path.suffix in (".txt", ".pdf"):
            shutil.copy(path, raw / path.name)
    return raw


def _full(raw, out, **options):
    build(raw, out, cache_dir=False, **options)
    return _files(out)


@pytest.mark.parametrize("partitioned", [False, True])
def test_adding_a_document_rereads_only_it_and_equals_a_full_build(corpus, tmp_path, partitioned):
    raw = tmp_path / "raw"
    shutil.copytree(corpus, raw)
    added = tmp_path / "aside.txt"
    shutil.move(raw / "circular-00001.txt", added)
    cache, out = tmp_path / "cache", tmp_path / "curated"
    build(raw, out, cache_dir=cache, partitioned=partitioned)
    made = len(list((cache / "fragments").iterdir()))
    shutil.move(added, raw / "circular-00001.txt")
    report = build(raw, out, cache_dir=cache, partitioned=partitioned)
    assert report.parsed == 1
    assert len(list((cache / "fragments").iterdir())) == made + 1, "one new fragment, the others reused"
    assert _files(out) == _full(raw, tmp_path / "full" / "curated", partitioned=partitioned)


def test_unchanged_partitions_are_hard_linked_from_their_fragments(corpus, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "curated"
    build(corpus, out, cache_dir=cache, partitioned=True)
    parts = list((out / "regimens").rglob("part-0.parquet"))
    assert parts and all(p.stat().st_nlink == 2 for p in parts)
    cached = {p.stat().st_ino for p in (cache / "fragments").rglob("parts/regimens.parquet")}
    assert {p.stat().st_ino for p in parts} == cached


@pytest.mark.parametrize("change", ["edited", "removed"])
def test_a_changed_or_removed_document_is_picked_up(corpus, tmp_path, change):
    raw = tmp_path / "raw"
    shutil.copytree(corpus, raw)
    cache, out = tmp_path / "cache", tmp_path / "curated"
    build(raw, out, cache_dir=cache)
    path = raw / "qums-ivig-circular-1399.txt"
    if change == "edited":
        path.write_text(path.read_text(encoding="utf-8").replace("میاستنی", "میاستنیا"), encoding="utf-8")
    else:
        path.unlink()
    report = build(raw, out, cache_dir=cache)
    assert report.parsed == (1 if change == "edited" else 0)
    assert _files(out) == _full(raw, tmp_path / "full" / "curated")


def _corrections(tmp_path, name, dose):
    path = tmp_path / name
    path.write_text(textwrap.dedent(f"""
        - id: hiv-itp-dose
          regimen: {HIV_ITP_4500}
          expect: "4500mg/kg برای 5-10 روز"
          set: {{dose_low_mg_per_kg: {dose}, dose_high_mg_per_kg: {dose}, dose_basis: per_dose}}
          reviewed: true
          by: test curator
        - id: gone
          regimen: no-such-regimen
          set: {{dose_low_mg_per_kg: 400}}
        """), encoding="utf-8")
    return path


def test_a_changed_correction_is_picked_up_by_the_documents_it_targets(corpus, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "curated"
    build(corpus, out, cache_dir=cache, corrections=_corrections(tmp_path, "a.yaml", 400))
    second = _corrections(tmp_path, "b.yaml", 300)
    report = build(corpus, out, cache_dir=cache, corrections=second)
    assert report.parsed == 0 and report.corrections == {"applied": 1, "stale": 1, "invalid": 0}
    regimen = next(r for r in json.loads((out / "regimens.json").read_text(encoding="utf-8"))
                   if r["regimen_id"] == HIV_ITP_4500)
    assert regimen["dose_low_mg_per_kg"] == 300.0
    assert _files(out) == _full(corpus, tmp_path / "full" / "curated", corrections=second)


def test_fhir_written_an_indication_at_a_time_is_the_whole_resource_written_at_once(tmp_path):
    from pipeline.fhir import tables_to_medication_knowledge

    committed = RAW.parent / "curated"
    indications = json.loads((committed / "indications.json").read_text(encoding="utf-8"))
    regimens = json.loads((committed / "regimens.json").read_text(encoding="utf-8"))
    store = FragmentStore(tmp_path)
    store.path("k").mkdir(parents=True)
    (store.path("k") / "meta.json").write_text("{}", encoding="utf-8")
    from pipeline.fhir import is_exported
    from pipeline.fragments import dosage_line

    (store.path("k") / "fhir.jsonl").write_text("".join(
        f"{r['indication_id']}\t{dosage_line(r)}\n" for r in regimens
        if r["indication_id"] and is_exported(r)), encoding="utf-8")
    for chosen in (indications, [], [i for i in indications if not i["in_lexicon"]]):
        path = tmp_path / "out" / "fhir.json"
        assert write_fhir(path, store, ["k"], chosen) == []
        whole = tables_to_medication_knowledge(chosen, regimens)
        assert path.read_text(encoding="utf-8") == json.dumps(whole, ensure_ascii=False, indent=1) + "\n"
        assert fhir_problems(whole) == []


def test_a_dose_problem_in_a_streamed_fhir_dosage_is_named_with_its_regimen(tmp_path):
    from pipeline.fragments import dosage_line

    committed = RAW.parent / "curated"
    indications = json.loads((committed / "indications.json").read_text(encoding="utf-8"))
    regimen = next(r for r in json.loads((committed / "regimens.json").read_text(encoding="utf-8"))
                   if r["dose_low_mg_per_kg"] and not r["needs_review"] and r["indication_id"])
    store = FragmentStore(tmp_path)
    store.path("k").mkdir(parents=True)
    (store.path("k") / "meta.json").write_text("{}", encoding="utf-8")
    bad = {**regimen, "dose_high_mg_per_kg": -400.0}
    (store.path("k") / "fhir.jsonl").write_text(f"{bad['indication_id']}\t{dosage_line(bad)}\n", encoding="utf-8")
    [problem] = write_fhir(tmp_path / "out" / "fhir.json", store, ["k"], indications)
    assert regimen["regimen_id"] in problem and "a dose of -400" in problem


def test_the_outputs_own_cache_keeps_one_fragment_per_document_of_the_last_build(corpus, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(corpus, raw)
    out = tmp_path / "curated"
    build(raw, out)
    fragments = tmp_path / ".curated-cache" / "fragments"
    before = {p.name for p in fragments.iterdir()}
    (raw / "circular-00002.txt").unlink()
    report = build(raw, out)
    after = {p.name for p in fragments.iterdir()}
    assert report.documents == len(after) == len(before) - 1 and after < before


def test_a_fragment_that_vanished_mid_build_fails_it_rather_than_losing_rows(tmp_path):
    store = FragmentStore(tmp_path)
    with pytest.raises(OSError, match="vanished"):
        store.text("gone", "regimens")
    with pytest.raises(OSError, match="vanished"):
        list(store.lines("gone", "regimens"))


@pytest.mark.parametrize("sizes", [(30, 44), (3, 7, 64), (74,)])
def test_a_parquet_file_from_fragments_is_write_tables_file(tmp_path, monkeypatch, sizes):
    """Row groups of export._BATCH rows across fragments of any size: the bytes write_table writes."""
    from pipeline import export
    from pipeline.export_stream import _write_plain
    from pipeline.schema import arrow_schema

    monkeypatch.setattr(export, "_BATCH", 10)
    rows = json.loads((RAW.parent / "curated" / "regimens.json").read_text(encoding="utf-8"))
    (tmp_path / "whole").mkdir()
    export.write_table(tmp_path / "whole", "regimens", rows)
    store, keys, start = FragmentStore(tmp_path / "cache"), [], 0
    for n, size in enumerate(sizes):
        store.path(f"k{n}").mkdir(parents=True)
        (store.path(f"k{n}") / "meta.json").write_text("{}", encoding="utf-8")
        (store.path(f"k{n}") / "regimens.jsonl").write_text("".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in rows[start:start + size]), encoding="utf-8")
        keys.append(f"k{n}")
        start += size
    for _ in range(2):  # the second time from the Arrow files the first one kept
        _write_plain(tmp_path / "streamed.parquet", store, keys, ["regimens", []], arrow_schema("regimens"))
        assert (tmp_path / "streamed.parquet").read_bytes() == (tmp_path / "whole" / "regimens.parquet").read_bytes()


def test_a_flag_made_after_the_documents_goes_on_its_documents_page(tmp_path, monkeypatch):
    """A flag the global state makes about one document (an adverse effect's) is on that document's
    page, and the pages are those `ivig-kb review` writes from the tables (the same bytes)."""
    from pipeline import running
    from pipeline.records import Flag
    from pipeline.review import review_folder

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "ivig-bmt-article-zh.txt", raw)
    made_by = running.documents_to_effects

    def with_a_flag(docs, statements):
        effects, flags = made_by(docs, statements)
        doc_id = docs[0].doc_id
        return effects, flags + [Flag("side_effect_not_in_vocabulary", "a side effect no vocabulary names",
                                      severity="review", doc_id=doc_id, target=doc_id)]

    monkeypatch.setattr(running, "documents_to_effects", with_a_flag)
    built = tmp_path / "curated"
    build(raw, built, cache_dir=False)
    pages = [p for p in (built / "review").glob("*.html")]
    assert len(pages) == 1 and "side_effect_not_in_vocabulary" in pages[0].read_text(encoding="utf-8")
    again = tmp_path / "again"
    shutil.copytree(built, again)
    review_folder(again)
    assert _files(again) == _files(built)
