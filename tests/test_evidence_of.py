"""regimens.evidence_of: the most cautious evidence wording of the pack found in the texts, else recommended.
Its patterns go behind the lookahead of their first characters; it must find what the pack's own find."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.dosing.regimens import _EVIDENCE_ORDER, evidence_of
from pipeline.dosing.vocab import vocab
from pipeline.lexicon import load

CORPUS = Path(__file__).parent / "corpus"


def _plainly(texts: list[str], lang: str) -> str:
    """The pack's evidence patterns searched as they are: what evidence_of must answer."""
    found = {name for name, pattern in vocab(lang).evidence for text in texts if pattern.search(text)}
    return next((level for level in _EVIDENCE_ORDER if level in found), "recommended")


def _texts(lang: str) -> list[list[str]]:
    """Every corpus line; each plain wording of the pack alone, inside a sentence, glued to a word (no
    match: a wording stands as a whole word) and next to another level's wording (the cautious one wins)."""
    lines = [[line["text"]] for line in yaml.safe_load((CORPUS / f"dosing_{lang}.yaml").read_text(encoding="utf-8"))]
    written = [w.replace(" ?", " ") for words in load(f"lang/{lang}.yaml")["dose"]["evidence"].values() for w in words]
    wordings = [w for w in written if not any(c in w for c in "?.{[(")]  # an optional space written out
    made = [[w] for w in wordings] + [[f"400 mg/kg {w} x"] for w in wordings] + [[f"x{w}"] for w in wordings]
    return lines + made + [[a, b] for a in wordings for b in wordings] + [[]]


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_evidence_of_finds_what_the_packs_patterns_find(lang):
    cases = _texts(lang)
    answers = [evidence_of(texts, lang) for texts in cases]
    assert answers == [_plainly(texts, lang) for texts in cases]
    assert {"not_proven", "not_routine", "limited", "recommended"} <= set(answers)
