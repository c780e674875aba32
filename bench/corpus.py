"""A benchmark corpus: N distinct circulars made from the real one, generated, never committed.

    .venv/bin/python bench/corpus.py OUT_DIR --n 100 [--pdf-share 0.2] [--seed 1] [--vary]

Each circular has its own issuer, letter number and date, its rows in another order, its page
breaks elsewhere (a long cell sometimes continued on the next page), some pages' headers reversed,
digits Persian or ASCII, and a share of them comes as PDF renditions instead of text.

With --vary (varied_circular_text) a circular is also laid out as other issuers do: a row-number
column, no shared columns, its columns in another order and headed by other words of
pipeline/data/circular_layout.yaml, and its doses spelled otherwise (per-kilogram phrases the dose
grammar reads alike). Whatever the variation, the regimens per indication must come out the same
(tests/test_corpus_variation.py).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = ["نام دارو", "کاربرد خدمت", "افراد صاحب صلاحیت جهت تجویز", "محل ارائه خدمت", "شرط تجویز", "",
          "تواتر خدمت (تعداد دفعات و فواصل خدمت)", "شرایط تجویز", "توصیه ها"]
SUBHEADER = ["", "", "", "", "اندیکاسیون", "کنترا اندیکاسیون", "", "", ""]
COLUMNS = ["indication", "contraindication", "dosing", "conditions", "recommendations"]
ISSUERS = [("ums", "علوم پزشکی ارومیه"), ("tbzmed", "علوم پزشکی تبریز"), ("mui", "علوم پزشکی اصفهان"),
           ("sums", "علوم پزشکی شیراز"), ("mums", "علوم پزشکی مشهد"), ("kums", "علوم پزشکی کرمانشاه")]
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def real_reading():
    from pipeline.circular.read import grid_to_reading
    from pipeline.circular.text_grid import text_to_grid

    text = (ROOT / "raw_documents" / "qums-ivig-circular-1399.txt").read_text(encoding="utf-8")
    _, reading = grid_to_reading(text_to_grid(text), "circular")
    return reading


def _persian(text: str) -> str:
    """Digits in Persian, decimals with the Persian slash (0.4 -> ۰/۴), as Iranian circulars write them."""
    import re

    return re.sub(r"(?<=\d)\.(?=\d)", "/", text).translate(FA_DIGITS)


def letter_text(rng: random.Random, serial: int, persian: bool) -> str:
    code, name = rng.choice(ISSUERS)
    year = rng.randint(1395, 1402)
    date = f"{year}/{rng.randint(1, 12):02d}/{rng.randint(1, 29):02d}"
    number = f"{rng.randint(10, 99)}/{rng.randint(10, 99)}/{100000 + serial}"
    lines = [f"تاریخ: {date}", "", f"شماره: {number}", "", "پیوست: ندارد", "",
             "ریاست محترم بیمارستان‌های تابعه", "", "با سلام و احترام", "",
             f"راهنمای تجویز داروی IVIg دانشگاه {name} جهت اجرا ابلاغ می‌گردد.", "",
             f"<http://url.{code}.ac.ir/guidelines>", "", "دکتر نمونه", "", "معاون درمان", "",
             "فرم راهنمای تجویز داروی IVIg", ""]
    text = "\n".join(lines)
    return text.translate(FA_DIGITS) if persian else text


def _row_cells(row, first: bool, shared: dict[str, str]) -> list[str]:
    shared_cells = [shared.get(c, "") for c in ("drug", "service", "prescribers", "setting")] if first else [""] * 4
    return shared_cells + [row.cells.get(c, "") for c in COLUMNS]


def table_pages(rows, shared, rng: random.Random) -> list[list[list[str]]]:
    """The rows cut into pages of 3 to 7 rows; a long dosing cell is sometimes cut at a page break."""
    pages, page = [], []
    for i, row in enumerate(rows):
        cells = _row_cells(row, i == 0, shared)
        page.append(cells)
        if len(page) >= rng.randint(3, 7):
            words = cells[6].split()
            if len(words) > 12 and rng.random() < 0.3 and not words[len(words) // 2 - 1].endswith("."):
                cut = len(words) // 2
                cells[6] = " ".join(words[:cut])
                pages.append(page)
                page = [[""] * 6 + [" ".join(words[cut:]), "", ""]]
                continue
            pages.append(page)
            page = []
    if page:
        pages.append(page)
    return pages


def circular_text(reading, rng: random.Random, serial: int) -> str:
    persian = rng.random() < 0.5
    rows = list(reading.rows)
    rng.shuffle(rows)
    out = [letter_text(rng, serial, persian)]
    for page in table_pages(rows, reading.shared, rng):
        flip = rng.random() < 0.3
        order = (lambda cells: cells[::-1]) if flip else (lambda cells: cells)
        out.append("")
        out.append("\t".join(order(HEADER)))
        out.append("\t".join(order(SUBHEADER)))
        out += ["\t".join(order(cells)) for cells in page]
    out += ["", "ملاحظات تجویز دارو:", ""] + [f"{note}\n" for note in reading.notes]
    text = "\n".join(out) + "\n"
    return _persian(text) if persian else text


# Per-kilogram spellings the grammar reads alike (pipeline/data/dosing_fa.yaml, per_kg), swapped at random.
PER_KG = ["به ازای هر کیلوگرم وزن بدن", "برای هر کیلوگرم وزن بدن", "به ازای هر کیلوگرم", "در هر کیلوگرم وزن بدن"]
DIRECT_COLUMNS = ["row_number", "indication", "contraindication", "dosing", "conditions", "recommendations"]


def _header_words(rng: random.Random) -> dict[str, str]:
    """One of the header labels data/circular_layout.yaml knows, per column."""
    from pipeline.lexicon import load

    labels = load("circular_layout.yaml")["header"]
    return {column: rng.choice(labels[column]) for column in DIRECT_COLUMNS}


def respell_doses(text: str, rng: random.Random) -> str:
    """The cell with each per-kilogram phrase in another spelling the grammar reads alike."""
    import re

    pattern = "|".join(sorted(map(re.escape, PER_KG), key=len, reverse=True))
    return re.sub(pattern, lambda m: rng.choice(PER_KG), text)


def varied_circular_text(reading, rng: random.Random, serial: int) -> str:
    """A circular as another issuer lays it out: a numbered table of the row columns only, in another
    order under other header words, doses spelled otherwise, digits Persian or ASCII."""
    persian = rng.random() < 0.5
    rows = list(reading.rows)
    rng.shuffle(rows)
    order = DIRECT_COLUMNS[:]
    rng.shuffle(order)
    words = _header_words(rng)
    out = [letter_text(rng, serial, persian), "\t".join(words[c] for c in order)]
    for number, row in enumerate(rows, start=1):
        cells = {c: respell_doses(row.cells.get(c, ""), rng) for c in COLUMNS}
        cells["row_number"] = str(number)
        out.append("\t".join(cells[c] for c in order))
    text = "\n".join(out) + "\n"
    return _persian(text) if persian else text


def circular_pdf(path: Path, reading, rng: random.Random, serial: int) -> None:
    """The same kind of circular typeset as a PDF (the tests' typesetter: ruled grid, header on every
    page), in a page size and column order drawn at random."""
    from tests.pdf_maker import Layout, make_circular_pdf

    persian = rng.random() < 0.5
    rows = list(reading.rows)
    rng.shuffle(rows)
    columns = (("recommendations", 1.0), ("conditions", 2.0), ("dosing", 2.6), ("contraindication", 1.0),
               ("indication", 2.4), ("setting", 1.2), ("prescribers", 1.3), ("service", 1.0), ("drug", 0.7))
    page = rng.choice([(841.9, 595.3), (792.0, 612.0)])
    layout = Layout(page, columns if rng.random() < 0.5 else tuple(reversed(columns)), size=7.0)
    digits = _persian if persian else (lambda t: t)
    letter = [line for line in letter_text(rng, serial, persian).splitlines() if line.strip()]
    make_circular_pdf(path, layout, letter[:-1], letter[-1], {k: digits(v) for k, v in reading.shared.items()},
                      [{c: digits(row.cells.get(c, "")) for c in COLUMNS} for row in rows],
                      [digits(n) for n in reading.notes])


def generate(out_dir: Path, n: int, seed: int = 1, pdf_share: float = 0.0, vary: bool = False) -> list[Path]:
    """Write n circulars into out_dir (a share of them as PDF; with vary, in other layouts); returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    reading = real_reading()
    paths = []
    for i in range(n):
        rng = random.Random(seed * 100003 + i)
        if pdf_share and rng.random() < pdf_share:
            path = out_dir / f"circular-{i:05d}.pdf"
            circular_pdf(path, reading, rng, i)
        else:
            path = out_dir / f"circular-{i:05d}.txt"
            text = varied_circular_text(reading, rng, i) if vary else circular_text(reading, rng, i)
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf-share", type=float, default=0.0)
    parser.add_argument("--vary", action="store_true", help="other layouts, header words and dose spellings")
    args = parser.parse_args()
    paths = generate(args.out, args.n, args.seed, args.pdf_share, args.vary)
    print(f"wrote {len(paths)} circulars to {args.out}")


if __name__ == "__main__":
    main()
