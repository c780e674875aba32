"""Normalized Chinese sentence -> tokens (jieba), the domain's terms kept whole.

A private jieba Tokenizer carries the user dictionary (pipeline/data/terms_zh.txt), so other users
of jieba in the process are not changed, and its log is kept to warnings. Its dictionary is made
only when a Chinese sentence is cut, and read from an index in the build cache folder (named by
the environment variable DICTIONARY_DIR, which the build sets, so its workers see it too): see
jieba_index.py. Without that folder, or when the index cannot be made there, jieba loads its
dictionary itself, from its cache in the system's temp folder. The tokens are the same either way.
"""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
import warnings
from functools import cache
from importlib import resources
from pathlib import Path

_CACHE_FILE = "ivig-kb-jieba.cache"
DICTIONARY_DIR = "IVIG_KB_JIEBA_DIR"  # the folder of jieba's dictionary index (set by the build)


def domain_terms() -> list[str]:
    """The user dictionary's terms, in file order."""
    text = resources.files("pipeline.data").joinpath("terms_zh.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def _tokenizer(folder: str | None = None):
    # Imported here: jieba costs ~1 s to load its dictionary, which commands that never segment skip.
    # jieba 0.42 is written for older Pythons: its first import on 3.12 warns about its own regexes
    # and pkg_resources, which says nothing about our data.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=SyntaxWarning)
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    from .jieba_index import indexed_tokenizer

    tokenizer = indexed_tokenizer(Path(folder)) if folder else None
    if tokenizer is None:
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = tempfile.gettempdir()
        tokenizer.cache_file = _CACHE_FILE
    for term in domain_terms():
        tokenizer.add_word(term)
    return tokenizer


def text_to_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a normalized sentence, whitespace dropped."""
    folder = os.environ.get(DICTIONARY_DIR) or None
    try:
        tokens = _tokenizer(folder).lcut(text)
    except sqlite3.Error:  # the index was damaged after it opened: jieba's own dictionary, same tokens
        tokens = _tokenizer(None).lcut(text)
    return tuple(t for t in tokens if t.strip())


@contextlib.contextmanager
def dictionary_in(folder: Path):
    """jieba's dictionary index kept in folder while the block runs, for this process and the workers
    it starts (unless the caller's environment already names a folder)."""
    if os.environ.get(DICTIONARY_DIR):
        yield
        return
    os.environ[DICTIONARY_DIR] = str(folder)
    try:
        yield
    finally:
        os.environ.pop(DICTIONARY_DIR, None)
