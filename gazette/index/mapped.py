"""A Whoosh file read straight from a memory map (no copy), for `store._map_without_copying`."""
from __future__ import annotations

import struct
from array import array

from whoosh.filedb.structfile import StructFile

_LITTLE = array("I", [1]).tobytes()[0] == 1


class _View:
    """The file-like part of a memoryview: read/seek/tell, copying only what is read."""

    def __init__(self, buf: memoryview):
        self.buf, self.pos = buf, 0

    def read(self, n: int = -1) -> bytes:
        start = self.pos
        end = len(self.buf) if n is None or n < 0 else min(len(self.buf), start + n)
        self.pos = end
        return bytes(self.buf[start:end])

    def readline(self, limit: int = -1) -> bytes:
        end = len(self.buf)
        if limit is not None and limit >= 0:
            end = min(end, self.pos + limit)
        rest = self.buf[self.pos:end]
        i = bytes(rest).find(b"\n")  # only pickles read lines, and only short ones
        n = len(rest) if i < 0 else i + 1
        return self.read(n)

    def seek(self, pos: int, whence: int = 0) -> int:
        self.pos = pos if whence == 0 else self.pos + pos if whence == 1 else len(self.buf) + pos
        return self.pos

    def tell(self) -> int:
        return self.pos

    def close(self) -> None:
        self.buf = memoryview(b"")


def _getter(fmt: str):
    unpack_from = struct.Struct(fmt).unpack_from
    return lambda self, position: unpack_from(self._buf, position)[0]


class MappedFile(StructFile):
    """Whoosh's `BufferFile` without the copy: random access reads unpack from the map."""

    def __init__(self, buf, name=None, onclose=None):
        self._buf = memoryview(buf)
        self._name = name
        self.file = _View(self._buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def subset(self, position, length, name=None):
        return MappedFile(self._buf[position:position + length], name=name or self._name)

    def get(self, position, length):
        return bytes(self._buf[position:position + length])

    get_byte = _getter("B")
    get_sbyte = _getter("b")
    get_int = _getter(">i")
    get_uint = _getter(">I")
    get_ushort = _getter(">H")
    get_long = _getter(">q")
    get_ulong = _getter(">Q")
    get_float = _getter(">f")

    def get_array(self, position, typecode, length):
        a = array(typecode)
        a.frombytes(self.get(position, length * a.itemsize))
        if _LITTLE:
            a.byteswap()
        return a
