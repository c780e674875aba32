"""Text in a language -> normalized text -> the language's grammar -> the safety net -> a Reading."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..compiled import regex
from ..article.dosing_zh import course_spans, text_to_criteria as zh_criteria
from ..criteria import text_to_criteria
from ..normalize.table_rows import pair_header_row
from ..normalize.visual_order import in_reading_order
from ..records import Flag, Reason, evolve
from ..statement import Reading
from .doses import find_doses
from .drafts import statement_to_drafts
from .header_units import header_units
from .marks import _joined, _normalize
from .net import mentions_in, unaccounted
from .regimens import DOSE_FIELDS, draft_to_regimen, evidence_of
from .restated_numbers import one_number
from .time_counts import unread_time_counts
from .totals import restated_words
from .unsafe_numbers import ambiguous_separators, letters_as_digits, mask_long_numbers


def text_to_reading(text: str, lang: str, *, doc_id: str = "", row_ids: tuple[str, ...] = (),
                    field: str = "statement", population: str | None = None):
    """The Reading of one statement (see pipeline.statement): grammar first, then the net. The flags of
    the regimens come from the grammar's typed reasons, never from their text. A Persian statement that gives
    no regimen is asked whether it is a line extracted in visual order (normalize.visual_order): then it is
    read backwards, each amount flagged."""
    reading = _text_to_reading(text, lang, doc_id=doc_id, row_ids=row_ids, field=field, population=population)
    turned = in_reading_order(text) if lang == "fa" and not reading.regimens else None
    if not turned:
        return reading
    backwards = _text_to_reading(turned, lang, doc_id=doc_id, row_ids=row_ids, field=field, population=population)
    place = dict(doc_id=doc_id or None, row_id=row_ids[0] if row_ids else None, field=field)
    regimens, flags = _visual_order_doubted(list(backwards.regimens), list(backwards.flags), text, place)
    return Reading(text, backwards.normalized, lang, tuple(regimens), backwards.criteria, tuple(flags))


def _text_to_reading(text: str, lang: str, *, doc_id: str, row_ids: tuple[str, ...], field: str,
                     population: str | None):
    plain = _normalize(text, lang)
    plain = one_number(plain, lang)  # "۴۰۰ (چهارصد) میلی‌گرم": a number restated in brackets, once
    plain = _joined(plain, lang)  # "IVIG | 0.4 | g/kg/day | 5 روز": the number and its unit in one cell
    paired = pair_header_row(plain, lang, lambda row: bool(find_doses(row, lang)))  # a table's header beside its values
    headed = header_units(paired, lang)  # "(g/kg): ITP 1 ×2天；川崎病 2": the header's unit after each amount
    normalized, too_long = mask_long_numbers(headed.text, lang)
    drafts = statement_to_drafts(normalized, population, lang)
    evidence = evidence_of([normalized], lang) if drafts else None  # a regimen's column: none, not searched
    regimens = [draft_to_regimen(d, doc_id, row_ids, field, evidence) for d in drafts]
    criteria = _criteria(normalized, lang, doc_id, row_ids, field)
    row_id = row_ids[0] if row_ids else None
    place = dict(doc_id=doc_id or None, row_id=row_id, field=field)
    flags = [evolve(f, **place) for f in too_long]
    flags += unaccounted(normalized, lang, covered_spans(normalized, lang, criteria), headers=headed.headers, **place)
    flags += [Flag(reason.code, reason.message, span=r.span, table="regimens", target=r.regimen_id or None, **place)
              for r, d in zip(regimens, drafts) for reason in d.problems]
    if not regimens:
        flags += _ceilings_alone(normalized, lang, place)
    regimens, flags = _safety_steps(text, normalized, lang, regimens, flags, place)
    regimens, flags = _separators_doubted(text, lang, regimens, flags, place)
    regimens = _all_as_written(regimens, text, normalized, lang)
    if paired is not plain:  # the words of a paired table stand in its header and its row: the whole line is their source
        regimens = [_written(r, text.strip()) for r in regimens]
    if headed.units:
        regimens, flags = _units_of_header(regimens, flags, text, headed.units, place)
    return Reading(text, normalized, lang, tuple(regimens), tuple(criteria), tuple(flags))


def _visual_order_doubted(regimens: list, flags: list[Flag], written: str, place: dict) -> tuple[list, list[Flag]]:
    """A statement read backwards, as a line extracted in visual order (normalize.visual_order): each amount read
    from it waits for a curator, with the line as written as its source words; one flag says so."""
    flag = Flag("visual_order", f"'{written.strip()}' reads as a line extracted in visual order (letters and words "
                "reversed); read backwards", severity="review", **place)
    reason = flag.reason()
    regimens = [evolve(r, source_text=written.strip(), review_reasons=r.review_reasons + (reason,)) for r in regimens]
    return regimens, [flag] + flags


def _ceilings_alone(normalized: str, lang: str, place: dict) -> list[Flag]:
    """A ceiling in grams with no dose in the statement to bound ("IVIG حداکثر ۷۰ گرم", "IVIG 最大 70 g"): it is a note of the
    dose it follows, and with none it was dropped with no word; a flag quotes it."""
    caps = [d for d in find_doses(normalized, lang) if d.is_cap and d.unit != "mg/kg"]
    if not caps:
        return []
    # a cap after another drug's amount is that drug's ("甲泼尼龙 30 mg/kg/d，最大1 g")
    others = [m.start for m in mentions_in(normalized, lang) if m.kind == "other_drug"]
    return [Flag("dose_ceiling", f"'{d.text.strip()}' follows a word of maximum and no dose in the statement is bounded by "
                 "it: a ceiling, kept as this flag only", severity="review", span=(d.start, d.end), **place)
            for d in caps if not any(at < d.start for at in others)]


def _separators_doubted(text: str, lang: str, regimens: list, flags: list[Flag],
                        place: dict) -> tuple[list, list[Flag]]:
    """A separator that may be a thousands mark or a decimal one (a factor of 1,000 at stake), in the text as
    written or found by the net ("方案1 400 mg": space_separators.py), or a letter read as a digit ("4OO"):
    every amount of the statement then waits for a curator, with the first such flag's reason."""
    separators = ambiguous_separators(text, lang) + letters_as_digits(text)
    spaced = [f for f in flags if f.code == "separator_ambiguous"]
    if not (separators or spaced):
        return regimens, flags
    reason = (separators or spaced)[0].reason()
    regimens = [evolve(r, review_reasons=r.review_reasons + (reason,)) for r in regimens]
    return regimens, [evolve(f, **place) for f in separators] + flags


