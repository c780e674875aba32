"""Per-document results kept between builds: an unchanged document is not parsed again.

A result is reused when the file's sha256, the pipeline's version (and code) and the data files'
version are all the same as when it was stored. A cache entry that cannot be read is ignored, never trusted.
"""
from __future__ import annotations

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
