"""The public statement API (pipeline.read_statement) and its CLI twin (ivig-kb parse)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline import Reading, read_statement
from pipeline.cli import main
from pipeline.schema import columns


@pytest.mark.parametrize("text, lang", [
    ("400 mg/kg روزانه تا ۵ روز", None), ("400 mg/kg روزانه تا ۵ روز", "fa"),
    ("每公斤體重0.6克，每月一次", None), ("每公斤体重 0.4 克，每周一次", "zh")])
def test_cli_json_equals_the_api(text, lang):
    args = ["parse", text, "--json"] + (["--lang", lang] if lang else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(json.dumps(read_statement(text, lang).to_dict(), ensure_ascii=False))


def test_reading_rows_have_the_tables_columns():
    data = read_statement("400 mg/kg روزانه تا ۵ روز").to_dict()
    assert set(data) == {"regimens", "criteria", "flags"}
    assert set(data["regimens"][0]) <= set(columns("regimens"))
    assert {"dose_low", "dose_high", "dose_unit", "frequency"} <= set(data["regimens"][0])


@pytest.mark.parametrize("text, lang", [("400 mg/kg روزانه", "fa"), ("每公斤体重 0.4 克", "zh")])
def test_language_detected_from_the_script(text, lang):
    assert read_statement(text).lang == lang


@pytest.mark.parametrize("text", [
    "", " ", "\x00\x01\xff" * 300, "۰" * 50_000, "IVIG 0.4 g/kg 每天 روزانه ۵ روز mixed", "\ud800 broken",
    "1" * 5000 + " mg/kg", "تا" * 3000, "((((" * 1000 + "400 mg/kg", "至" * 4000])
def test_bad_input_gives_a_reading_never_an_exception(text):
    reading = read_statement(text)
    assert isinstance(reading, Reading)


def test_huge_input_is_flagged_not_read():
    reading = read_statement("400 mg/kg " * 5000, "fa")
    assert [f.code for f in reading.flags] == ["statement_too_long"] and not reading.regimens


def test_cli_prints_a_reading():
    result = CliRunner().invoke(main, ["parse", "400 mg/kg روزانه تا ۵ روز"])
    assert result.exit_code == 0 and "400-400 mg/kg" in result.output


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DOSE_ALPHABET = "۰۱۲۳۴۵۶۷۸۹0123456789./,-~٫٬ تاگرمکیلوبرهروزهفته每公斤体重克周天次连用mgkgdL()（）·—～"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_DOSE_ALPHABET, max_size=80), lang=st.sampled_from([None, "fa", "zh"]))
def test_dose_like_noise_never_breaks_the_grammar(text, lang):
    reading = read_statement(text, lang)
    assert not [f for f in reading.flags if f.code == "statement_unread"]
    for r in reading.regimens:  # an amount read is one the words hold, in mg/kg or in its own unit
        assert r.dose_low_mg_per_kg is None or r.dose_low_mg_per_kg <= r.dose_high_mg_per_kg