def _safety_steps(text: str, normalized: str, lang: str, regimens: list, flags: list[Flag],
                  place: dict) -> tuple[list, list[Flag]]:
    """After the grammar and the net: bracketed restatements become notes, bare time counts after an
    amount are flagged, and a text the forced pack read nothing in is tried with the other pack's net."""
    if regimens:  # the first three steps act on regimens (most statements have none)
        regimens, flags = _restated_amounts(normalized, lang, regimens, flags)
        regimens, unread = _time_counts_unread(normalized, lang, regimens)
        flags += unread
        regimens = _counted_in_vials(regimens, flags)
    if not regimens and not any(f.code in _DOSE_FLAGS for f in flags):
        flags += _other_pack_mentions(text, lang)
    return regimens, [_placed(f, place) for f in flags]  # the new flags get the statement's place too


def _placed(flag: Flag, place: dict) -> Flag:
    """The flag at the statement's place (doc, row, field): itself when it stands there already."""
    if flag.doc_id == place["doc_id"] and flag.row_id == place["row_id"] and flag.field == place["field"]:
        return flag
    return evolve(flag, **place)


_ALIGN_MAX = 4000  # characters: past it a text whose length normalization changed is not aligned (time)


def _as_written(regimen, text: str, normalized: str, lang: str, mapper=None):
    """The regimen's source_text in the words as written (traditional script, Persian digits, full-width
    commas), found by mapping its span in the normalized text back to the text given. The mapping is
    checked (the written words must normalize to the words read); where it is not exact, source_text
    stays the normalized words, with a note saying so. Spans keep pointing into the normalized text.
    mapper: the statement's _mapper, when several regimens share it."""
    if not regimen.span:
        return regimen
    start, end = regimen.span
    if text == normalized:  # written as read (a normalized cell): the span is the written words, no check
        return _written(regimen, text[start:end].strip())
    mapped = (mapper or _mapper(text, normalized))(start, end)
    # the alignment may end a span inside a word whose spelling normalization changed ("کیلوگرام روزان|ه"):
    # the whole words around it are tried next, under the same check
    for lo, hi in (mapped, _whole_words(text, *mapped)) if mapped else ():
        if _joined(_normalize(text[lo:hi], lang), lang).strip() == normalized[start:end].strip():
            return _written(regimen, text[lo:hi].strip())
    return evolve(regimen, notes=regimen.notes + ("source_text is the normalized words: the written words "
                                                   "could not be mapped back exactly",))


