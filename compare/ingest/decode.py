"""Bytes to text: encodings are detected, not assumed, and a declared charset must fit the bytes."""

from __future__ import annotations

import codecs

import regex

from compare.errors import InputError
from compare.settings import DEFAULT_SETTINGS

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
DECLARED = regex.compile(rb"""(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:\-]+)""")
# Encoding detection's thresholds (their meanings and how to re-measure them: settings.py).
DECODE = DEFAULT_SETTINGS.decode
# The head of an input read to tell UTF-16, binary content and a declared charset.
SAMPLE_BYTES = 4096
# Short texts fit several code pages about equally well (a few accented letters decode to
# plausible letters in cp1252, cp1257 and DOS's cp775 alike): of the encodings within
# ``chaos_margin`` of the best guess, one in common use on the web wins over a rarer one, then
# the most coherent, then the most used.
WEB_ENCODINGS = (
    "cp1252",
    "cp1251",
    "cp1250",
    "cp1256",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1257",
    "koi8_r",
    "gb18030",
    "shift_jis",
    "euc_kr",
    "big5",
    "cp932",
    "euc_jp",
    "iso8859_2",
    "iso8859_15",
)
# Python's codec name of each, to its rank.
WEB_RANK = {codecs.lookup(name).name: rank for rank, name in enumerate(WEB_ENCODINGS)}
CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP header or an HTML ``<meta>`` declares, if any."""
    if content_type:
        match = regex.search(r"(?i)charset\s*=\s*[\"']?([\w.:\-]+)", content_type)
        if match:
            return str(match[1]).lower()
    match = DECLARED.search(data[:SAMPLE_BYTES])
    return match[1].decode("ascii", "replace").lower() if match else None


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode bytes to text: BOM, UTF-16 pattern, strict UTF-8, then detection.

    A declared charset is only a hint: it is used when charset-normalizer finds it as plausible
    as its own best guess, and overruled when the bytes say otherwise.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source)
    utf16 = utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, source)
    if looks_binary(data):
        raise InputError(source, "binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, source, declared)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(source, f"undecodable bytes: not valid {encoding}") from None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has a zero (or Cyrillic 0x04) byte in every other position."""
    sample = data[:SAMPLE_BYTES]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    high = (0, 4)
    if sum(b in high for b in odd) > 0.8 * len(odd) and even.count(0) < 0.2 * len(even):
        return "utf-16-le"
    if sum(b in high for b in even) > 0.8 * len(even) and odd.count(0) < 0.2 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text in any 8-bit encoding (NULs, many control bytes)."""
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > len(sample) * DECODE.max_control_share


def _detect(data: bytes, source: str, declared: str | None) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError(source, "undecodable bytes: no text encoding fits")
    best = matches[0]
    common = [
        (round(m.coherence, 2), -WEB_RANK[_codec_name(m.encoding)], m)
        for m in matches
        if m.chaos <= best.chaos + DECODE.chaos_margin and _codec_name(m.encoding) in WEB_RANK
    ]
    chosen = max(common, key=lambda ranked: ranked[:2])[2] if common else best
    if declared:
        wanted = _codec_name(declared)
        for match in matches:
            if _codec_name(match.encoding) == wanted and match.chaos <= best.chaos + DECODE.chaos_margin:
                chosen = match
                break
    if chosen.chaos > DECODE.max_chaos:
        raise InputError(source, "undecodable bytes: no text encoding fits")
    return str(chosen)


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower()
