"""Other PDFs of the same circular (page size, orientation, column order and widths, font, digits,
presentation forms) read to the same letter and cells as the text rendition."""
import re
from pathlib import Path

import pytest

from pipeline.circular.pdf_grid import pdf_to_grid
from pipeline.circular.read import grid_to_reading
from pipeline.circular.text_grid import text_to_grid
from pipeline.records import ROW_COLUMNS

from .conftest import CIRCULAR_TXT, DOC_ID
from .pdf_maker import FONT, Layout, make_circular_pdf

A4 = (595.3, 841.9)
LETTER_LANDSCAPE = (792.0, 612.0)
# (column, width share) from the page's left edge: the drug on the right as in the circular, or on the left
DRUG_ON_THE_RIGHT = (("recommendations", 1.0), ("conditions", 2.0), ("dosing", 2.6), ("contraindication", 1.0),
                     ("indication", 2.4), ("setting", 0.9), ("prescribers", 1.3), ("service", 0.8), ("drug", 0.6))
DRUG_ON_THE_LEFT = (("drug", 0.7), ("service", 1.0), ("prescribers", 1.3), ("setting", 1.3), ("indication", 2.4),
                    ("contraindication", 1.4), ("dosing", 3.0), ("conditions", 2.5), ("recommendations", 1.2))
LAYOUTS = {
    "a4-portrait-ascii-digits-presentation-forms": Layout(A4, DRUG_ON_THE_RIGHT, size=7.0, ascii_digits=True,
                                                          presentation_forms=True),
    "letter-landscape-drug-on-the-left": Layout(LETTER_LANDSCAPE, DRUG_ON_THE_LEFT, size=8.5, margin=30.0),
}

pytestmark = pytest.mark.skipif(not Path(FONT).exists(), reason="fonts-dejavu-core is not installed")


@pytest.fixture(scope="module")
def text_reading():
    grid = text_to_grid(Path(CIRCULAR_TXT).read_text(encoding="utf-8"))
    return grid, grid_to_reading(grid, CIRCULAR_TXT.name)[1]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_other_pdf_rendition_reads_to_the_same_cells(tmp_path, text_reading, name):
    grid, text = text_reading
    path = tmp_path / f"{name}.pdf"
    letter = [line.strip() for line in grid.letter_lines if line.strip()]
    rows = [{c: row.cell(c) for c in ROW_COLUMNS} for row in text.rows]
    make_circular_pdf(path, LAYOUTS[name], letter, grid.title, text.shared, rows, list(text.notes_raw))
    pdf_grid = pdf_to_grid(str(path), path.name)
    doc_id, pdf = grid_to_reading(pdf_grid, path.name)
    assert doc_id == DOC_ID
    assert pdf.letter == text.letter
    assert pdf.shared == text.shared and pdf.notes == text.notes
    assert _cells(pdf.rows) == _cells(text.rows)
    assert not [f for f in pdf.flags if f.code == "pdf_bidi_unverified"]
    assert len(pdf_grid.pages) > 5 and all(p.header for p in pdf_grid.pages)


def _cells(rows) -> list[list[str]]:
    """The rows' cells, with a hyphen's following space dropped: a line that breaks after "TTP-" in
    "(TTP- HUS)" reads as "TTP-HUS", since a break after a hyphen joins ("Lennox-" + "Gastaut") and
    the page does not show whether a space stood there. The one ambiguity a line break leaves."""
    return [[re.sub(r"-\s+", "-", row.cell(c)) for c in ROW_COLUMNS] for row in rows]
