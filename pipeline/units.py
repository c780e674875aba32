"""Factors between units, from pint, through one registry per process made when a factor is first asked.

Making a pint registry parses its whole definition file (0.1-0.2 s each time): the dose packs and the
threshold rules ask for a handful of factors when they load, so they share this registry instead of
each making their own (a full build made eight).
"""
from __future__ import annotations

from functools import cache


@cache
def _registry():
    import pint  # here, not at the top: ~0.3 s that commands reading no dose or threshold never pay

    return pint.UnitRegistry()


@cache
def factor(unit: str, to: str) -> float:
    """How many `to` one `unit` is (pint's magnitude, e.g. factor("g/L", "mg/dL") == 100), remembered
    between builds (memo.py), so that a build whose factors are known does not import pint."""
    from .memo import remembered

    return remembered("pint", f"{unit} -> {to}", lambda: _registry().Quantity(1, unit).to(to).magnitude, (int, float))
