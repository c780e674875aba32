"""Row images (pipeline/pdf/crops.py): pdfium draws only the crop, and the pixels are those pdfplumber's
PageImage cuts from the whole page's picture, for any box, the page's own edges included."""
import contextlib
import io

import pdfplumber
import pypdfium2
import pytest
from pdfplumber.display import PageImage
from PIL import Image

from pipeline.pdf import crops

from .conftest import CIRCULAR_PDF


def _as_pageimage_cuts(pdf, crop: crops.Crop) -> bytes:
    """The crop as pdfplumber makes it: the whole page rendered (to_image), the cropped page cut from it."""
    page = pdf.pages[crop.page - 1]
    left, top, right, bottom = page.bbox
    x0, y0, x1, y1 = crop.bbox
    m = crops._MARGIN
    box = (max(left, x0 - m), max(top, y0 - m), min(right, x1 + m), min(bottom, y1 + m))
    whole = page.to_image(resolution=crops.RESOLUTION).original
    return PageImage(page.crop(box), original=whole, resolution=crops.RESOLUTION).original.convert("RGB").tobytes()


@pytest.mark.parametrize("page, bbox", [
    (2, (30.5, 120.25, 760.0, 301.75)),  # a row of the table
    (3, (0.0, 0.0, 600.0, 60.0)),  # at the page's top-left corner: the margin is cut off by the page
    (5, (500.3, 400.1, 841.9, 595.3)),  # at the bottom-right corner
    (4, (0.0, 0.0, 10000.0, 10000.0)),  # the whole page (no cut)
    (6, (211.11, 333.33, 212.2, 334.4)),  # a box of a pixel or two
])
def test_the_crop_drawn_alone_has_the_pixels_pdfplumber_cuts_from_the_page(page, bbox):
    crop = crops.Crop("r", CIRCULAR_PDF.name, page, bbox, "review/r.png")
    with pdfplumber.open(CIRCULAR_PDF) as pdf, contextlib.closing(pypdfium2.PdfDocument(CIRCULAR_PDF)) as document:
        made = Image.open(io.BytesIO(crops._render(pdf, document, crop)))
        assert made.mode == "RGB"
        assert made.tobytes() == _as_pageimage_cuts(pdf, crop)
