"""Tables -> curated/: the staged folder, its atomic swap and the build lock (export_stream.py writes
the documents' tables into the same staged folder, streamed from their fragments).

Every table is written as Parquet and as JSON (UTF-8, Persian and Chinese readable). The whole
folder is written beside the old one and swapped in at the end, so a build that fails or is killed
leaves the previous curated/ as it was; a lock keeps two builds from writing at once. Before the
swap the tables are checked against their schema (check.py) as they are written: a dataset that
fails is never published. A filesystem error on the way is an OutputError naming the path and why.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import math
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

from .check import DatasetCheck, fhir_problems
from .errors import BuildLockedError, InvalidDatasetError, OutputError
from .schema import TABLES, arrow_schema


_COERCE = {"float": float, "int": int, "bool": bool, "string": str}


def _clean(value: Any, kind: str) -> Any:
    """A value in its column's type, the same in Parquet and JSON (a curator's 400 is 400.0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind.startswith("list<"):
        inner = _COERCE[kind[5:-1]]
        return [inner(v) for v in value]
    return _COERCE[kind](value)


_BATCH = 5000  # rows held as Arrow at once: the export's memory does not grow with the corpus


def _written(value: Any, kind: str) -> Any:
    """_clean, or None for a value the pre-swap check has already refused (the build will not publish)."""
    try:
        return _clean(value, kind)
    except (TypeError, ValueError, OverflowError):
        return None


def clean_row(name: str, row: dict) -> dict:
    """A checked row as both twins write it: the schema's columns in order, each value in its type."""
    kinds = {c.name: c.type for c in TABLES[name]}
    return {c.name: _written(row.get(c.name), kinds[c.name]) for c in TABLES[name]}


def write_table(folder: Path, name: str, rows: list[dict], partitioned: bool = False,
                check: DatasetCheck | None = None) -> None:
    """One table as <name>.parquet and <name>.json, columns in the schema's order, written in batches.

    partitioned: a table with a doc_id is written instead as a Parquet dataset <name>/doc_id=<id>/
    (Hive layout, one folder per document), which pandas, DuckDB and Spark read as one table."""
    import pyarrow as pa

    schema = arrow_schema(name)
    kinds = {c.name: c.type for c in TABLES[name]}

    check = check or DatasetCheck()

    def clean(row: dict) -> dict:
        return {c: _written(row.get(c), kinds[c]) for c in schema.names}

    def batches():
        for start in range(0, len(rows), _BATCH):
            yield pa.RecordBatch.from_pylist([clean(r) for r in rows[start:start + _BATCH]], schema=schema)

    by_document = partitioned and "doc_id" in schema.names and not schema.field("doc_id").nullable
    sink = (_Partitions(folder / name, schema) if _plain_runs(rows) else None) if by_document else \
        _Plain(folder / f"{name}.parquet", schema)

    def checked():
        # each batch is checked and cleaned once, for both twins: the JSON twin gets every checked row
        # (a refused value written as null), the Parquet twin only while every row so far passed,
        # since a refused dataset is never published
        for start in range(0, len(rows), _BATCH):
            batch = [clean(check.row(name, n, r)) for n, r in enumerate(rows[start:start + _BATCH], start=start + 1)]
            if sink is not None and not check.count:
                sink.add(batch)
            yield from batch

    write_json_rows(folder / f"{name}.json", checked())
    if check.count:
        if sink is not None:
            sink.abandon()
        return
    if sink is not None:
        sink.close()
        return
    import pyarrow.dataset as ds

    ds.write_dataset(pa.RecordBatchReader.from_batches(schema, batches()), folder / name, format="parquet",
                     partitioning=["doc_id"], partitioning_flavor="hive", basename_template="part-{i}.parquet",
                     use_threads=False, file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))