def _all_as_written(regimens: list, text: str, normalized: str, lang: str) -> list:
    """_as_written for each regimen of a statement, the two texts aligned once for all of them."""
    if not regimens:
        return regimens
    mapper = _mapper(text, normalized)
    return [_as_written(r, text, normalized, lang, mapper) for r in regimens]


def _units_of_header(regimens: list, flags: list[Flag], text: str, units_written: tuple[tuple[int, int, str], ...],
                     place: dict) -> tuple[list, list[Flag]]:
    """Each regimen read with a header's unit written after its amount: its words stand in the header and in the
    row, so the whole statement is its source; a note says whose unit it is, and it waits for a curator
    (`unit_from_header`): the unit was inferred from words that are not beside the amount."""
    out = []
    for regimen in regimens:
        start, end = regimen.span or (0, 0)
        unit = next((u for s, e, u in units_written if start <= s and e <= end), None)
        if unit is None:
            out.append(regimen)
            continue
        reason = Reason("unit_from_header", f"'{regimen.source_text}': the unit '{unit}' is named once in a header "
                        "before the amount; a curator confirms it is this amount's", span=regimen.span)
        notes = tuple(n for n in regimen.notes if not n.startswith("source_text is the normalized words"))
        out.append(evolve(regimen, source_text=text.strip(), review_reasons=regimen.review_reasons + (reason,),
                          notes=notes + (f"unit '{unit}' from the header before the amount",)))
        flags.append(Flag(reason.code, reason.message, span=regimen.span, table="regimens",
                          target=regimen.regimen_id or None, **place))
    return out, flags


def _whole_words(text: str, lo: int, hi: int) -> tuple[int, int]:
    """(lo, hi) widened to the whole words they stand in."""
    while lo > 0 and not text[lo - 1].isspace() and not text[lo].isspace():
        lo -= 1
    while hi < len(text) and hi > 0 and not text[hi].isspace() and not text[hi - 1].isspace():
        hi += 1
    return lo, hi


def _written(regimen, written: str):
    """The regimen with the written words as its source_text (itself when they are the words it has)."""
    return evolve(regimen, source_text=written) if written and written != regimen.source_text else regimen


