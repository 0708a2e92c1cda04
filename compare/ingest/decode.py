"""Bytes to text: encodings are detected, not assumed."""

from __future__ import annotations

from compare.errors import InputError


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any encoding (NULs outside UTF-16, control bytes)."""
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode bytes to text; UTF-8 first, else charset-normalizer's best guess."""
    if not data.strip():
        raise InputError(source, "empty file")
    if looks_binary(data):
        raise InputError(source, "binary content, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "undecodable bytes: no text encoding fits")
    return str(best)
