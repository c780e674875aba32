"""The population an amount is for: named just before it, or inside the bracket it stands in (drafts._dose_to_draft)."""
from __future__ import annotations

from .cues import populations_in, unbracketed
from .records import DoseMatch
from .windows import _Window, _cuts

__all__ = ["own_populations"]


def own_populations(window: _Window, dose: DoseMatch, lang: str) -> set[str]:
    """The populations named just before the amount, else around it. Inside the bracket the amount stands in, the
    bracket's words are its own ("2 g/kg (در کودکان 1 g/kg روزانه)", "(0.5 g/kg روزانه برای نوزادان)"), unless
    they exclude a population ("(به جز نوزادان، 1 g/kg روزانه)", "（除新生儿外，1 g/kg/d）": the pack's
    `statement.population_except`): then nothing there names the amount's."""
    lead, tail = window.lead, window.tail
    opened = lead.rfind("(") > lead.rfind(")")
    inside = tail[:tail.find(")")] if opened and ")" in tail else ""
    if opened and _cuts(lang).population_except.search(lead[lead.rfind("("):] + " " + inside):
        return set()
    return (populations_in(unbracketed(lead, open_kept=True), lang)
            or (opened and populations_in(unbracketed(lead, open_kept=True) + dose.text + inside, lang))
            or populations_in(unbracketed(lead + dose.text + tail), lang))
