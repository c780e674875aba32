"""raw_documents/ -> SourceFile: find the documents, check they are readable, decode text.

Text may arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or legacy Windows-1256 (in which
many Iranian documents still circulate). Anything else stops the build with the file's name and
the reason: a wrong guess at an encoding would put wrong words, and so wrong doses, in the data.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import unicodedata
from pathlib import Path

from .errors import DocumentError
from .limits import limits, mib
from .records import SourceFile

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
PDF_SUFFIXES = {".pdf"}
# Files that describe the folder rather than being documents of it.
IGNORED_NAMES = {"readme", "readme.md", "readme.txt", "license", ".gitkeep"}


def discover(raw_dir: str | os.PathLike) -> tuple[list[Path], list[Path]]:
    """Files of raw_dir to read (sorted by name) and files left aside (not documents)."""
    root = Path(raw_dir)
    if not root.is_dir():
        raise DocumentError(str(root), "the raw documents folder does not exist")
    take, skip = [], []
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name.lower() in IGNORED_NAMES or not path.is_file():
            skip.append(path)
        elif path.suffix.lower() in TEXT_SUFFIXES or path.suffix.lower() in PDF_SUFFIXES:
            take.append(path)
        else:
            skip.append(path)
    return take, skip


def why_skipped(path: Path) -> str:
    """Why discover() left a path aside, in words a curator reads in the build summary."""
    if path.is_symlink() and not path.exists():
        return "a symbolic link to nothing (its target is gone)"
    if path.name.startswith("."):
        return "a hidden file"
    if path.name.lower() in IGNORED_NAMES:
        return "describes the folder, not a document"
    if path.is_dir():
        return "a folder (documents are read from the top level only)"
    if not path.is_file():
        return "not a regular file"
    return f"not a document format ({path.suffix or 'no suffix'}; read: .txt, .html, .pdf)"


def read_file(path: str | os.PathLike) -> tuple[str, bytes]:
    """A file's name and bytes, or a DocumentError saying why they cannot be had."""
    path = Path(path)
    try:
        size, bound = path.stat().st_size, limits().max_file_bytes
        if size > bound:
            raise DocumentError(path.name, f"too large to be a guideline ({mib(size)}, more than the {mib(bound)} "
                                           "of limits.yaml max_file_bytes)")
        with open(path, "rb") as handle:
            data = handle.read(bound + 1)  # the file may grow between stat and read
        if len(data) > bound:
            raise DocumentError(path.name, f"too large to be a guideline (more than the {mib(bound)} of "
                                           "limits.yaml max_file_bytes)")
        return path.name, data
    except OSError as exc:
        raise DocumentError(path.name, f"cannot be read ({exc.strerror or exc})") from exc


def bytes_to_source(name: str, data: bytes, path: str = "") -> SourceFile:
    """A file's bytes -> SourceFile: its hash and, for text formats, its decoded text."""
    if not data.strip():
        raise DocumentError(name, "the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix.lower()
    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        if data[:5] != b"%PDF-":
            raise DocumentError(name, "not a PDF: the file does not start with %PDF-")
        return SourceFile(name, path, digest, "pdf", None, None, len(data), data)
    text, encoding = decode_text(name, data)
    return SourceFile(name, path, digest, TEXT_SUFFIXES.get(suffix, "text"), encoding, text, len(data))


def read_source(path: str | os.PathLike) -> SourceFile:
    """Read one file: its bytes, hash and, for text formats, its decoded text."""
    name, data = read_file(path)
    return bytes_to_source(name, data, str(path))


def decode_text(name: str, data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). Raises DocumentError naming the file when no encoding fits."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(name, data.decode(encoding), encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(name, f"starts with a {encoding} byte-order mark but is not valid "
                                          f"{encoding} (byte {exc.start})") from exc
    if b"\x00" in data:
        raise DocumentError(name, "binary data (NUL bytes): not a text file")
    try:
        return _checked(name, data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if "\ufffd" not in text and _looks_persian(text):
        return _checked(name, text, "cp1256"), "cp1256"
    raise DocumentError(name, "unknown text encoding: neither UTF-8 nor Windows-1256 Persian text")


def _checked(name: str, text: str, encoding: str) -> str:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    if controls > max(2, len(text) // 200):
        raise DocumentError(name, f"decodes as {encoding} but holds {controls} control characters: "
                                  "binary data, not text")
    return text


def _looks_persian(text: str) -> bool:
    """Windows-1256 decodes almost any bytes, so demand that the letters be mostly Arabic-script."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    return arabic / len(letters) >= 0.5


def script_of(text: str) -> str:
    """The dominant script of a text: "fa" (Arabic script), "zh" (CJK ideographs) or "other"."""
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if max(arabic, cjk) == 0:
        return "other"
    return "fa" if arabic >= cjk else "zh"
