"""Flagged rows of a PDF rendition -> images of their region of the page, for the review page.

A curator checks a reading against the source: the review page shows, beside the cells as read,
the row as printed. Each row keeps its box on the page (source_rows.pdf_bbox_pages, pdf_bbox); the
build cuts that box from the page (pdfplumber renders through pypdfium2) for the rows a curator must
look at only: rows flagged, or holding a flagged regimen or threshold.

An image is named by what it shows (the row, the page, a digest of the PDF's bytes, the box and the
resolution), so that the same input gives the same file, byte for byte, and a rebuild takes the
image from the previous build instead of rendering it again."""
from __future__ import annotations

import contextlib
import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

FOLDER = "review"
RESOLUTION = 130  # dots per inch: 10-point Persian text stays legible without making the page heavy
_MARGIN = 2.0  # points around the box, so that the row's rulings show
_RENDERER = "pdfplumber-pypdfium2-png-1"  # part of the name: a change of how images are made renames them


@dataclass(frozen=True)
class Crop:
    """One part of a row (a row may go on to the next page) to cut from a PDF page."""

    row_id: str
    rendition: str  # the PDF's file name
    page: int  # 1-based
    bbox: tuple[float, float, float, float]
    file: str  # path inside the curated folder: review/<row_id>-p<page>-<digest>.png


def _needs_image(dataset: dict[str, list[dict]]) -> set[str]:
    rows = {r["row_id"] for r in dataset.get("source_rows", []) if r.get("needs_review")}
    for table in ("regimens", "criteria"):
        rows |= {i for item in dataset.get(table, []) if item.get("needs_review") for i in item.get("row_ids") or []}
    return rows


def _pdf_renditions(documents: list[dict]) -> dict[str, tuple[str, str]]:
    """doc_id -> (file name, sha256) of its PDF rendition."""
    out = {}
    for doc in documents:
        for name, digest in zip(doc.get("renditions") or [], doc.get("rendition_sha256") or []):
            if name.lower().endswith(".pdf"):
                out[doc["doc_id"]] = (name, digest)
    return out


def dataset_to_crops(dataset: dict[str, list[dict]]) -> list[Crop]:
    """The image parts the review page shows: each flagged row's boxes on its PDF's pages."""
    wanted, pdfs = _needs_image(dataset), _pdf_renditions(dataset.get("documents", []))
    crops = []
    for row in dataset.get("source_rows", []):
        if row["row_id"] not in wanted or row.get("doc_id") not in pdfs:
            continue
        name, digest = pdfs[row["doc_id"]]
        numbers = row.get("pdf_bbox") or []
        for n, page in enumerate(row.get("pdf_bbox_pages") or []):
            bbox = tuple(float(v) for v in numbers[4 * n:4 * n + 4])
            if len(bbox) != 4:
                continue
            key = hashlib.sha256(f"{digest} {page} {bbox} {RESOLUTION} {_RENDERER}".encode()).hexdigest()[:10]
            crops.append(Crop(row["row_id"], name, page, bbox, f"{FOLDER}/{row['row_id']}-p{page}-{key}.png"))
    return crops


def _render(pdf, document, crop: Crop) -> bytes:
    """The crop as PNG: the pixels pdfplumber's PageImage cuts from its page's picture for the cropped
    page, rendered by pdfium into a picture of the crop's size alone (the page drawn at the same
    scale and place, clipped to the crop), not into a picture of the whole page."""
    page = pdf.pages[crop.page - 1]
    left, top, right, bottom = page.bbox
    x0, y0, x1, y1 = crop.bbox
    box = (max(left, x0 - _MARGIN), max(top, y0 - _MARGIN), min(right, x1 + _MARGIN), min(bottom, y1 + _MARGIN))
    pdfium_page = document[crop.page - 1]
    try:
        scale = RESOLUTION / 72
        # the page's picture as pdfplumber's to_image gets it from pypdfium2: its size in pixels
        width, height = math.ceil(pdfium_page.get_width() * scale), math.ceil(pdfium_page.get_height() * scale)
        px0, py0, px1, py1 = _pixels(page, page.crop(box), width)
        whole = not (0 <= px0 < px1 <= width and 0 <= py0 < py1 <= height)
        # pypdfium2 rounds each cut up to whole pixels (ceil of points x scale): half a pixel less cuts
        # exactly that many pixels
        cut = (0, 0, 0, 0) if whole else tuple((n - 0.5) / scale for n in (px0, height - py1, width - px1, py0))
        image = pdfium_page.render(scale=scale, crop=cut, no_smoothtext=True, no_smoothpath=True,
                                   no_smoothimage=True, prefer_bgrx=True).to_pil().convert("RGB")
    finally:
        pdfium_page.close()
    if whole:  # a box past the picture's edge (never a row's): cut as PageImage does, from the whole page
        from pdfplumber.display import PageImage

        image = PageImage(page.crop(box), original=image, resolution=RESOLUTION).original.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # PIL writes no time or software chunk: same bytes each time
    return out.getvalue()


def _pixels(page, cropped, width: int) -> tuple[int, int, int, int]:
    """The box in pixels that pdfplumber's PageImage cuts from the page's picture (`width` pixels wide)
    for the cropped page: its arithmetic, whole pixels truncated from the crop's corner."""
    scale = width / (page.cropbox[2] - page.cropbox[0])
    shown = cropped.bbox if cropped.bbox != cropped.mediabox else cropped.cropbox

    def at(x: float, y: float) -> tuple[int, int]:
        return int((x - shown[0]) * scale), int((y - shown[1]) * scale)

    if cropped.bbox == cropped.cropbox:  # PageImage cuts nothing: the whole picture
        return -1, -1, -1, -1
    (cx, cy), (ax, ay), (bx, by) = at(*page.cropbox[:2]), at(*shown[:2]), at(*shown[2:])
    return ax - cx, ay - cy, bx - cx, by - cy


def crops_to_images(crops: list[Crop], pdf_paths: dict[str, Path], previous: Path | None = None) -> dict[str, bytes]:
    """file -> PNG bytes for each crop: taken from the previous build when it has the same file
    (same name, same picture), else cut from the PDF. A page that cannot be rendered gives no image
    (the review page says so); the reading itself never depends on it."""
    import pdfplumber
    import pypdfium2

    images: dict[str, bytes] = {}
    todo: dict[str, list[Crop]] = {}
    for crop in crops:
        old = previous / crop.file if previous else None
        if old is not None and old.is_file():
            images[crop.file] = old.read_bytes()
        elif crop.rendition in pdf_paths:
            todo.setdefault(crop.rendition, []).append(crop)
    for rendition, parts in todo.items():
        try:
            with pdfplumber.open(pdf_paths[rendition]) as pdf, contextlib.closing(
                    pypdfium2.PdfDocument(pdf_paths[rendition])) as document:
                for crop in parts:
                    images[crop.file] = _render(pdf, document, crop)
        except Exception:  # noqa: BLE001 - an image is a convenience; the build must not fail for it
            continue
    return images


def dataset_to_images(dataset: dict[str, list[dict]], paths: list[Path], previous: Path | None) -> dict[str, bytes]:
    """The build's step: the review page's images for a dataset, from the raw files it was read from
    (previous: the folder of the last build, whose images are taken when they are the same)."""
    previous = Path(previous) if previous is not None and Path(previous).is_dir() else None
    return crops_to_images(dataset_to_crops(dataset), {p.name: p for p in paths}, previous)
