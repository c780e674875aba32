"""Time read_statement on generated inputs near the 20,000-character limit (long digit, numeral and
number-word runs; the number patterns once scanned such runs from every position). Prints seconds each.

    PYTHONPATH=$PWD python bench/bench_long_input.py
"""
from __future__ import annotations

import time

from pipeline import read_statement

CASES = [
    ("zh", "1" * 19_990), ("fa", "1" * 19_990), ("zh", "一" * 19_990), ("fa", "دو " * 6_000),
    ("zh", "۱" * 5_000 + " میلی‌گرم بر کیلوگرم"), ("fa", "9" * 400 + " mg/kg"), ("zh", "1" * 19_990 + " mg/kg"),
    ("fa", "۱" * 19_990), ("zh", "1," * 9_990), ("fa", "1.1" * 6_600), ("zh", "每公斤" * 6_600),
]


def main() -> None:
    read_statement("IVIG 0.4 g/kg", "zh"), read_statement("400 mg/kg", "fa")  # packs loaded before timing
    for lang, text in CASES:
        start = time.perf_counter()
        reading = read_statement(text, lang)
        took = time.perf_counter() - start
        print(f"{lang} {text[:6]!r:>12}... {len(text):>6} chars  {took:6.3f} s  "
              f"flags: {sorted({f.code for f in reading.flags})}")


if __name__ == "__main__":
    main()
