"""Exceptions for builds that must stop. Data problems are Flag records, not exceptions."""
from __future__ import annotations


class PipelineError(Exception):
    """Base of the library's errors; the CLI turns them into a message and an exit code."""


class DocumentError(PipelineError):
    """A document in raw_documents/ cannot be read: names the file and the reason."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class AccountingError(PipelineError):
    """Rows in do not equal rows kept + merged + rejected: something was dropped silently."""


class BuildLockedError(PipelineError):
    """Another build holds the output folder."""


class DatasetNotFoundError(PipelineError):
    """The folder given to load() holds no curated dataset."""


class UnknownTableError(PipelineError):
    """A table the dataset does not have."""
