"""Compiled patterns kept between builds (pipeline/compiled.py): a kept code gives exactly the pattern re
compiles, and a file that is damaged, of another interpreter or cannot be written never changes a match."""
import json
import re

import pytest

from pipeline import compiled
from pipeline.article.segment import DICTIONARY_DIR
from pipeline.dosing.timing_spellings import raw_patterns as _raw_patterns

# long enough to be kept (compiled._MIN_SOURCE), with named groups, a flag and alternatives
SOURCE = "(?P<n>" + "|".join(f"w{i:03d}" for i in range(150)) + r")\s*(?P<u>MG|ML)(?:/(?P<per>kg))?"
TEXTS = ["dose w007 mg/kg", "w149ML", "w150 mg", "W010 Mg/KG and w011 ml", ""]


def _new_process(monkeypatch) -> None:
    monkeypatch.setattr(compiled, "_kept", {})
    monkeypatch.setattr(compiled, "_used", {})
    monkeypatch.setattr(compiled, "_new", {})
    monkeypatch.setattr(compiled, "_made", {})


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(DICTIONARY_DIR, str(tmp_path))
    _new_process(monkeypatch)
    return tmp_path


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.groupdict() | {"span": m.span()} for m in a.finditer(text)] == \
               [m.groupdict() | {"span": m.span()} for m in b.finditer(text)]


def _no_compiling(monkeypatch) -> None:
    def refuse(*args):
        raise AssertionError("compiled again, not read back")
    monkeypatch.setattr(compiled, "_compile", refuse)


def test_a_kept_code_is_read_back_in_the_next_process_as_the_same_pattern(folder, monkeypatch):
    first = compiled.regex(SOURCE, re.I)
    _same(first, re.compile(SOURCE, re.I))
    compiled.keep()
    assert json.loads((folder / compiled.FILE).read_text())["interpreter"] == compiled._interpreter()
    _new_process(monkeypatch)
    _no_compiling(monkeypatch)
    _same(compiled.regex(SOURCE, re.I), re.compile(SOURCE, re.I))


def test_the_language_packs_patterns_read_back_match_as_re_compiles_them(folder, monkeypatch):
    statements = ["۴۰۰ میلی‌گرم بر کیلوگرم روزانه به مدت ۵ روز، هر ۳ تا ۴ هفته", "每次0.4 g/kg，连用5天，每3~4周一次",
                  "1 g/kg/day x 2 days, repeat every 4 weeks", "هفته‌ای دو بار برای ۳ ماه"]
    for lang in ("fa", "zh"):
        for pattern in _raw_patterns(lang).values():
            kept = compiled.regex(pattern.pattern, pattern.flags)
            compiled.keep()
            _new_process(monkeypatch)
            again = compiled.regex(pattern.pattern, pattern.flags)
            assert (again.pattern, again.flags, again.groupindex) == (pattern.pattern, pattern.flags, pattern.groupindex)
            for text in statements:
                assert [m.span() for m in again.finditer(text)] == [m.span() for m in pattern.finditer(text)]
                assert [m.span() for m in kept.finditer(text)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("damage", ["code", "literal", "groups", "names", "flags", "interpreter", "not json", "list"])
def test_a_damaged_file_or_another_interpreters_code_is_not_used(folder, monkeypatch, damage):
    compiled.regex(SOURCE, re.I)
    compiled.keep()
    path = folder / compiled.FILE
    data = json.loads(path.read_text())
    entry = next(iter(data["codes"].values()))
    if damage == "code":
        entry["code"] = [1, 2, 3, 999999]
    elif damage == "literal":  # a valid code matching another letter: only the digest tells
        from re import _constants

        code, op = entry["code"], _constants.OPCODES[_constants.LITERAL_UNI_IGNORE]
        entry["code"] = [ord("v") if c == ord("w") and code[i - 1] == op else c for i, c in enumerate(code)]
    elif damage == "groups":
        entry["groups"] = "many"
    elif damage == "names":
        entry["names"] = {"n": 99}
    elif damage == "flags":
        entry["flags"] = 0  # re.I lost: the pattern would match other words
    elif damage == "interpreter":
        data["interpreter"] = "CPython 2.7.18 sre 1 2"
    text = {"not json": "{not json", "list": "[1, 2]"}.get(damage) or json.dumps(data)
    path.write_text(text)
    _new_process(monkeypatch)
    _same(compiled.regex(SOURCE, re.I), re.compile(SOURCE, re.I))


def test_without_a_build_folder_re_compiles_and_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.delenv(DICTIONARY_DIR, raising=False)
    _new_process(monkeypatch)
    _same(compiled.regex(SOURCE, re.I), re.compile(SOURCE, re.I))
    compiled.keep()
    assert not list(tmp_path.iterdir())


def test_a_short_pattern_is_compiled_by_re_and_not_kept(folder):
    assert compiled.regex("mg/kg", re.I) is re.compile("mg/kg", re.I)  # re's own cache
    compiled.keep()
    assert not (folder / compiled.FILE).exists()


def test_a_folder_that_cannot_be_written_costs_speed_never_the_match(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv(DICTIONARY_DIR, str(blocked / "cache"))  # under a file: cannot be made
    _new_process(monkeypatch)
    _same(compiled.regex(SOURCE, re.I), re.compile(SOURCE, re.I))
    compiled.keep()


def test_the_file_keeps_this_processs_codes_first_within_its_bound(folder, monkeypatch):
    monkeypatch.setattr(compiled, "_MAX_KEPT", 2)
    sources = [SOURCE.replace("w", letter) for letter in "abc"]
    for source in sources:
        compiled.regex(source)
    compiled.keep()
    _new_process(monkeypatch)
    compiled.regex(sources[0])
    compiled.regex(SOURCE)
    compiled.keep()
    kept = json.loads((folder / compiled.FILE).read_text())["codes"]
    assert len(kept) == 2
    assert {compiled._key(sources[0], 0), compiled._key(SOURCE, 0)} == set(kept)
