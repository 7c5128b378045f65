"""Bytes to text: BOM-aware, UTF-8 first, then legacy encodings; binary is refused.

Rules, in order:

1. A byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
2. Without a BOM, NUL patterns typical of UTF-16/32 are recognised.
3. Valid UTF-8 is UTF-8.
4. Otherwise, if the bytes look like text, Windows-1252 (a superset of Latin-1
   for printable characters), falling back to Latin-1.
5. Data with many control bytes or NUL bytes is binary and refused.

The result is NFC-normalised, with NUL and other C0 controls (except tab and
newlines) removed, and ``\\r\\n`` folded to ``\\n``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))  # C0 controls but tab, LF, CR
GZIP_MAGIC = b"\x1f\x8b"
BINARY_MAGICS = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", GZIP_MAGIC, b"\x7fELF", b"MZ")


class DecodeError(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def decode_bytes(data: bytes) -> str:
    text = sanitize(_decode(data))
    if not text.strip():
        raise DecodeError("empty", "no text after decoding")
    return text


def sanitize(text: str) -> str:
    """Text safe to store: lone surrogates (JSON ``"\\ud800"``) become U+FFFD, C0 controls go, NFC."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError("bad_encoding", f"has a {encoding} byte-order mark but is not valid {encoding}") from exc
    sniffed = _sniff_wide(data)
    if sniffed:
        try:
            return data.decode(sniffed)
        except UnicodeDecodeError:
            pass
    if data.startswith(BINARY_MAGICS):
        raise DecodeError("binary", "binary file (compressed, image, PDF or executable), not text")
    sample = data[:65536]
    if sample.count(b"\x00") > 0:
        raise DecodeError("binary", "binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        if _control_ratio(sample) > 0.05:
            raise DecodeError("binary", "binary data (not valid UTF-8 and full of control bytes)")
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        if _junk_ratio(text[:20000]) > 0.10:
            raise DecodeError("binary", "binary data (undecodable as UTF-8 or a legacy encoding)")
        return text
    if _control_ratio(sample) > 0.05:
        raise DecodeError("binary", "binary data (control bytes), not text")
    return text


def is_wide(data: bytes) -> bool:
    """True when ``data`` starts like UTF-16 or UTF-32 text (a byte-order mark or their NUL pattern)."""
    if data.startswith(codecs.BOM_UTF8):
        return False
    return any(data.startswith(bom) for bom, _ in BOMS) or _sniff_wide(data) is not None


def _sniff_wide(data: bytes) -> str | None:
    head = data[:4000]
    if len(head) < 4 or b"\x00" not in head:  # every test below counts NUL bytes
        return None
    if len(head) % 4 == 0 or len(head) >= 8:
        quads = len(head) // 4
        if quads and sum(1 for i in range(quads) if head[4 * i + 1: 4 * i + 4] == b"\x00\x00\x00") > 0.8 * quads:
            return "utf-32-le"
        if quads and sum(1 for i in range(quads) if head[4 * i: 4 * i + 3] == b"\x00\x00\x00") > 0.8 * quads:
            return "utf-32-be"
    pairs = len(head) // 2
    odd_nul = sum(1 for i in range(pairs) if head[2 * i + 1] == 0 and head[2 * i] != 0)
    even_nul = sum(1 for i in range(pairs) if head[2 * i] == 0 and head[2 * i + 1] != 0)
    if odd_nul > 0.6 * pairs:
        return "utf-16-le"
    if even_nul > 0.6 * pairs:
        return "utf-16-be"
    return None


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, CONTROL_BYTES))) / len(sample)


def _junk_ratio(text: str) -> float:
    if not text:
        return 0.0
    junk = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r")
    return junk / len(text)


def looks_like_html(head: str) -> bool:
    lowered = head.lower()
    return lowered.startswith(("<!doctype html", "<html")) or ("<body" in lowered and "</" in lowered)
