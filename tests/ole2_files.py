"""Hostile OLE2 compound files (the container of .xls and .doc), written byte by byte for the tests.

Authored files: no real program writes these; they are what an attacker would upload as an .xls
or a .doc. Layout (512-byte sectors): the header, one FAT sector, the directory's sectors, one
mini-FAT sector and one sector of mini stream.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END, FAT_SECTOR = -1, -2, -3


@dataclass
class Entry:
    name: str
    kind: int = 2  # 1 storage, 2 stream, 5 root
    left: int = -1
    right: int = -1
    child: int = -1
    first: int = END
    size: int = 0

    def pack(self) -> bytes:
        name = self.name.encode("utf-16-le") + b"\x00\x00"
        return (name.ljust(64, b"\x00") + struct.pack("<HBBiii", len(name), self.kind, 1, self.left, self.right,
                                                      self.child)
                + b"\x00" * 36 + struct.pack("<ii", self.first, self.size) + b"\x00" * 4)


def compound_file(entries: list[Entry], mini_fat: list[int]) -> bytes:
    """A compound file holding ``entries`` (the first is the root; it gets the mini stream) and a
    mini-FAT of ``mini_fat``."""
    directory = b"".join(e.pack() for e in entries)
    directory += b"\x00" * (-len(directory) % 512)
    dir_sectors = len(directory) // 512
    first_dir, mini_fat_sector, mini_stream = 1, 1 + dir_sectors, 2 + dir_sectors
    fat = [FAT_SECTOR] + [first_dir + i + 1 for i in range(dir_sectors - 1)] + [END, END, END]
    fat += [FREE] * (128 - len(fat))
    entries[0].first, entries[0].size = mini_stream, 512
    directory = b"".join(e.pack() for e in entries).ljust(dir_sectors * 512, b"\x00")
    header = (MAGIC + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 10
              + struct.pack("<iiiiiiii", 1, first_dir, 0, 4096, mini_fat_sector, 1, END, 0)
              + struct.pack("<109i", 0, *[FREE] * 108))
    return (header + struct.pack("<128i", *fat) + directory
            + struct.pack("<128i", *(mini_fat + [FREE] * (128 - len(mini_fat)))) + b"\x00" * 512)


def directory_bomb(depth: int = 40, name: str = "Workbook") -> bytes:
    """A directory whose every entry names the next as both its left and right sibling: walked as
    a tree, 2^depth visits. The last entry is the stream ``name``."""
    entries = [Entry("Root Entry", kind=5, child=1)]
    for number in range(1, depth + 1):
        following = number + 1 if number < depth else -1
        entries.append(Entry(name if number == depth else f"S{number}", left=following, right=following))
    return compound_file(entries, [END])


def looping_short_stream(name: str = "Workbook") -> bytes:
    """A 100-byte stream (so kept in the mini stream) whose short-sector chain points at itself."""
    return compound_file([Entry("Root Entry", kind=5, child=1), Entry(name, first=0, size=100)], [0])
