"""Fragments + the global tables -> curated/, streamed: a table is written fragment after fragment,
never held whole, and the files are byte for byte those export.write_table writes for the same rows.

- JSON twins: the fragments' lines copied as they are (no parse), one row per line;
- single Parquet files: the rows in batches of export._BATCH, a row group per batch, as before;
- partitioned tables: each document's partition file is made once, kept in its fragment, and
  hard-linked into the staged folder (an unchanged document costs no bytes written);
- the FHIR file: one indication at a time, its regimens gathered from a spill file per indication.
The staged folder and its atomic swap are export.py's: a killed build leaves the old curated/.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from . import export
from .check import DatasetCheck, fhir_problems
from .errors import InvalidDatasetError
from .fhir import FILE as FHIR_FILE, indication_to_guideline, tables_to_medication_knowledge
from .fragments import FragmentStore, link_or_copy
from .schema import arrow_schema


def _json_twin(path: Path, texts) -> int:
    """A JSON array, one row per line, from blocks of rows already written as JSON lines (each line
    ends with a newline; a JSON line holds none inside): copied a block at a time, not parsed."""
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for text in texts:
            if text:
                handle.write(("\n" if count == 0 else ",\n") + text[:-1].replace("\n", ",\n"))
                count += text.count("\n")
        handle.write("\n]\n")
    return count


def _partition(store: FragmentStore, key: str, name: str, schema) -> Path | None:
    """The fragment's partition file of a table (made once, from its lines); None when it has no rows."""
    path = store.path(key) / "parts" / f"{name}.parquet"
    if not path.exists():
        rows = [json.loads(x) for x in store.lines(key, name)]
        if not rows:
            return None
        with tempfile.TemporaryDirectory(dir=store.path(key)) as tmp:
            sink = export._Partitions(Path(tmp), schema)
            sink.add(rows)
            sink.close()
            made = next(Path(tmp).rglob("part-0.parquet"))
            path.parent.mkdir(exist_ok=True)
            made.replace(path)
    return path


def _lines(store: FragmentStore, keys: list[tuple[str, str]], sections: list):
    """The table's rows as JSON lines (no newline), section after section."""
    for section in sections:
        if isinstance(section, str):
            for key, _ in keys:
                yield from store.lines(key, section)
        else:
            for row in section:
                yield json.dumps(row, ensure_ascii=False, allow_nan=False)


