"""The flags a curator sees: one per problem and item, vocabulary facts as info."""
from __future__ import annotations

from pipeline.records import Flag
from pipeline.tables import distinct_flags


def test_the_same_flag_on_the_same_item_is_shown_once():
    a = Flag("implausible_course", "1 g/kg a day for 9 days", field="regimens", table="regimens", target="r1")
    b = Flag("implausible_course", "1 g/kg a day for 9 days", table="regimens", target="r1")
    other = Flag("implausible_course", "1 g/kg a day for 9 days", table="regimens", target="r2")
    assert distinct_flags([a, b, other]) == [a, other]


def test_flags_without_a_target_are_all_kept():
    a = Flag("document_left_out", "x.txt: empty")
    assert distinct_flags([a, a]) == [a, a]


def test_a_side_effect_no_document_names_is_info_not_review():
    from pipeline.adverse_effects import documents_to_effects

    _, flags = documents_to_effects([], [])
    unmatched = [f for f in flags if f.code == "vocabulary_unmatched"]
    assert unmatched and {f.severity for f in unmatched} == {"info"}
