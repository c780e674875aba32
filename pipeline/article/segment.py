"""Normalized Chinese sentence -> tokens (jieba), the domain's terms kept whole.

A private jieba Tokenizer carries the user dictionary (pipeline/data/terms_zh.txt), so other users
of jieba in the process are not changed. Its cache goes to the system's temp folder only, and its
log is kept to warnings.
"""
from __future__ import annotations

import logging
import tempfile
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
