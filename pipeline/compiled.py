"""A pattern's source -> the compiled pattern, re's compiled form kept in the build cache between processes.

The language packs build a few hundred patterns when they load, some of them tens of thousands of
characters (every spelling of a reading, each with the number-range pattern). re parses and compiles
them in pure Python: about half a second of every build, the same work each time. What re's compiler
makes of a pattern (the SRE code handed to `_sre.compile`) depends only on the pattern, its flags and
the interpreter, so it is kept, like the libraries' answers of memo.py, in one JSON file of the
folder the build names to its workers, under the interpreter's version and SRE's magic number.

A kept code is never trusted blindly: its entry carries a digest of the source and the code (an altered
literal would pass _sre's checks), `_sre.compile` validates every code it is given (a damaged file
raises, and the pattern is then compiled by re as usual), and the compiled pattern must carry the
source, flags and groups re would give it. Without that folder (the API outside a build) re compiles.
New codes are written once per document read (`keep()`), never per pattern; a file that cannot be
read is ignored and one that cannot be written costs speed, never a match.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import platform
import re
from array import array
from functools import lru_cache
from pathlib import Path

__all__ = ["keep", "parsed", "regex"]

FILE = "compiled-patterns.json"
_MIN_SOURCE = 400  # a shorter pattern compiles faster than its kept code is looked up and checked
_MAX_KEPT = 2000  # codes kept in the file: this process's first, then the others the file already held

_kept: dict[str, dict] = {}  # folder -> its file's codes (key -> entry), read once per process
_used: dict[str, set[str]] = {}  # folder -> the keys this process compiled or looked up
_new: dict[str, dict] = {}  # folder -> codes compiled here and not yet written
_made: dict[str, re.Pattern] = {}  # key -> the pattern made in this process


def _interpreter() -> str:
    import _sre

    return f"{platform.python_implementation()} {platform.python_version()} sre {_sre.MAGIC} {_sre.CODESIZE}"


def _folder() -> str | None:
    from .memo import _folder

    return _folder()


def regex(source: str, flags: int = 0) -> re.Pattern:
    """re.compile(source, flags), from the kept code when this interpreter compiled it before."""
    folder = _folder() if len(source) >= _MIN_SOURCE else None
    if folder is None:
        return re.compile(source, flags)
    key = _key(source, flags)
    _used.setdefault(folder, set()).add(key)
    if (made := _made.get(key)) is not None:
        return made
    kept = _codes(folder).pop(key, None)  # a code is read once: the pattern is kept, not its code
    pattern = _from_code(source, flags, kept) if kept is not None else None
    if pattern is None:
        pattern, _new.setdefault(folder, {})[key] = _compile(source, flags)
    _made[key] = pattern
    return pattern


@lru_cache(maxsize=4)  # a parse tree of a long pattern holds megabytes: only the last few are kept
def parsed(source: str, flags: int = 0):
    """re's parse of a pattern, for the analyses that only read it (the gates' words, a pattern's first
    characters, the alternatives of a reading): the packs' loaders ask these of the same long pattern
    several times in a row, and parsing is most of what they cost. Never handed to re's compiler."""
    from re import _parser

    return _parser.parse(source, flags)


def _key(source: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}:{source}".encode("utf-8", "surrogatepass")).hexdigest()


def keep() -> None:
    """Write the codes compiled since the last call (nothing to do when there are none)."""
    folder = _folder()
    new = _new.pop(folder, None) if folder else None
    if not new:
        return
    codes = {**_read(Path(folder)), **new}
    used = _used.get(folder, set())
    order = sorted(codes, key=lambda key: (key not in used, key))[:_MAX_KEPT]
    _write(Path(folder), {key: codes[key] for key in order})


def _compile(source: str, flags: int) -> tuple[re.Pattern, dict]:
    """re's own compilation, step by step, keeping the code it hands to _sre."""
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groups = parsed.state.groupdict
    entry = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups, "names": dict(groups), "code": code}
    entry["digest"] = _digest(source, entry)
    pattern = _from_code(source, flags, entry)
    return (pattern if pattern is not None else re.compile(source, flags)), entry


def _from_code(source: str, flags: int, entry: dict) -> re.Pattern | None:
    """The pattern _sre makes of a code (it validates the code), or None when the entry is no code of
    this source (damaged, or made by another interpreter)."""
    import _sre

    try:
        names = {str(name): int(index) for name, index in entry["names"].items()}
        groups = int(entry["groups"])
        index_group = [None] * groups
        for name, index in names.items():
            index_group[index] = name
        code = entry["code"]
        if not isinstance(code, list) or entry.get("digest") != _digest(source, entry):
            return None  # a code _sre would accept may still have been altered (a literal changed)
        pattern = _sre.compile(source, int(entry["flags"]), code, groups - 1, names, tuple(index_group))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RuntimeError, OverflowError):
        return None  # not an entry of this shape, or a code _sre refuses
    if pattern.pattern != source or pattern.flags & flags != flags or pattern.groups != groups - 1:
        return None
    return pattern


def _digest(source: str, entry: dict) -> str:
    """The entry's fingerprint: its source, flags, groups and code (a code's words fit 32 bits)."""
    head = json.dumps([source, entry["flags"], entry["groups"], entry["names"]], sort_keys=True)
    return hashlib.sha256(head.encode("utf-8", "surrogatepass") + array("I", entry["code"]).tobytes()).hexdigest()


def _codes(folder: str) -> dict:
    codes = _kept.get(folder)
    if codes is None:
        codes = _kept[folder] = _read(Path(folder))
    return codes


def _read(folder: Path) -> dict:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("interpreter") != _interpreter() or not isinstance(data.get("codes"), dict):
        return {}
    return {key: value for key, value in data["codes"].items() if isinstance(value, dict)}


def _write(folder: Path, codes: dict) -> None:
    from .cache import write_atomically

    with contextlib.suppress(OSError):
        write_atomically(folder / FILE, json.dumps({"interpreter": _interpreter(), "codes": codes},
                                                   separators=(",", ":"), sort_keys=True))
