"""The pipeline's version: part of every cache key, so a new version re-reads every document."""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PIPELINE_VERSION = "0.1.0"


@cache
def code_version() -> str:
    """PIPELINE_VERSION and a digest of the package's code: a cached parse is reused only by the
    code that made it, even between releases."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return f"{PIPELINE_VERSION}+{digest.hexdigest()[:10]}"