def _mapper(text: str, normalized: str):
    """(start, end) in the normalized text -> where they stand in the text as written, or None: the same
    places when normalization kept the length, else by aligning the two (normalization only drops
    separators or changes a few characters: the alignment is nearly all equal blocks), aligned at the
    first question only."""
    if len(text) == len(normalized):
        return lambda start, end: (start, end)
    if max(len(text), len(normalized)) > _ALIGN_MAX:
        return lambda start, end: None
    aligned: list = []  # the opcodes, once asked for

    def back(j: int, is_end: bool) -> int | None:
        for _tag, i1, i2, j1, j2 in aligned[0]:
            if j1 <= j < j2 or (is_end and j1 < j <= j2):
                if _tag == "equal":
                    return i1 + (j - j1)
                return i2 if is_end else i1
        return len(text) if is_end and j == len(normalized) else None

    def mapped(start: int, end: int) -> tuple[int, int] | None:
        if not aligned:
            from difflib import SequenceMatcher

            aligned.append(SequenceMatcher(None, text, normalized, autojunk=False).get_opcodes())
        lo, hi = back(start, False), back(end, True)
        return (lo, hi) if lo is not None and hi is not None and lo <= hi else None

    return mapped


_DOSE_FLAGS = {"dose_unread", "fixed_dose", "volume_dose", "unit_unknown"}
_OTHER = {"fa": ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")),  # a Chinese character in a Persian reading
          "zh": ("fa", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"))}


def _other_pack_mentions(text: str, lang: str) -> list[Flag]:
    """When the language's pack found nothing, the other pack's net over a text in the other script: a
    dose-like mention there is a statement read with the wrong language (forced), never silence."""
    other, script = _OTHER[lang]
    if not script.search(text):
        return []
    masked, _ = mask_long_numbers(_normalize(text, other), other)
    found = [m for m in mentions_in(masked, other) if m.kind in ("dose", "fixed", "volume", "unreadable")]
    return [Flag("lang_mismatch", f"read as {lang!r}, nothing found, but the {other!r} pack sees a dose-like "
                 f"mention: '{found[0].text.strip()[:60]}'", span=(found[0].start, found[0].end))] if found else []


@cache
def _bracket_open(lang: str) -> re.Pattern:
    """Between a per-kg dose and a bracketed amount: the bracket, and maybe a word of the pack's
    `dose.restated_before` ("共", "total"); never a ceiling word ("max 80 g" stays a cap)."""
    alt = restated_words(lang)
    return regex(rf"[ \u200c]*[(\[\uff08][ \u200c]*(?:(?:{alt})[ \u200c:：]*)?" if alt else r"[ \u200c]*[(\[\uff08][ \u200c]*",
                      re.I)


def _restates(before, r, normalized: str, lang: str) -> bool:
    """Whether regimen r is a fixed amount (flagged for nothing else) in brackets right after the per-kg
    regimen before it."""
    if not (r.span and before.span and r.dose_unit in ("g", "mg") and r.dose_low_mg_per_kg is None):
        return False
    if before.dose_low_mg_per_kg is None or before.span[1] > r.span[0]:
        return False
    return (all(reason.code == "fixed_dose" for reason in r.review_reasons)
            and bool(_bracket_open(lang).fullmatch(normalized, before.span[1], r.span[0])))


def _restated_amounts(normalized: str, lang: str, regimens: list, flags: list[Flag]) -> tuple[list, list[Flag]]:
    """"2 g/kg（共30 g）": an amount in brackets right after a per-kg dose restates that dose for one patient
    (weight times dose). It is a note on the per-kg regimen and an info flag, not a fixed-dose regimen."""
    kept, dropped = [], []
    for r in regimens:
        before = kept[-1] if kept else None
        if before is not None and _restates(before, r, normalized, lang):
            words = normalized[before.span[1]:r.span[1]].strip(" ()[]\uff08\uff09")
            kept[-1] = evolve(before, notes=before.notes + (f"restated for one patient: '{words}'",))
            dropped.append(r)
            continue
        kept.append(r)
    if not dropped:
        return regimens, flags
    spans = {r.span for r in dropped}
    flags = [f for f in flags if not (f.code == "fixed_dose" and f.span in spans)]
    flags += [Flag("dose_restated", f"'{normalized[r.span[0]:r.span[1]]}' in brackets restates the per-kg dose "
                   "before it for one patient: a note of that regimen, not a regimen", severity="info", span=r.span)
              for r in dropped]
    return kept, flags


def _counted_in_vials(regimens: list, flags: list[Flag]) -> list:
    """"2 vials of 5 g": a regimen read from the words of a count of vials is no dose as read (5 g is
    what one vial holds); it keeps the net's dose_in_vials as a review reason."""
    counts = [f for f in flags if f.code == "dose_in_vials" and f.span]
    if not counts:  # most statements count no vials: no regimen gains a reason
        return regimens
    return [evolve(r, review_reasons=r.review_reasons + tuple(f.reason() for f in counts if r.span and
                                                               f.span[0] < r.span[1] and r.span[0] < f.span[1]))
            for r in regimens]


def _time_counts_unread(normalized: str, lang: str, regimens: list) -> tuple[list, list[Flag]]:
    """A count of days, weeks or hours right after an amount that the grammar did not read as timing is
    never dropped: the regimen gets a `timing_unread` review reason, and its basis is left empty when no
    course or interval was read (the count may make the amount a daily dose or a course total)."""
    flags = []
    regimens = list(regimens)
    for i, m in unread_time_counts(normalized, lang, [r.span for r in regimens]):
        r = regimens[i]
        words = m.group(0).strip(" ,;:()\u060c\u061b\u3001\uff0c\uff1b\uff1a\uff08")
        reason = Reason("timing_unread", f"'{words}' after '{r.source_text}' is not read as a course or an "
                        "interval: per dose, per day or in total?", span=m.span("count"), words=words)
        untimed = r.course_days_low is None and r.every_unit is None and not m.group("h")
        regimens[i] = evolve(r, review_reasons=r.review_reasons + (reason,),
                              dose_basis=None if untimed else r.dose_basis)
        flags.append(Flag(reason.code, reason.message, span=m.span("count"), table="regimens",
                          target=r.regimen_id or None))
    return regimens, flags


def _criteria(normalized: str, lang: str, doc_id: str, row_ids: tuple[str, ...], field: str) -> list:
    """The statement's thresholds, by the language's threshold rules."""
    if lang == "zh":
        return zh_criteria(normalized, doc_id, row_ids[0] if row_ids else "statement", skip=_CourseSpans(normalized))
    return text_to_criteria(normalized, doc_id, row_ids, field, normalized)


class _CourseSpans(Sequence):
    """course_spans(text), found the first time it is read: the threshold reader reads it only for a
    threshold it found (one statement in thirty-six of the Chinese corpus), and finding the course of each
    dose clause is most of what the reader costs on the others."""

    __slots__ = ("text", "spans")

    def __init__(self, text: str):
        self.text, self.spans = text, None

    def _found(self) -> tuple[tuple[int, int], ...]:
        if self.spans is None:
            self.spans = course_spans(self.text)
        return self.spans

    def __getitem__(self, index):
        return self._found()[index]

    def __len__(self) -> int:
        return len(self._found())

    def __iter__(self):
        return iter(self._found())


def covered_spans(text: str, lang: str, criteria) -> list[tuple[int, int]]:
    """What the grammar accounted for in a normalized text: every amount and cap it read, every threshold."""
    return [(d.start, d.end) for d in find_doses(text, lang)] + [c.span for c in criteria if c.span]


def row_to_unread_flags(row) -> list[Flag]:
    """The safety net over a circular row's dose cells: each mention no regimen, cap, rate or threshold
    accounts for is a flag of the row, quoting its words."""
    flags: list[Flag] = []
    for field in DOSE_FIELDS:
        text = row.cell(field)
        if not text:
            continue
        covered = covered_spans(text, "fa", text_to_criteria(text, row.doc_id, (row.row_id,), field, row.text))
        flags += [_on_row(f, "source_rows", row.row_id) for f in
                  unaccounted(text, "fa", covered, doc_id=row.doc_id, row_id=row.row_id, field=field)]
    return flags


def _on_row(flag: Flag, table: str, target: str) -> Flag:
    return evolve(flag, table=table, target=target)
