"""Normalized Chinese sentence -> tokens (jieba), the domain's terms kept whole.

A private jieba Tokenizer carries the user dictionary (pipeline/data/terms_zh.txt), so other users
of jieba in the process are not changed. Its cache goes to the system's temp folder only, and its
log is kept to warnings.
"""
from __future__ import annotations

import logging
import tempfile
import warnings
from functools import cache
from importlib import resources

_CACHE_FILE = "ivig-kb-jieba.cache"


def domain_terms() -> list[str]:
    """The user dictionary's terms, in file order."""
    text = resources.files("pipeline.data").joinpath("terms_zh.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def _tokenizer():
    # Imported here: jieba costs ~1 s to load its dictionary, which commands that never segment skip.
    # jieba 0.42 is written for older Pythons: its first import on 3.12 warns about its own regexes
    # and pkg_resources, which says nothing about our data.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=SyntaxWarning)
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = tempfile.gettempdir()
    tokenizer.cache_file = _CACHE_FILE
    for term in domain_terms():
        tokenizer.add_word(term)
    return tokenizer


def text_to_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a normalized sentence, whitespace dropped."""
    return tuple(t for t in _tokenizer().lcut(text) if t.strip())
