"""A flattened table's header row paired with its data rows (pipeline/normalize/table_rows.py), and left as
written whenever the line is not such a table."""
from __future__ import annotations

import pytest

from pipeline import read_statement
from pipeline.normalize.table_rows import pair_header_row


@pytest.mark.parametrize("text, lang, expected", [
    ("دوز (mg/kg) | فواصل ‖ 800 | ماهانه", "fa", "دوز (mg/kg): 800 | فواصل: ماهانه"),
    ("剂量（g/kg） | 次数 || 2 | 1", "zh", "剂量（g/kg）: 2 | 次数: 1"),
    # a title cell: the header has one cell more than the rows; an empty cell names nothing
    ("پمفیگوس | فاز | دوز (g/kg) | فواصل ‖ القایی | 2 | — ‖ نگهدارنده | 1 | ماهانه", "fa",
     "پمفیگوس ‖ فاز: القایی | دوز (g/kg): 2 ‖ فاز: نگهدارنده | دوز (g/kg): 1 | فواصل: ماهانه"),
])
def test_header_cells_are_written_before_each_value(text, lang, expected):
    assert pair_header_row(text, lang) == expected


@pytest.mark.parametrize("text", [
    "ITP کودکان | 0.8 g/kg | یک‌بار ‖ ITP بزرگسالان | 1 g/kg/روز | 2 روز",  # two data rows, no header
    "دوز | فواصل ‖ 800 | ماهانه | 5 روز",  # a row wider than the header
    "دوز | فواصل ‖ ماهانه | روزانه",  # no number in the row
    "IVIG 2 g/kg | هر ۴ هفته",  # one row
])
def test_other_lines_are_left_as_written(text):
    assert pair_header_row(text, "fa") is text


def test_a_paired_table_quotes_its_whole_line_as_the_source():
    text = "دوز (mg/kg) | فواصل ‖ ۸۰۰ | ماهانه"
    [regimen] = read_statement(text, "fa").regimens
    assert (regimen.dose_low_mg_per_kg, regimen.every_unit) == (800, "mo")
    assert regimen.source_text == text


def test_rows_of_a_name_and_its_value_are_a_form():
    text = "藥名 | IVIG ‖ 劑量 | 0.4 g/kg/日 ‖ 療程 | 5日"
    assert pair_header_row(text, "zh") == "藥名: IVIG ‖ 劑量: 0.4 g/kg/日 ‖ 療程: 5日"
