"""ivig-kb: IVIg prescribing rules as a curated dataset. `from pipeline import load` gives the tables;
`from pipeline import read_statement` reads one dose statement.

`load` is imported on first use, so `import pipeline` and the command line stay fast (no pandas).
"""
from __future__ import annotations

__all__ = ["KnowledgeBase", "Reading", "load", "read_statement"]


def __getattr__(name: str):
    if name in ("Reading", "read_statement"):
        from . import statement

        return getattr(statement, name)
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