class _Plain:
    """One Parquet file, a row group per batch."""

    def __init__(self, path: Path, schema):
        import pyarrow.parquet as pq

        self.path, self.schema, self.empty = path, schema, True
        self.writer = pq.ParquetWriter(path, schema, compression="zstd")

    def add(self, rows: list[dict]) -> None:
        import pyarrow as pa

        self.writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=self.schema))
        self.empty = False

    def add_table(self, table) -> None:
        """Rows already in Arrow: written as one row group, the bytes add() writes for the same rows."""
        self.writer.write_batch(table.combine_chunks().to_batches()[0])
        self.empty = False

    def close(self) -> None:
        if self.empty:
            self.writer.write_table(self.schema.empty_table())
        self.writer.close()

    def abandon(self) -> None:
        self.writer.close()
        self.path.unlink(missing_ok=True)


_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]+")  # a doc_id Hive's layout writes as it is (no escaping)


def _plain_runs(rows: list[dict]) -> bool:
    """Rows that _Partitions writes as pyarrow's dataset writer would: some rows, each document's
    together, every doc_id one the layout writes unescaped."""
    ids: list = []
    for row in rows:
        if not ids or ids[-1] != row.get("doc_id"):
            ids.append(row.get("doc_id"))
    return bool(ids) and len(set(ids)) == len(ids) and all(isinstance(d, str) and _PLAIN_ID.fullmatch(d) for d in ids)


class _Partitions:
    """A table as <folder>/doc_id=<id>/part-0.parquet, one document (one row group) at a time, as the
    rows come, without pyarrow's dataset writer holding every partition's columns open until the end
    (at 1,000 documents, most of the build's peak memory). The files are the dataset writer's, byte
    for byte (tested), but for a document whose rows straddled two of its input batches: that one it
    wrote as two row groups, the later first, out of the table's order; here its rows stay in order."""

    def __init__(self, folder: Path, schema):
        self.folder, self.schema = folder, schema
        self.part_schema = schema.remove(schema.get_field_index("doc_id"))  # the folder's name says it
        self.doc_id: str | None = None
        self.pending: list[dict] = []

    def add(self, rows: list[dict]) -> None:
        for row in rows:
            if row["doc_id"] != self.doc_id:
                self._flush()
                self.doc_id = row["doc_id"]
            self.pending.append(row)

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.pending:
            return
        path = self.folder / f"doc_id={self.doc_id}" / "part-0.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist(self.pending, schema=self.schema).drop_columns(["doc_id"])
        with pq.ParquetWriter(path, self.part_schema, compression="zstd") as writer:
            writer.write_table(table.cast(self.part_schema))
        self.pending = []

    def close(self) -> None:
        self._flush()

    def abandon(self) -> None:
        self.pending = []
        shutil.rmtree(self.folder, ignore_errors=True)


def write_partitions(folder: Path, schema, rows: list[dict], clean) -> bool:
    """rows (cleaned by clean) as _Partitions writes them; False, having written nothing, for what only
    the dataset writer handles: no rows, a document's rows not together, a doc_id it would escape."""
    if not _plain_runs(rows):
        return False
    sink = _Partitions(folder, schema)
    sink.add([clean(r) for r in rows])
    sink.close()
    return True


def write_json_rows(path: Path, rows) -> None:
    """A JSON array written one row per line (UTF-8, readable Persian): streamed, and a changed row
    is a changed line in a diff."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for n, row in enumerate(rows):
            handle.write(("\n" if n == 0 else ",\n") + json.dumps(row, ensure_ascii=False, allow_nan=False))
        handle.write("\n]\n")


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def output_folder(out_dir: str | os.PathLike) -> Path:
    """Where the dataset goes: a symbolic link is followed (the new build is swapped in beside its
    target, which the link keeps naming); a path that is a file, not a folder, is refused."""
    path = Path(out_dir)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_dir():
        raise OutputError(f"{out_dir} is a file, not a folder: a dataset is never written over a file "
                          "(give --out a folder, or a path that does not exist yet)")
    return path


def reason_of(exc: OSError) -> str:
    """An OSError in a curator's words: what failed, on which path."""
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


