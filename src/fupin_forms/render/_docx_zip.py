"""A .docx is a zip whose parts but one never change between records: zip those once, and per
record write only ``word/document.xml`` and a new central directory (no re-reading)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

__all__ = ["ZipWithOnePart"]

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, as zipfile writes for fixed timestamps


class ZipWithOnePart:
    """The template's zip minus ``name``; ``build(data)`` adds ``name`` and returns the zip."""

    def __init__(self, template: bytes, name: str) -> None:
        self.name = name.encode("ascii")
        buf = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(template)) as src,
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst,
        ):
            for info in src.infolist():
                if info.filename != name:
                    dst.writestr(info, src.read(info.filename))
        raw = buf.getvalue()
        with zipfile.ZipFile(io.BytesIO(raw)) as made:
            self._count = len(made.infolist())
        end = raw.rfind(b"PK\x05\x06")
        _, _, _, _, _, cd_size, cd_offset, _ = _END.unpack_from(raw, end)
        self._entries = raw[:cd_offset]
        self._central = raw[cd_offset : cd_offset + cd_size]

    def build(self, data: bytes, level: int = 1) -> bytes:
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        crc = zlib.crc32(data)
        offset = len(self._entries)
        local = _LOCAL.pack(
            b"PK\x03\x04",
            20,
            0,
            0,
            zipfile.ZIP_DEFLATED,
            0,
            _DOS_DATE,
            crc,
            len(packed),
            len(data),
            len(self.name),
            0,
        )
        central = _CENTRAL.pack(
            b"PK\x01\x02",
            20,
            0,
            20,
            0,
            0,
            zipfile.ZIP_DEFLATED,
            0,
            _DOS_DATE,
            crc,
            len(packed),
            len(data),
            len(self.name),
            0,
            0,
            0,
            0,
            0o600 << 16,
            offset,
        )
        cd_offset = offset + len(local) + len(self.name) + len(packed)
        cd = self._central + central + self.name
        end = _END.pack(
            b"PK\x05\x06", 0, 0, self._count + 1, self._count + 1, len(cd), cd_offset, 0
        )
        return b"".join((self._entries, local, self.name, packed, cd, end))
