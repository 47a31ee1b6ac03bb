"""Plain text: detect the encoding (UTF-8 with/without BOM, UTF-16 with BOM, GB18030/GBK)."""
from __future__ import annotations

from ..errors import LoadError
from ..model import Line

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not text (UTF-16 with a BOM is checked first)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Decode bulletin bytes; returns (text, encoding) or raises LoadError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), ("utf-16" if enc == "utf-16" else "utf-8-sig")
            except UnicodeDecodeError:
                raise LoadError(f"starts with a {enc} byte-order mark but does not decode as {enc}",
                                hint="the file is damaged or mislabelled; re-export it as UTF-8") from None
    if looks_binary(data):
        raise LoadError("is binary, not text or a known document format",
                        hint="gazette reads TXT, PDF, DOCX and HTML files")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise LoadError("is not valid UTF-8, UTF-16 or GB18030 text",
                        hint="convert it to UTF-8 (e.g. iconv -f <encoding> -t utf-8) and try again") from None
    if not _mostly_cjk_or_ascii(text):
        raise LoadError("decodes as GB18030 only into unlikely characters (wrong encoding?)",
                        hint="convert it to UTF-8 (e.g. iconv -f <encoding> -t utf-8) and try again")
    return text, "gb18030"


def _mostly_cjk_or_ascii(text: str) -> bool:
    sample = text[:20000]
    good = sum(1 for c in sample if c.isascii() or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef")
    return good >= 0.9 * len(sample)


def split_lines(text: str) -> list[Line]:
    """Lines numbered from 1 as an editor shows them; no other change."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return [Line(no=i, text=t) for i, t in enumerate(text.split("\n"), start=1)]


def load_text(data: bytes):
    from . import Loaded
    text, enc = decode(data)
    if not text.strip():
        raise LoadError("holds no text", hint="nothing to parse")
    return Loaded(path="", format="txt", sha256="", lines=split_lines(text), encoding=enc)