@contextlib.contextmanager
def output_errors(out_dir: Path) -> Iterator[None]:
    """A filesystem error while writing the output becomes an OutputError that names the path and why."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {out_dir}: {reason_of(exc)}") from exc


@contextlib.contextmanager
def locked(out_dir: Path, wait_seconds: float = 600.0) -> Iterator[None]:
    """Hold the output folder's lock; wait for another build up to wait_seconds, then refuse."""
    out_dir = Path(out_dir)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with output_errors(out_dir):
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "w")
    with handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLockedError(f"another build is writing {out_dir} (lock {lock_path})") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """A fresh folder beside out_dir to write into; swapped into place only if the block succeeds."""
    out_dir = Path(out_dir)
    with output_errors(out_dir):
        stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        with output_errors(out_dir):
            yield stage
            _swap_into_place(stage, out_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _swap_into_place(stage: Path, out_dir: Path) -> None:
    os.chmod(stage, 0o755)
    if not out_dir.exists():
        os.rename(stage, out_dir)
        return
    if _exchange(stage, out_dir):
        # it now holds the previous build; the new one is in place, so a failure to remove the old
        # one is not a failed build (the next build removes what is left)
        shutil.rmtree(stage, ignore_errors=True)
        return
    old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
    os.rename(out_dir, old)
    try:
        os.rename(stage, out_dir)
    except OSError:
        os.rename(old, out_dir)  # put the previous build back before saying why
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_descriptions(folder: Path, tables: dict[str, list[dict]]) -> None:
    """datapackage.json and schemas/<table>.schema.json (generated from schema.py for the tables written),
    and schemas/manifest.schema.json."""
    from .describe import manifest_json_schema, table_to_json_schema, tables_to_datapackage

    write_json(folder / "datapackage.json",
               tables_to_datapackage(list(tables), {name for name, rows in tables.items() if not rows}))
    for name in tables:
        write_json(folder / "schemas" / f"{name}.schema.json", table_to_json_schema(name))
    write_json(folder / "schemas" / "manifest.schema.json", manifest_json_schema())


def write_dataset(out_dir: Path, tables: dict[str, list[dict]], documents: dict[str, Any],
                  texts: dict[str, str | bytes] = (), partitioned: bool = False) -> None:
    """Write every table, their descriptions, the extra JSON documents (manifest, fhir/ ...) and text
    or binary files (review page, its images) as one atomic step; a file's name may hold a subfolder."""
    check = DatasetCheck()
    with staged(Path(out_dir)) as stage:
        for name, rows in tables.items():
            write_table(stage, name, rows, partitioned, check)
        problems = check.result() + [p for data in documents.values() for p in fhir_problems(data)]
        if problems:
            raise InvalidDatasetError(f"the tables break their own schema, so nothing was published ("
                                      f"{check.count or len(problems)} problems):\n  " + "\n  ".join(problems))
        write_descriptions(stage, tables)
        for file_name, data in documents.items():
            try:
                write_json(stage / file_name, data)
            except ValueError as exc:  # NaN or Infinity: not JSON
                raise InvalidDatasetError(f"{file_name}: {exc}") from exc
        for file_name, content in dict(texts).items():
            path = stage / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")


def write_file_atomically(path: Path, text: str) -> None:
    """One file replaced in a single step (written beside it, then renamed over it)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def remove_abandoned_stages(out_dir: Path) -> None:
    """Folders a killed build left beside out_dir (only ever called while holding the lock)."""
    out_dir = Path(out_dir)
    for pattern in (f".{out_dir.name}-new-*", f".{out_dir.name}-old-*", f".{out_dir.name}-work-*"):
        for stage in out_dir.parent.glob(pattern):
            shutil.rmtree(stage, ignore_errors=True)
