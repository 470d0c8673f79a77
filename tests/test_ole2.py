"""xlrd's compound-file reader, made safe by ipcity.ole2: hostile directories and sector chains.

The files are authored byte by byte (tests/ole2_files.py); a real .xls written by xlwt checks
that a sound file reads as before.
"""

from __future__ import annotations

import pytest
from xlrd import compdoc

from ipcity import ole2
from ipcity.analytics import xls
from tests.ole2_files import directory_bomb, looping_short_stream
from tests.xls_files import write_xls


def test_xlrds_two_unchecked_loops_are_replaced():
    """An xlrd upgrade that renames either function would silently undo the protection."""
    assert compdoc._build_family_tree is ole2._family_tree
    assert compdoc.CompDoc._get_stream is ole2._get_stream


def test_a_directory_whose_siblings_point_back_is_refused_at_once():
    """Forty entries, each the next's left and right sibling: xlrd walked 2^40 paths (a 5 KB file
    took 6.6 s and 526 MB at 26 entries, twice as much for each one more)."""
    with pytest.raises(ole2.CompoundFileError, match="reached twice"):
        ole2.stream_names(directory_bomb(40))


def test_a_short_stream_whose_chain_loops_is_refused():
    """A 100-byte Workbook stream whose mini-sector chain points at itself: xlrd looped for ever."""
    with pytest.raises(xls.XlsError, match="loops"):
        xls.is_workbook(looping_short_stream())
    with pytest.raises(xls.XlsError):
        xls.open_book(data=looping_short_stream())


def test_a_sound_workbook_reads_as_before(tmp_path):
    path = write_xls(tmp_path / "a.xls", [["申请号", "名称"], ["CN1", "一种装置"]], before=[("说明", [["x"]])])
    data = path.read_bytes()
    assert "Workbook" in ole2.stream_names(data) and xls.is_workbook(data)
    document = ole2.compound_file(data)
    assert [document.dirlist[i].name for i in document.dirlist[0].children] == \
        [node.name for node in document.dirlist[1:] if node.etype in (1, 2)]
    rows = list(xls.xls_rows(path, lambda rows: False))
    assert rows == [(1, ["x"])]


@pytest.mark.parametrize(("offset", "fmt", "values", "readable"), [
    (44, "<i", (0x7FFFFFFF,), True),  # sector-table sectors: xlrd counts them from the file
    (68, "<ii", (0, 0x7FFFFFFF), False),  # sector-table extension: its first sector and its count
    (30, "<H", (20,), False),  # 1 MB sectors
])
def test_a_header_declaring_millions_of_sectors_allocates_nothing(tmp_path, offset, fmt, values, readable):
    """Held before: xlrd sizes its tables by the file, not by the header's counts."""
    import struct

    data = bytearray(write_xls(tmp_path / "a.xls", [["x"]]).read_bytes())
    struct.pack_into(fmt, data, offset, *values)
    if readable:
        assert xls.is_workbook(bytes(data))
    else:
        with pytest.raises(xls.XlsError):
            xls.is_workbook(bytes(data))
