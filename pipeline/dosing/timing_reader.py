"""The reader of one stretch of timing words (timing.py's steps read through it): the live readings'
spellings, the timing record it fills in, and the phrases already read (a phrase is read once)."""
from __future__ import annotations

import re

from .records import Timing
from .timing_spellings import group, leftmost, raw_patterns, read_range, untaken

__all__ = ["TimingReader"]


class TimingReader:
    """The timing of one stretch of text, read reading by reading; a phrase is read once."""

    __slots__ = ("text", "lang", "spellings", "t", "taken", "divided_at")

    def __init__(self, text: str, lang: str, spellings: dict[str, tuple[re.Pattern, ...]]):
        self.text, self.lang = text, lang
        # the live readings (their words stand in the text; the others cannot match: not run) -> their
        # spellings whose words stand in it, in order
        self.spellings = spellings
        self.t = Timing()
        self.taken: list[tuple[int, int]] = []
        self.divided_at: int | None = None  # where "分2次" stands: a daily word after it times the parts

    def scan(self, name: str):
        """The reading's matches that overlap no phrase read before (tested as each is reached: a match
        taken while the loop runs hides the later ones it overlaps)."""
        spellings = self.spellings.get(name)
        if not spellings:
            return ()
        if len(spellings) == 1:
            return untaken(spellings[0].finditer(self.text), self.taken)
        return untaken(leftmost(spellings, self.text, lambda: raw_patterns(self.lang)[name]), self.taken)

    def live(self, names: tuple[str, ...]) -> list[str]:
        """Those of the readings that are live, in the order given: a step scans only them (a call to scan
        for each of the others found nothing, at the cost of a call)."""
        spellings = self.spellings
        return [name for name in names if name in spellings]

    def after(self, name: str, at: int) -> re.Match | None:
        """The reading's match right at `at`: its first spelling matching there, as the alternation of them
        would find (a pack may lack the reading; a reading not live finds none)."""
        for spelling in self.spellings.get(name, ()):
            if m := spelling.match(self.text, at):
                return m
        return None

    def take(self, m: re.Match, start: int | None = None) -> None:
        """The match's words are read (from `start` on, when the words before it are left to another reading)."""
        start = m.start() if start is None else start
        self.taken.append((start, m.end()))
        self.t.end = max(self.t.end, m.end())
        self.t.start = min(self.t.start, start) if self.t.start is not None else start

    def range(self, m: re.Match, name: str = "r") -> tuple[float | None, float | None, bool]:
        return read_range(group(m, name) or "", self.lang)
