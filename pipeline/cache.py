"""Per-document results kept between builds: an unchanged document is not parsed again.

A result is reused when the file's sha256, the pipeline's version (and code) and the data files'
version are all the same as when it was stored. A cache entry that cannot be read is ignored, never trusted.

Entries are JSON, one file per document, never pickles: whoever can write the cache folder could
otherwise run code in the next build. The records are written with their class's name and read
back only into the pipeline's own frozen dataclasses (records.py and its kin), field by field.
A cache that cannot be written (read-only, full disk) costs speed, never the build.
"""
from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import importlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .lexicon import data_version
from .version import code_version

FORMAT = 1  # bump when the encoding below changes: older entries are then simply misses


def to_json(value: Any) -> Any:
    """A result (frozen dataclasses, tuples, dicts, bytes, numbers, text) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {"@": f"{cls.__module__}:{cls.__qualname__}",
                "f": {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, tuple):
        return {"@t": [to_json(v) for v in value]}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {"@d": [[to_json(k), to_json(v)] for k, v in value.items()]}
    if isinstance(value, bytes):
        return {"@b": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"the cache does not store {type(value).__name__}")


def _record_class(name: str) -> type:
    """Only the pipeline's own dataclasses are ever made from an entry."""
    module, _, qualname = name.partition(":")
    if module != "pipeline" and not module.startswith("pipeline."):
        raise ValueError(f"not a pipeline record: {name}")
    cls = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise ValueError(f"not a pipeline record: {name}")
    return cls


def from_json(data: Any) -> Any:
    """The inverse of to_json."""
    if isinstance(data, list):
        return [from_json(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "@t" in data:
        return tuple(from_json(v) for v in data["@t"])
    if "@d" in data:
        return {from_json(k): from_json(v) for k, v in data["@d"]}
    if "@b" in data:
        return base64.b64decode(data["@b"])
    cls = _record_class(data["@"])
    names = {f.name for f in dataclasses.fields(cls)}
    if set(data["f"]) != names:
        raise ValueError(f"{data['@']}: fields differ from the record's")
    record = object.__new__(cls)
    for name, value in data["f"].items():
        object.__setattr__(record, name, from_json(value))
    return record


class DocumentCache:
    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder else None
        self._versions: str | None = None  # code and data versions, digested once per build (not per entry)

    def _path(self, sha256: str) -> Path | None:
        if self.folder is None:
            return None
        if self._versions is None:
            self._versions = f"{code_version()}-{data_version()}"
        return self.folder / f"{sha256}-{self._versions}.v{FORMAT}.json"

    def get(self, sha256: str) -> Any | None:
        path = self._path(sha256)
        if path is None or not path.is_file():
            return None
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("format") != FORMAT or stored.get("sha256") != sha256:
                return None
            return from_json(stored["result"])
        except Exception:  # noqa: BLE001 - a damaged or foreign entry is a miss: the document is parsed again
            return None

    def put(self, sha256: str, result: Any) -> bool:
        """Store a result; False when it could not be (the next build parses this document again)."""
        path = self._path(sha256)
        if path is None:
            return False
        try:
            text = json.dumps({"format": FORMAT, "sha256": sha256, "result": to_json(result)}, ensure_ascii=False)
            write_atomically(path, text)
        except (OSError, TypeError, ValueError):
            return False
        return True


class DocumentIndex:
    """Beside each cached result, what the build needs to know of a document without reading its
    result back: its doc_id, whether it is a circular, its format and first file (for the order of
    documents). A missing or damaged entry is a miss (the result is read back instead)."""

    def __init__(self, cache: DocumentCache):
        self.cache = cache

    def _path(self, sha256: str) -> Path | None:
        path = self.cache._path(sha256)
        return path.with_name(path.name[:-len(".json")] + ".id.json") if path else None

    def get(self, sha256: str) -> dict | None:
        path = self._path(sha256)
        try:
            found = json.loads(path.read_text(encoding="utf-8")) if path else None
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) and found.get("sha256") == sha256 else None

    def put(self, sha256: str, info: dict) -> None:
        path = self._path(sha256)
        if path is not None:
            with contextlib.suppress(OSError, TypeError, ValueError):
                write_atomically(path, json.dumps({**info, "sha256": sha256}, ensure_ascii=False))


def write_atomically(path: Path, text: str) -> None:
    """One file replaced in a single step (written beside it, then renamed over it): a reader never
    sees half of it; a failure leaves no temporary behind and raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def folder_digest(folder: Path) -> str | None:
    """A digest of every file of a built folder (names, sizes, modification times to the nanosecond,
    as make judges a file changed); None when it does not exist. Not the bytes: reading back a
    1,000-document output (most of a gigabyte) would cost an incremental build more than its work."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


class LastBuild:
    """What the last build into an output folder was made from, so that a build of the same inputs
    (files, corrections, options, code and data) into an untouched output returns at once."""

    def __init__(self, cache: DocumentCache, out_dir: Path):
        self.path = cache.folder / "last-build.json" if cache.folder else None
        self.out_dir = out_dir

    @staticmethod
    def key(paths: list[Path], corrections: Path | None, options: dict) -> str | None:
        digest = hashlib.sha256(json.dumps([code_version(), data_version(), options], sort_keys=True).encode())
        try:
            for path in [*paths, *([corrections] if corrections and corrections.exists() else [])]:
                digest.update(path.name.encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            return None  # the real build will say which file and why
        return digest.hexdigest()

    def report(self, key: str | None) -> dict | None:
        """The stored report when nothing changed since it was made, else None."""
        if self.path is None or key is None or not self.path.exists():
            return None
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(stored, dict) or not isinstance(stored.get("report"), dict):
            return None
        try:
            if stored.get("key") != key or stored.get("out_digest") != folder_digest(self.out_dir):
                return None
        except OSError:
            return None  # an output that cannot be read is rebuilt
        return stored["report"]

    def save(self, key: str | None, report: dict) -> None:
        if self.path is None or key is None:
            return
        with contextlib.suppress(OSError, ValueError):
            data = {"key": key, "out_digest": folder_digest(self.out_dir), "report": report}
            write_atomically(self.path, json.dumps(data, ensure_ascii=False))
