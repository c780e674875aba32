"""jieba's dictionary -> an indexed file in the build cache, read a word at a time.

jieba loads its whole prefix dictionary (about 500,000 words) into memory before it cuts a single
sentence: 0.6 s from its marshal cache on every new process (and every worker), 1.5 s from dict.txt.
Cutting a sentence only ever asks the dictionary about substrings of that sentence (its DAG and
route), so the same tokens come from a dictionary that answers those questions from an indexed
SQLite file, kept in the build cache folder and made once per jieba dictionary (its sha256 names the
file). SQLite, not marshal or pickle: the cache folder may be written by someone else, and a damaged
or foreign file is then an error we catch (the build falls back to jieba's own loading), never code.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
import threading
from pathlib import Path

FORMAT = 1  # bump when the file's layout changes: older files are then simply not found


def index_path(folder: Path, dict_file: Path) -> Path:
    """Where the index of this jieba dictionary lives in the folder (its bytes name it)."""
    digest = hashlib.sha256(dict_file.read_bytes()).hexdigest()[:24]
    return folder / f"jieba-dict-{digest}.v{FORMAT}.sqlite"


def dictionary_to_index(dict_file: Path, path: Path) -> None:
    """jieba's dict.txt -> the SQLite index (word, frequency; jieba's prefixes with frequency 0),
    written beside and renamed into place, so a reader never sees half of it."""
    import jieba

    with open(dict_file, "rb") as handle:
        freq, total = jieba.Tokenizer.gen_pfdict(handle)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-jieba-", suffix=".sqlite")
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (total INTEGER NOT NULL, words INTEGER NOT NULL)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", sorted(freq.items()))
            db.execute("INSERT INTO meta VALUES (?, ?)", (total, len(freq)))
            db.commit()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class IndexedFreq:
    """The part of a dict jieba uses (`in`, `[]`, `.get`, `[]=`), answered from the index.

    Answers are remembered (found or not), and words jieba adds (the user dictionary) are kept here,
    never written to the file. The connection is opened per process: a forked worker opens its own."""

    def __init__(self, path: Path):
        self.path = path
        self._known: dict[str, int | None] = {}
        self._lock = threading.Lock()
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self.total, self.words = self._query("SELECT total, words FROM meta").fetchone()

    def _query(self, sql: str, *args):
        if self._pid != os.getpid():
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                       check_same_thread=False)
            self._pid = os.getpid()
        return self._db.execute(sql, args)

    def _lookup(self, word: str) -> int | None:
        try:
            return self._known[word]
        except KeyError:
            pass
        with self._lock:
            row = self._query("SELECT n FROM freq WHERE word = ?", word).fetchone()
        self._known[word] = found = None if row is None else int(row[0])
        return found

    def __contains__(self, word: str) -> bool:
        return self._lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._lookup(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default=None):
        found = self._lookup(word)
        return default if found is None else found

    def __setitem__(self, word: str, freq: int) -> None:
        self._known[word] = freq


def indexed_tokenizer(folder: Path):
    """A jieba Tokenizer whose dictionary is the folder's index (made there first when missing);
    None when the folder cannot hold it or the file there is not a usable index."""
    import jieba

    dict_file = Path(jieba.__file__).with_name("dict.txt")
    try:
        path = index_path(folder, dict_file)
        if not path.is_file():
            dictionary_to_index(dict_file, path)
        freq = IndexedFreq(path)
    except (OSError, sqlite3.Error, TypeError, ValueError):
        return None  # read-only or full disk, a damaged file: jieba loads its dictionary itself
    if freq.words < 1000 or freq.total <= 0:
        return None  # not an index of a real dictionary (an empty or foreign file)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, freq.total, True
    return tokenizer
