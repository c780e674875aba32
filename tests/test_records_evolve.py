"""records.evolve is dataclasses.replace without running __init__ again: the same record, field for field."""
from __future__ import annotations

import dataclasses

import pytest

from pipeline import read_statement
from pipeline.records import Flag, evolve


@pytest.mark.parametrize("changes", [{}, {"source_text": "x"}, {"notes": ("a",), "review_reasons": ("b: c",)}])
def test_evolve_is_replace_for_a_regimen(changes):
    regimen = read_statement("IVIG 400 mg/kg daily for 5 days", "fa").regimens[0]
    a, b = dataclasses.replace(regimen, **changes), evolve(regimen, **changes)
    assert a == b and repr(a) == repr(b) and hash(a) == hash(b) and a.__dict__ == b.__dict__
    assert b is not regimen and regimen.source_text != "x"


def test_evolve_is_replace_for_a_flag():
    flag = Flag("dose_unread", "words", span=(1, 2))
    assert evolve(flag, doc_id="d", row_id="r") == dataclasses.replace(flag, doc_id="d", row_id="r")


def test_evolve_refuses_a_field_the_record_has_not():
    with pytest.raises(TypeError):
        evolve(Flag("x", "y"), no_such_field=1)


def test_make_is_the_constructor():
    from pipeline.records import Regimen, make

    values = dict(doc_id="d", row_ids=("r",), source_field="dosing", source_text="400 mg/kg", span=(0, 9),
                  dose_low_mg_per_kg=400.0, notes=("n",))
    a, b = Regimen(**values), make(Regimen, **values)
    assert a == b and repr(a) == repr(b) and hash(a) == hash(b) and list(a.__dict__.items()) == list(b.__dict__.items())
    with pytest.raises(TypeError):
        make(Regimen, doc_id="d")  # required fields missing: the constructor's own error
    with pytest.raises(TypeError):
        make(Regimen, **values, no_such_field=1)


@pytest.mark.parametrize("values", [
    dict(doc_id="d", row_ids=("r",), source_field="dosing", source_text="1 g/kg"),  # the required fields only
    dict(notes=(), source_text="1 g/kg", doc_id="d", dose_basis="per_dose", row_ids=("r",), source_field="x"),
])
def test_make_from_a_dict_is_the_constructor_its_fields_in_field_order(values):
    from pipeline.records import Regimen, make_from

    a, b = Regimen(**values), make_from(Regimen, dict(values))
    assert a == b and repr(a) == repr(b) and list(a.__dict__.items()) == list(b.__dict__.items())


@pytest.mark.parametrize("values", [
    dict(doc_id="d", row_ids=("r",), source_field="dosing"),  # source_text missing
    dict(doc_id="d", row_ids=("r",), source_field="dosing", source_text="x", no_such_field=1),
    dict(doc_id="d", row_ids=("r",), source_field="dosing", source_text="x", dose_low_mg_per_kgs=400.0),
])
def test_make_from_refuses_an_unknown_or_missing_field_with_the_constructors_error(values):
    from pipeline.records import Regimen, make_from

    with pytest.raises(TypeError):
        make_from(Regimen, values)


def test_a_regimen_field_is_never_given_twice():
    """draft_to_regimen writes every field of the Regimen in one dict display: a name written twice there
    would let the later value win silently (make(**...) raised TypeError), so none is, and every name is a
    field of the record (make_from refuses any other)."""
    import ast
    import inspect
    from dataclasses import fields

    from pipeline.dosing import regimens
    from pipeline.dosing.drafts import statement_to_drafts
    from pipeline.records import Regimen

    tree = ast.parse(inspect.getsource(regimens.draft_to_regimen))
    displays = [node for node in ast.walk(tree) if isinstance(node, ast.Dict) and len(node.keys) > 10]
    assert len(displays) == 1
    names = [key.value for key in displays[0].keys]
    assert len(names) == len(set(names)) and set(names) <= {f.name for f in fields(Regimen)}
    draft = statement_to_drafts("400 mg/kg", None, "fa")[0]
    assert regimens.draft_to_regimen(draft, "d", ("r",), "dosing", None).dose_low_mg_per_kg == 400
