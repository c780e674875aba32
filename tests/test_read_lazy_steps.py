"""The reading skips work no column needs: the course spans of a Chinese statement are found only when a
threshold asks for them, and they are the spans course_spans finds."""
import pytest

from pipeline.article.dosing_zh import course_spans, text_to_criteria
from pipeline.dosing.read import _CourseSpans
from pipeline.normalize.zh import normalize_zh


@pytest.mark.parametrize("text", ["移植后的前3个月内，IgG<400 mg/dL时，400 mg/kg，每月1次", "血小板<30×10^9/L", "400 mg/kg 连用5天", ""])
def test_course_spans_found_when_read_are_the_spans(text):
    text = normalize_zh(text)
    lazy = _CourseSpans(text)
    assert lazy.spans is None  # nothing found before it is read
    assert tuple(lazy) == course_spans(text) and len(lazy) == len(course_spans(text))
    assert [lazy[i] for i in range(len(lazy))] == list(course_spans(text))
    assert text_to_criteria(text, "d", "s", skip=_CourseSpans(text)) == text_to_criteria(text, "d", "s", skip=course_spans(text))
