"""Bounds on the work one document may ask for (pipeline/data/limits.yaml), read once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_stream_bytes: int
    max_document_inflated_bytes: int
    max_pages: int
    max_chars_per_page: int
    worker_memory_mib: int

    def __post_init__(self):
        for name, value in vars(self).items():
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"limits.yaml: {name} must be a positive whole number, not {value!r}")


@cache
def limits() -> Limits:
    from .lexicon import load

    return Limits(**load("limits.yaml"))


def mib(n: int) -> str:
    return f"{n / 2**20:g} MiB"
