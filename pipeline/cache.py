"""Per-document results kept between builds: an unchanged document is not parsed again.

A result is reused when the file's sha256, the pipeline's version (and code) and the data files'
version are all the same as when it was stored. A cache entry that cannot be read is ignored, never trusted.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from .lexicon import data_version
from .version import code_version


class DocumentCache:
    def __init__(self, folder: str | Path | None):
        self.folder = Path(folder) if folder else None

    def _path(self, sha256: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{sha256}-{code_version()}-{data_version()}.pickle"

    def get(self, sha256: str) -> Any | None:
        path = self._path(sha256)
        if path is None or not path.exists():
            return None
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # a damaged entry is a miss: the document is simply parsed again
            return None

    def put(self, sha256: str, result: Any) -> None:
        path = self._path(sha256)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


def folder_digest(folder: Path) -> str | None:
    """A digest of every file of a built folder (names and bytes); None when it does not exist."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
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
        if stored.get("key") != key or stored.get("out_digest") != folder_digest(self.out_dir):
            return None
        return stored["report"]

    def save(self, key: str | None, report: dict) -> None:
        if self.path is None or key is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"key": key, "out_digest": folder_digest(self.out_dir), "report": report}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, self.path)