def _blocks(store: FragmentStore, keys: list[tuple[str, str]], sections: list):
    """The table's rows as blocks of JSON lines (each ending with a newline), as the fragments hold them."""
    for section in sections:
        if isinstance(section, str):
            for key, _ in keys:
                yield store.text(key, section)
        else:
            yield "".join(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n" for row in section)


def write_fragment_table(stage: Path, name: str, store: FragmentStore, keys: list[tuple[str, str]],
                         partitioned: bool, tail: list[dict] = (), parquet: bool = True,
                         sections: list | None = None) -> int:
    """One table from the fragments (keys: (key, doc_id) in the table's order), then `tail` (rows of
    no document, already checked and cleaned). Returns the number of rows. parquet=False: the JSON
    twin only (a fragment failed its check: the build will not publish, and Parquet refuses its nulls).
    sections: the table in passes instead, each the fragments' part of that name (every fragment in
    turn) or a list of rows of no fragment (checked and cleaned); `tail` is then not used."""
    schema = arrow_schema(name)
    sections = sections if sections is not None else [name, list(tail)]

    count = _json_twin(stage / f"{name}.json", _blocks(store, keys, sections))
    if not parquet:
        return count
    by_document = partitioned and "doc_id" in schema.names and not schema.field("doc_id").nullable
    if by_document and count and all(export._PLAIN_ID.fullmatch(d) for _, d in keys) \
            and len({d for _, d in keys}) == len(keys):
        _link_partitions(stage, name, store, keys, schema)
    elif by_document:  # what only pyarrow's dataset writer handles (see export._plain_runs)
        _write_dataset(stage / name, (json.loads(x) for x in _lines(store, keys, sections)), schema)
    else:
        _write_plain(stage / f"{name}.parquet", store, [k for k, _ in keys], sections, schema)
    return count


def _link_partitions(stage: Path, name: str, store: FragmentStore, keys: list[tuple[str, str]], schema) -> None:
    """Each document's partition file, made once in its fragment, hard-linked into the staged folder."""
    for key, doc_id in keys:
        part = _partition(store, key, name, schema)
        if part is not None:
            link_or_copy(part, stage / name / f"doc_id={doc_id}" / "part-0.parquet")


def _write_dataset(folder: Path, rows, schema) -> None:
    """Rows into a Hive-partitioned dataset by doc_id, through pyarrow's dataset writer."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    def batches():
        for batch in _batched(rows):
            yield pa.RecordBatch.from_pylist(batch, schema=schema)

    ds.write_dataset(pa.RecordBatchReader.from_batches(schema, batches()), folder, format="parquet",
                     partitioning=["doc_id"], partitioning_flavor="hive", basename_template="part-{i}.parquet",
                     use_threads=False, file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))


def _write_plain(path: Path, store: FragmentStore, keys: list[str], sections: list, schema) -> None:
    """One Parquet file, a row group per export._BATCH rows across the fragments (as write_table
    writes it), from each fragment's rows as Arrow (made once, kept in the fragment): not parsed again."""
    import pyarrow as pa

    def tables():
        for section in sections:
            if isinstance(section, str):
                yield from (_arrow(store, key, section, schema) for key in keys)
            elif section:
                yield pa.Table.from_pylist(list(section), schema=schema)

    sink = export._Plain(path, schema)
    pending, held = [], 0
    for table in tables():
        if table is None or not len(table):
            continue
        pending.append(table)
        held += len(table)
        while held >= export._BATCH:
            joined = pa.concat_tables(pending)
            sink.add_table(joined.slice(0, export._BATCH))
            pending, held = [joined.slice(export._BATCH)], held - export._BATCH
    if held:
        sink.add_table(pa.concat_tables(pending))
    sink.close()


def _arrow(store: FragmentStore, key: str, name: str, schema):
    """The fragment's rows of a table as an Arrow table (its IPC file made once, from its lines)."""
    import pyarrow as pa

    path = store.path(key) / "parts" / f"{name}.arrow"
    if not path.exists():
        rows = [json.loads(x) for x in store.lines(key, name)]
        if not rows:
            return None
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_name(f".tmp-{path.name}")
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        tmp.replace(path)
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()  # the map lives as long as its table


def _batched(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == export._BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def checked_rows(check: DatasetCheck, name: str, rows: list[dict]) -> list[dict]:
    return [export.clean_row(name, check.row(name, n, r)) for n, r in enumerate(rows, start=1)]


def write_fhir(path: Path, store: FragmentStore, keys: list[str], indications: list[dict]) -> list[str]:
    """The MedicationKnowledge, one indicationGuideline at a time, each regimen's Dosage as its fragment
    wrote it (the same bytes as export.write_json of the whole resource); returns the dose problems
    fhir_problems finds, at their place in the resource."""
    exported = [i for i in indications if i["in_lexicon"]]
    place = {i["indication_id"]: n for n, i in enumerate(exported)}
    problems: list[str] = []
    head = json.dumps(tables_to_medication_knowledge([], []), ensure_ascii=False, indent=1, allow_nan=False)
    if not head.endswith("[]\n}"):
        raise AssertionError("the FHIR resource's guidelines are no longer its last member")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".fhir-", dir=path.parent.parent) as spill, \
            open(path, "w", encoding="utf-8") as out:
        _spill(store, keys, place, Path(spill))
        if not exported:
            out.write(head + "\n")
            return problems
        out.write(head[:-len("[]\n}")] + "[\n")
        for n, ind in enumerate(exported):
            if n:
                out.write(",\n")
            _write_guideline(out, ind, Path(spill) / f"{n}.jsonl", f"fhir.indicationGuideline[{n}]", problems)
        out.write("\n ]\n}\n")
    return problems


_MARK = re.compile(r'^( *)"\\u0000(\d+)\\u0000"(,?)$')


def _write_guideline(out, ind: dict, spill: Path, where: str, problems: list[str]) -> None:
    """One indicationGuideline, two spaces in (its place in the resource), written a line at a time:
    its skeleton dumped with a mark for each Dosage, each mark replaced by the Dosage's text indented
    where the mark stood (as json.dumps indents a nested object); the dose problems named at their place."""
    regimens, texts = [], []
    if spill.exists():
        with open(spill, encoding="utf-8") as handle:
            for k, line in enumerate(handle):
                regimen = json.loads(line)
                texts.append(regimen.pop("text"))
                problems += [p.replace("@", f"{where} (regimen {regimen['regimen_id']})", 1)
                             for p in regimen.pop("problems")]
                regimens.append({**regimen, "mark": k})
    skeleton = json.dumps(indication_to_guideline(ind, regimens, lambda r: f"\x00{r['mark']}\x00"),
                          ensure_ascii=False, indent=1, allow_nan=False)
    for n, line in enumerate(skeleton.split("\n")):
        mark = _MARK.match(line)
        if n:
            out.write("\n")
        if mark is None:
            out.write("  " + line)
            continue
        indent = "  " + mark.group(1)
        out.write(indent + texts[int(mark.group(2))].replace("\n", "\n" + indent) + mark.group(3))


def _spill(store: FragmentStore, keys: list[str], place: dict[str, int], folder: Path) -> None:
    """Each exported regimen's row appended to its indication's file (<n>.jsonl), in the fragments' order."""
    handles: dict[int, object] = {}
    try:
        for key in keys:
            for line in store.lines(key, "fhir"):
                indication_id, _, row = line.partition("\t")
                if indication_id in place:
                    n = place[indication_id]
                    if n not in handles:
                        handles[n] = open(folder / f"{n}.jsonl", "w", encoding="utf-8")
                    handles[n].write(row + "\n")
    finally:
        for handle in handles.values():
            handle.close()


def raise_problems(problems: list[str], count: int | None = None) -> None:
    if problems:
        raise InvalidDatasetError(f"the tables break their own schema, so nothing was published ("
                                  f"{count or len(problems)} problems):\n  " + "\n  ".join(problems[:20]))


__all__ = ["write_fragment_table", "write_fhir", "checked_rows", "FHIR_FILE", "raise_problems"]
