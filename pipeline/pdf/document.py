"""A PDF file -> its pages (pdfplumber), or a DocumentError that names the file and says why not.

A PDF that cannot be read must stop the build with a reason a curator can act on: it needs a
password, it is cut short, it holds no text (a scan), it is not a PDF at all.
"""
from __future__ import annotations

import contextlib
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import DocumentError


@contextlib.contextmanager
def opened(path, name: str) -> Iterator[pdfplumber.PDF]:
    """The open PDF, checked: it decrypts without a password, parses, and has a text layer."""
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        raise DocumentError(name, _reason(exc.args[0] if exc.args else exc)) from exc
    except (PDFSyntaxError, PSException, PDFEncryptionError, PDFPasswordIncorrect, ValueError) as exc:
        raise DocumentError(name, _reason(exc)) from exc
    try:
        pages = _pages(pdf, name)
        if not any(page.chars for page in pages):
            raise DocumentError(name, "no text layer: its pages hold no characters (a scanned image "
                                      "needs OCR before it can be read)")
        yield pdf
    finally:
        pdf.close()


def _pages(pdf: pdfplumber.PDF, name: str) -> list:
    try:
        pages = list(pdf.pages)
        for page in pages:
            page.chars  # noqa: B018 - parse every page now, so that a damaged one fails here
    except (PdfminerException, PDFSyntaxError, PSException, KeyError, TypeError, ValueError) as exc:
        raise DocumentError(name, f"damaged or truncated PDF: {_detail(exc)}") from exc
    if not pages:
        raise DocumentError(name, "damaged or truncated PDF: no page could be found")
    return pages


def _reason(exc: object) -> str:
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "encrypted: it needs a password (or an encryption this reader lacks) to be read"
    return f"damaged or truncated PDF: {_detail(exc)}"


def _detail(exc: object) -> str:
    return f"{type(exc).__name__}: {exc}".rstrip(": ")
