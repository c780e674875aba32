"""The dose grammar's working records (a leaf module: the grammar's stages import it; it imports only
pipeline.records)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Reason


_DAYS = {"d": 1, "wk": 7, "mo": 30}


@dataclass(frozen=True)
class DoseMatch:
    """An amount as written, where it stands, in mg/kg (or in its own unit when not per kg)."""

    start: int
    end: int
    text: str
    low_mg: float | None
    high_mg: float | None
    per: str | None  # "day" or "dose" when the unit says so ("g/kg/day", "gr/kg/dose")
    is_cap: bool = False
    preferred_high: bool = False  # "2 تا ترجیحا 5" marks the high end as preferred
    problems: tuple[Reason, ...] = ()
    # a dose that is not per kg of body weight: its amount as written in a UCUM unit (g, mg, mL/kg)
    unit: str = "mg/kg"
    low: float | None = None
    high: float | None = None


@dataclass(slots=True)  # two a statement, filled in field by field: slots build and set faster (1.8 -> 0.7 us)
class Timing:
    """The timing words of one dose, as read (a working record: the reader fills it in)."""

    course_low: float | None = None
    course_high: float | None = None
    course_is_total: bool = False  # "طی 2-5 روز", "分 2-5 天": the amount is spread over the days
    courses: list[str] = field(default_factory=list)  # every course phrase seen (more than one is doubtful)
    bare_course: bool = False  # the course is days standing alone between commas ("، 5 روز،", "，5天，")
    every_low: float | None = None
    every_high: float | None = None
    every_unit: str | None = None
    every_course: bool = False  # the interval is between courses of days not given ("每4周1个疗程")
    daily: bool = False  # "روزانه", "每天", "daily"
    consecutive: bool = False  # "برای 3 تا 5 روز متوالی", "连用 5 天": a dose on each of the days
    day_span: bool = False  # "روزهای 1 تا 5", "第1~5天": the first and last day of giving, one dose each day
    course_unit: str = "d"  # the unit the course was written in ("连续3个月": mo), read in days all the same
    count_low: float | None = None
    count_high: float | None = None
    times: bool = False  # the count follows a multiplication sign ("×5"): the amount so many times
    single: bool = False  # the count is a word of one dose ("تک دوز", "单次输注")
    count_divided: bool = False  # the count is of the parts an amount is divided into ("分2次")
    count_in: bool = False  # the count says "in N doses" ("2 g/kg در 2 دوز"): each dose's or parts of the amount?
    infusion_low: float | None = None
    infusion_high: float | None = None
    duration_low: float | None = None
    duration_high: float | None = None
    duration_unit: str | None = None
    frequency: float | None = None  # "هفته‌ای دو بار": times per interval
    days_a_week: bool = False  # the frequency counts days in the interval ("5 روز در هفته"): one dose on each
    repeat_after_low: float | None = None  # "بعد از 12-24 ساعت ... قابل تکرار": the wait before one repeat
    repeat_after_high: float | None = None
    repeat_after_unit: str | None = None
    repeat_times: float | None = None  # the repeats given after the wait, no word of possibility ("24小时后重复1次")
    # N of a dose repeated N times, the repeat given ("یک بار تکرار شود": the count is N + 1); None when none or offered
    count_of_repeats: float | None = None
    schedule_days: tuple[int, ...] = ()
    preferred: list[str] = field(default_factory=list)
    problems: list[Reason] = field(default_factory=list)
    start: int | None = None  # where the first timing words start (relative to the text read)
    end: int = 0  # where the last timing words end (relative to the text read)

    def once_a_day(self) -> bool:
        """Every day, written as an interval ("每日1次", "qd", "هر روز")."""
        return self.every_unit == "d" and self.every_low == 1 == self.every_high

    def is_cycle(self) -> bool:
        """"400 mg/kg for 5 days, every 4 weeks": a course of several days repeated at an interval no
        shorter than the course; a shorter interval ("weekly for 3 months") is the one between doses."""
        if not (self.course_high and self.course_high > 1 and self.every_unit in _DAYS):
            return False
        return (self.every_high or self.every_low or 0) * _DAYS[self.every_unit] >= self.course_high


@dataclass(slots=True)  # as Timing (the frozen records keep a __dict__: records.make builds them through it)
class Draft:
    """A regimen as read from one statement, before it is tied to a row or an indication."""

    dose: DoseMatch | None
    span: tuple[int, int]
    text: str
    timing: Timing
    phase: str | None = None
    population: str | None = None
    basis: str | None = None
    max_total_low: float | None = None
    max_total_high: float | None = None
    max_dose: tuple[float, str] | None = None  # a ceiling of each administration: (amount, UCUM unit), the first one
    typical: tuple[float, float] | None = None
    condition: str | None = None
    problems: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lead_start: int = 0  # where the words before the amount may start: a basis word before it is another amount's
    one_said_before: bool = False  # its count of one is a word before the amount ("首剂", "تک دوز"), not its timing's


@dataclass(frozen=True)
class Mention:
    """A dose-like mention the safety net found (net.py), classed by the words around it."""

    start: int
    end: int
    text: str
    unit: str  # the written unit word
    kind: str  # dose (per kg), fixed (no per kg), volume (mL per kg), rate, concentration, other_drug, strength,
    # vials (a count of containers)
    amount_at: int = 0  # where the amount starts in text ("每公斤体重给予10%溶液5 ml": the 5, not the 10%)
