"""load() for notebooks and apps: the curated tables as pandas DataFrames.

    from pipeline import load
    kb = load()                       # the repository's committed curated/
    kb = load("path/to/curated")      # or any folder a build wrote
    kb.regimens                       # one DataFrame per table (kb.tables lists them)
    kb.regimens_for("kawasaki-disease")

Every table of pipeline/schema.py is there: a table whose file is absent (not built yet) is an empty
DataFrame with the schema's columns and types. List columns hold numpy arrays. A partitioned build
(`ivig-kb build --partitioned`: <table>/doc_id=<id>/ folders) loads the same way.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .errors import DatasetNotFoundError, UnknownTableError, UnreadableFileError
from .schema import TABLES, arrow_schema

__all__ = ["KnowledgeBase", "default_folder", "load"]


def default_folder() -> Path:
    """The curated/ folder of this repository (found from the package, not the current directory)."""
    return Path(__file__).resolve().parents[1] / "curated"


class KnowledgeBase:
    """The curated tables as DataFrames, one attribute per table, and the build's manifest."""

    documents: pd.DataFrame
    source_rows: pd.DataFrame
    regimens: pd.DataFrame
    indications: pd.DataFrame
    criteria: pd.DataFrame
    statements: pd.DataFrame
    links: pd.DataFrame
    references: pd.DataFrame
    adverse_effects: pd.DataFrame
    corrections: pd.DataFrame
    flags: pd.DataFrame
    labels: pd.DataFrame

    def __init__(self, folder: Path, frames: dict[str, pd.DataFrame], present: tuple[str, ...], manifest: dict):
        self.folder = folder
        self.present = present  # the tables that had a file; the others are empty
        self.manifest = manifest
        self._frames = frames

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("_frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(f"{type(self).__name__} has no table or attribute {name!r}")

    def __repr__(self) -> str:
        return f"<KnowledgeBase {self.folder}: " + ", ".join(f"{t} {n}" for t, n in self.summary().items()) + ">"

    @property
    def tables(self) -> list[str]:
        """Names of the tables, in the schema's order (then any table a newer build added)."""
        return list(self._frames)

    def table(self, name: str, indication_id: str | None = None) -> pd.DataFrame:
        """One table; with indication_id, only its rows for that canonical indication."""
        if name not in self._frames:
            raise UnknownTableError(f"no table {name!r}; the tables are {', '.join(self._frames)}")
        frame = self._frames[name]
        if indication_id is None:
            return frame
        if "indication_id" not in frame.columns:
            raise UnknownTableError(f"table {name!r} has no indication_id column")
        return frame[frame["indication_id"] == indication_id].reset_index(drop=True)

    def regimens_for(self, indication_id: str) -> pd.DataFrame:
        """The regimens of one canonical indication, every document's."""
        return self.table("regimens", indication_id)

    def summary(self) -> dict[str, int]:
        """Rows per table (0 for a table not built)."""
        return {name: len(frame) for name, frame in self._frames.items()}

    def records(self, name: str, indication_id: str | None = None) -> list[dict]:
        """One table's rows as JSON-ready dicts (nulls as None, lists as lists), as in <name>.json."""
        text = self.table(name, indication_id).to_json(orient="records", force_ascii=False, double_precision=15)
        return json.loads(text)


def _empty(table: str) -> pd.DataFrame:
    return arrow_schema(table).empty_table().to_pandas()


def _read(name: str, path: Path) -> pd.DataFrame:
    """<name>.parquet, or a build's partitioned <name>/doc_id=<id>/ folder read as one table in the
    schema's columns and types; an UnreadableFileError naming the file when it cannot be read."""
    import pyarrow as pa

    try:
        return _read_table(name, path)
    except (OSError, pa.ArrowException, ValueError) as exc:
        raise UnreadableFileError(f"{path}: cannot be read as Parquet ({exc}); rebuild the dataset") from exc


def _read_manifest(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UnreadableFileError(f"{path}: cannot be read as JSON ({exc}); rebuild the dataset") from exc
    if not isinstance(manifest, dict):
        raise UnreadableFileError(f"{path}: not a build manifest (a JSON object); rebuild the dataset")
    return manifest


def _read_table(name: str, path: Path) -> pd.DataFrame:
    if path.is_file():
        return pd.read_parquet(path)
    import pyarrow.dataset as ds

    schema = arrow_schema(name) if name in TABLES else None
    return ds.dataset(path, format="parquet", partitioning="hive", schema=schema).to_table().to_pandas()


def _table_files(folder: Path) -> dict[str, Path]:
    files = {p.stem: p for p in sorted(folder.glob("*.parquet"))}
    files.update({p.name: p for p in sorted(folder.iterdir()) if p.is_dir() and any(p.glob("doc_id=*/*.parquet"))})
    return files


def load(folder: str | Path | None = None) -> KnowledgeBase:
    """The curated dataset in folder (default: this repository's curated/) as a KnowledgeBase."""
    folder = Path(folder) if folder is not None else default_folder()
    files = _table_files(folder) if folder.is_dir() else {}
    if not files:
        raise DatasetNotFoundError(f"{folder} holds no curated table (*.parquet): build it with `make kb`")
    names = list(TABLES) + [name for name in files if name not in TABLES]
    frames = {name: _read(name, files[name]) if name in files else _empty(name) for name in names}
    manifest = _read_manifest(folder / "manifest.json")
    return KnowledgeBase(folder, frames, tuple(name for name in names if name in files), manifest)
