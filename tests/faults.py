"""Helpers of the fault tests: bad inputs made on the spot, folders compared byte for byte, survivors found."""
from __future__ import annotations

import os
import zlib
from pathlib import Path

CIRCULAR_WITHOUT_TABLE = "تاریخ: ۱۴۰۰/۰۱/۰۱\nبا سلام\nنامه‌ای بدون جدول\n".encode("utf-8")


def files(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, by relative path: two folders are equal when these are."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf(objects: list[bytes], encrypt: bytes | None = None) -> bytes:
    """A PDF of the given objects (1 0 obj is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    extra = b" /Encrypt " + encrypt + b" /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" \
        if encrypt else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, extra, xref)
    return bytes(out)


def one_page_pdf(content: bytes, inflated_padding: int = 0, encrypt: bytes | None = None) -> bytes:
    """A one-page PDF whose content stream (FlateDecode) is `content` followed by inflated_padding spaces:
    with a large padding, a decompression bomb (a few hundred kilobytes inflating to hundreds of MiB)."""
    z = zlib.compressobj(9)
    parts = [z.compress(content)]
    block = b" " * (1 << 24)
    for _ in range(inflated_padding // len(block)):
        parts.append(z.compress(block))
    parts.append(z.compress(b" " * (inflated_padding % len(block))))
    parts.append(z.flush())
    stream = b"".join(parts)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"], encrypt)


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (IVIg guideline) Tj ET\n"
IMAGE_ONLY_PAGE = b"q 100 0 0 100 72 600 cm 0.5 g 0 0 1 1 re f Q\n"
ENCRYPT = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"00" * 32 + b"> /P -4 >>"


def processes_with(token: str) -> list[int]:
    """Pids of the processes whose environment holds token (a build and everything it started)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as handle:
                    if token.encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found
