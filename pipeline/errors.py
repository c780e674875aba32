"""Exceptions for builds that must stop. Data problems are Flag records, not exceptions.

Every exception here survives pickling (a worker process or a Dask worker hands them back to the
build): an exception whose __init__ takes more than the message says how to rebuild itself in
__reduce__, else the pool that unpickles it breaks instead of naming the file.
"""
from __future__ import annotations


class PipelineError(Exception):
    """Base of the library's errors; the CLI turns them into a message and an exit code."""


class DocumentError(PipelineError):
    """A document in raw_documents/ cannot be read: names the file and the reason."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self):
        return type(self), (self.file, self.reason)


class NothingReadError(PipelineError):
    """Every document was left out (keep_going): a build that read nothing publishes nothing."""


class AccountingError(PipelineError):
    """Rows in do not equal rows kept + merged + rejected: something was dropped silently."""


class BuildLockedError(PipelineError):
    """Another build holds the output folder."""


class OutputError(PipelineError):
    """The output path cannot take a dataset (a file, not a folder), or writing it failed; the
    previous output is left as it was."""


class WorkerError(PipelineError):
    """A worker process died while reading documents (killed, out of memory)."""


class InvalidDatasetError(PipelineError):
    """The tables a build is about to publish break their own schema: nothing is published."""


class DatasetNotFoundError(PipelineError):
    """The folder given to load() holds no curated dataset."""


class UnreadableFileError(PipelineError):
    """A file of a built dataset cannot be read (truncated, not Parquet or JSON): names it and why."""


class UnknownTableError(PipelineError):
    """A table the dataset does not have."""
