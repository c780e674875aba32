"""Tables -> curated/: the only module that writes the dataset.

Every table is written as Parquet and as JSON (UTF-8, Persian and Chinese readable). The whole
folder is written beside the old one and swapped in at the end, so a build that fails or is killed
leaves the previous curated/ as it was; a lock keeps two builds from writing at once.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import math
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

from .errors import BuildLockedError
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


def write_table(folder: Path, name: str, rows: list[dict], partitioned: bool = False) -> None:
    """One table as <name>.parquet and <name>.json, columns in the schema's order, written in batches.

    partitioned: a table with a doc_id is written instead as a Parquet dataset <name>/doc_id=<id>/
    (Hive layout, one folder per document), which pandas, DuckDB and Spark read as one table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(name)
    kinds = {c.name: c.type for c in TABLES[name]}

    def clean(row: dict) -> dict:
        return {c: _clean(row.get(c), kinds[c]) for c in schema.names}

    def batches():
        for start in range(0, len(rows), _BATCH):
            yield pa.RecordBatch.from_pylist([clean(r) for r in rows[start:start + _BATCH]], schema=schema)

    write_json_rows(folder / f"{name}.json", (clean(r) for r in rows))
    if partitioned and "doc_id" in schema.names and not schema.field("doc_id").nullable:
        import pyarrow.dataset as ds

        ds.write_dataset(pa.RecordBatchReader.from_batches(schema, batches()), folder / name, format="parquet",
                         partitioning=["doc_id"], partitioning_flavor="hive", basename_template="part-{i}.parquet",
                         use_threads=False,
                         file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))
        return
    with pq.ParquetWriter(folder / f"{name}.parquet", schema, compression="zstd") as writer:
        for batch in batches():
            writer.write_batch(batch)
        if not rows:
            writer.write_table(schema.empty_table())


def write_json_rows(path: Path, rows) -> None:
    """A JSON array written one row per line (UTF-8, readable Persian): streamed, and a changed row
    is a changed line in a diff."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for n, row in enumerate(rows):
            handle.write(("\n" if n == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
        handle.write("\n]\n")


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
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


@contextlib.contextmanager
def locked(out_dir: Path, wait_seconds: float = 600.0) -> Iterator[None]:
    """Hold the output folder's lock; wait for another build up to wait_seconds, then refuse."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with open(lock_path, "w") as handle:
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
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _swap_into_place(stage, out_dir)


def _swap_into_place(stage: Path, out_dir: Path) -> None:
    os.chmod(stage, 0o755)
    if not out_dir.exists():
        os.rename(stage, out_dir)
        return
    if _exchange(stage, out_dir):
        shutil.rmtree(stage)  # it now holds the previous build
        return
    old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
    os.rename(out_dir, old)
    os.rename(stage, out_dir)
    shutil.rmtree(old)


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
    with staged(Path(out_dir)) as stage:
        for name, rows in tables.items():
            write_table(stage, name, rows, partitioned)
        write_descriptions(stage, tables)
        for file_name, data in documents.items():
            write_json(stage / file_name, data)
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
    for pattern in (f".{out_dir.name}-new-*", f".{out_dir.name}-old-*"):
        for stage in out_dir.parent.glob(pattern):
            shutil.rmtree(stage, ignore_errors=True)
