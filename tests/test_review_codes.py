"""Review reasons are typed records with a closed vocabulary of codes (data/review_codes.yaml); the
tables keep their text in review_reasons (the contract) and their codes in review_codes."""
from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from pipeline import read_statement
from pipeline.build import build
from pipeline.records import Reason
from pipeline.reasons import review_codes, unknown_codes
from pipeline.schema import TABLES

from .conftest import RAW
from .test_corpus import corpus_lines

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"
KINDS = Path(__file__).parent / "fixtures" / "kinds"
REVIEWED = [table for table, columns in TABLES.items() if "review_reasons" in {c.name for c in columns}]


def test_reason_text_is_code_colon_message():
    reason = Reason("dose_unread", "a dose-like mention the grammar did not read: '۲ ویال'", "dosing", (3, 9), "۲ ویال")
    assert reason.text == str(reason) == "dose_unread: a dose-like mention the grammar did not read: '۲ ویال'"


def test_two_reasons_saying_the_same_are_one():
    """Where a reason stands does not make it another reason: a sentence's doubt repeated on its
    regimen is kept once (dict.fromkeys), as the text was."""
    here, there = Reason("conflict", "row 3 ...", span=(1, 4)), Reason("conflict", "row 3 ...", "dosing")
    assert here == there and hash(here) == hash(there) and len(dict.fromkeys((here, there))) == 1
    assert Reason("conflict", "row 3 ...") != Reason("conflict", "row 4 ...")


def test_codes_file_gives_each_code_one_line_of_meaning():
    codes = review_codes()
    assert len(codes) >= 30
    for code, meaning in codes.items():
        assert code.isidentifier() and code == code.lower(), code
        assert meaning.strip() and "\n" not in meaning.strip() and meaning[0].isupper(), code


def test_every_table_with_review_reasons_has_review_codes_beside_them():
    assert set(REVIEWED) >= {"source_rows", "regimens", "indications", "criteria", "statements", "references"}
    for table in REVIEWED:
        names = [c.name for c in TABLES[table]]
        assert names.index("review_codes") == names.index("review_reasons") + 1, table


def _reason_literals() -> set[str]:
    """Every code written as a literal in a Reason(...) call of the pipeline's code."""
    found = set()
    for path in PIPELINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Reason" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_reason_the_code_writes_has_a_known_code():
    literals = _reason_literals()
    assert {"indication_inferred", "conflict", "renditions_differ", "basis_ambiguous"} <= literals
    assert not unknown_codes(literals)


def _check_folder(out: Path) -> set[str]:
    """Each table's review_codes are the codes of its review_reasons' text, in order, all known."""
    seen = set()
    for table in REVIEWED:
        for row in json.loads((out / f"{table}.json").read_text(encoding="utf-8")):
            assert row["review_codes"] == [r.split(": ", 1)[0] for r in row["review_reasons"]], (table, row)
            seen |= set(row["review_codes"])
    assert not unknown_codes(seen)
    return seen


def test_every_reason_of_the_real_documents_has_a_known_code(built):
    seen = _check_folder(built)
    assert {"indication_inferred", "conflict", "renditions_differ", "indication_weak"} <= seen


def test_every_reason_of_the_test_documents_has_a_known_code(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in [*KINDS.iterdir(), *RAW.iterdir()]:
        shutil.copy(path, raw / path.name)
    build(raw, tmp_path / "curated")
    seen = _check_folder(tmp_path / "curated")
    assert {"indication_unmatched", "indication_weak"} <= seen


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_every_reason_of_the_corpus_has_a_known_code(lang):
    seen = set()
    for line in corpus_lines(lang):
        reading = read_statement(line["text"], lang=line["lang"])
        for record in (*reading.regimens, *reading.criteria):
            assert all(isinstance(r, Reason) for r in record.review_reasons)
            seen |= {r.code for r in record.review_reasons}
    assert len(seen) > 5 and not unknown_codes(seen)


def test_schemas_allow_only_known_review_codes():
    import jsonschema

    from pipeline.describe import table_to_json_schema, table_to_resource

    schema = table_to_json_schema("regimens")
    assert schema["items"]["properties"]["review_codes"]["items"]["enum"] == list(review_codes())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"review_codes": ["no_such_code"]}], {**schema, "items": {
            "type": "object", "properties": {"review_codes": schema["items"]["properties"]["review_codes"]}}})
    field = next(f for f in table_to_resource("regimens", ["regimens"])["schema"]["fields"] if f["name"] == "review_codes")
    assert field["arrayItem"]["constraints"]["enum"] == list(review_codes())
