"""The separator rule (unsafe_numbers.ambiguous_separators) skips a text as written that holds none of the characters
its gate requires besides digits: it must flag exactly what converting and searching every text flags."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.dosing.unsafe_numbers import _separator_test, ambiguous_separators
from pipeline.dosing.pack import pack
from pipeline.normalize.numbers import digits_to_ascii

CORPUS = Path(__file__).parent / "corpus"


def _every_text(raw: str, lang: str) -> list[tuple[int, int]]:
    """Every separator flag the pack's rules give, each asked on every text (no gate): the comma rule, then the
    fraction-slash rule (fa)."""
    p = pack(lang)
    return [m.span() for rule in (p.separator_ambiguous, p.fraction_ambiguous) if rule is not None
            for m in rule.finditer(digits_to_ascii(raw))]


@pytest.mark.parametrize("raw, lang, flagged", [
    ("\u06f0,\u06f4\u06f0\u06f0 g/kg", "fa", True),  # Persian digits, ASCII comma: converted, then read
    ("0,400 g/kg", "zh", True),
    ("\u06f0\u066b\u06f4 g/kg", "fa", False),  # the Arabic decimal mark: no comma, not converted
    ("0.4 g/kg", "zh", False),
    ("", "fa", False),
])
def test_a_comma_number_is_flagged_whatever_its_digits(raw, lang, flagged):
    assert bool(ambiguous_separators(raw, lang)) is flagged
    assert [f.span for f in ambiguous_separators(raw, lang)] == _every_text(raw, lang)


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_the_skip_never_hides_a_flag_on_the_corpus(lang):
    lines = yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))
    texts = [line["text"] for line in lines] + ["\u06f0,\u06f5\u06f0\u06f0", "0,250"]
    comma = pack(lang).separator_ambiguous
    hidden = [t for t in texts if comma.search(digits_to_ascii(t)) and not _separator_test(lang)(t)]
    assert not hidden
    assert [[f.span for f in ambiguous_separators(t, lang)] for t in texts] == [_every_text(t, lang) for t in texts]
