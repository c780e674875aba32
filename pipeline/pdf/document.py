"""A PDF file -> its pages (pdfplumber), or a DocumentError that names the file and says why not.

A PDF that cannot be read must stop the build with a reason a curator can act on: it needs a
password, it is cut short, it holds no text (a scan), it is not a PDF at all, or it asks for more
work than any guideline needs (data/limits.yaml: bytes a stream inflates to, pages, characters).
"""
from __future__ import annotations

import contextlib
import zlib
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import DocumentError
from ..limits import limits, mib


class LimitExceeded(Exception):
    """Raised inside pdfminer when a stream inflates past its bound; turned into a DocumentError."""


_inflated = {"bytes": 0}  # inflated by the document being read (one at a time in a process)


def _count_inflated(n: int) -> None:
    """Streams may each stay under their bound and still add up: the document's total is bounded too."""
    _inflated["bytes"] += n
    bound = limits().max_document_inflated_bytes
    if _inflated["bytes"] > bound:
        raise LimitExceeded(f"its streams inflate to more than {mib(bound)} in all (limits.yaml "
                            "max_document_inflated_bytes)")


class _BoundedZlib:
    """pdfminer's zlib, inflating at most max_stream_bytes: pdfminer inflates each stream whole, so a
    file of a few hundred kilobytes could ask for gigabytes (a decompression bomb)."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        """Inflated once to measure (a chunk at a time, nothing kept), then for real under the bound:
        a bomb is refused having held one chunk, not the bound, in memory."""
        bound, chunk = limits().max_stream_bytes, 2**20
        inflater, total, pending = zlib.decompressobj(), 0, data
        while pending and not inflater.eof:
            total += len(inflater.decompress(pending, chunk))
            pending = inflater.unconsumed_tail
            if total > bound:
                raise LimitExceeded(f"a stream inflates to more than {mib(bound)} (limits.yaml max_stream_bytes): "
                                    "a decompression bomb, or not a guideline")
        _count_inflated(total)
        return zlib.decompress(data)  # a damaged stream raises zlib.error here, which pdfminer handles

    @staticmethod
    def decompressobj(*args):
        return _BoundedInflater(zlib.decompressobj(*args))


class _BoundedInflater:
    """The inflater pdfminer uses for a damaged stream (byte by byte), with the same bound."""

    def __init__(self, inflater):
        self.inflater, self.total = inflater, 0

    def decompress(self, data: bytes) -> bytes:
        out = self.inflater.decompress(data)
        self.total += len(out)
        if self.total > limits().max_stream_bytes:
            raise LimitExceeded(f"a stream inflates to more than {mib(limits().max_stream_bytes)} "
                                "(limits.yaml max_stream_bytes)")
        return out


def _bound_streams() -> None:
    """Every stream pdfminer decodes is bounded: Flate while it inflates; the other filters (LZW, run
    length), whose ratios are far smaller, once decoded."""
    from pdfminer import pdftypes

    if getattr(pdftypes.PDFStream.decode, "bounded", False):
        return
    pdftypes.zlib = _BoundedZlib
    decode = pdftypes.PDFStream.decode

    def bounded_decode(self) -> None:
        decode(self)
        if self.data is not None and len(self.data) > limits().max_stream_bytes:
            self.data = None
            raise LimitExceeded(f"a stream decodes to more than {mib(limits().max_stream_bytes)} "
                                "(limits.yaml max_stream_bytes)")

    bounded_decode.bounded = True
    pdftypes.PDFStream.decode = bounded_decode


_bound_streams()


@contextlib.contextmanager
def opened(path, name: str) -> Iterator[pdfplumber.PDF]:
    """The open PDF, checked: it decrypts without a password, parses, has a text layer, and stays
    within the bounds of data/limits.yaml."""
    _inflated["bytes"] = 0
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        raise DocumentError(name, _reason(exc.args[0] if exc.args else exc)) from exc
    except (PDFSyntaxError, PSException, PDFEncryptionError, PDFPasswordIncorrect, ValueError) as exc:
        raise DocumentError(name, _reason(exc)) from exc
    try:
        _count_pages(pdf, name)
        pages = _pages(pdf, name)
        if not any(page.chars for page in pages):
            raise DocumentError(name, "no text layer: its pages hold no characters (a scanned image "
                                      "needs OCR before it can be read)")
        yield pdf
    finally:
        pdf.close()


def _count_pages(pdf: pdfplumber.PDF, name: str) -> None:
    """Refuse a PDF of more pages than the bound before any page is parsed."""
    from pdfminer.pdfpage import PDFPage

    bound = limits().max_pages
    try:
        for n, _ in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            if n > bound:
                raise DocumentError(name, f"more than {bound} pages (limits.yaml max_pages): not a guideline")
    except LimitExceeded as exc:
        raise DocumentError(name, str(exc)) from exc
    except (PDFSyntaxError, PSException, KeyError, TypeError, ValueError):
        return  # a damaged page tree: _pages says so, in its words


def _pages(pdf: pdfplumber.PDF, name: str) -> list:
    bound = limits().max_chars_per_page
    try:
        pages = list(pdf.pages)
        for page in pages:
            if len(page.chars) > bound:  # parse every page now, so that a damaged one fails here
                raise DocumentError(name, f"page {page.page_number} holds {len(page.chars)} characters, more "
                                          f"than {bound} (limits.yaml max_chars_per_page)")
    except LimitExceeded as exc:
        raise DocumentError(name, str(exc)) from exc
    except (PdfminerException, PDFSyntaxError, PSException, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], LimitExceeded):
            raise DocumentError(name, str(exc.args[0])) from exc
        raise DocumentError(name, f"damaged or truncated PDF: {_detail(exc)}") from exc
    if not pages:
        raise DocumentError(name, "damaged or truncated PDF: no page could be found")
    return pages


def _reason(exc: object) -> str:
    if isinstance(exc, LimitExceeded):
        return str(exc)
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "encrypted: it needs a password (or an encryption this reader lacks) to be read"
    return f"damaged or truncated PDF: {_detail(exc)}"


def _detail(exc: object) -> str:
    return f"{type(exc).__name__}: {exc}".rstrip(": ")
