"""Old binary Office files (.xls, .doc, .wps: OLE2 compound files) opened with xlrd's compound-file
reader, made safe against a hostile directory or sector chain.

xlrd's reader is the only maintained pure-Python one, and it is used by the spreadsheet readers
(``ipcity.analytics.xls``) and by the plan reader's typing (``ipcity.plans.read.sniff``), both of
which see uploaded files. Two of its loops trust the file:

- ``_build_family_tree`` walks the directory's sibling tree by recursion and never asks whether it
  has seen an entry before: a directory of 30 entries each naming the next as both its left and
  right sibling makes 2^30 calls and a children list as long (an upload of a few KB holding a
  worker for hours and its memory growing);
- ``CompDoc._get_stream`` checks a chain of sectors for loops except for a short stream (under
  4,096 bytes, kept in the "mini stream"): a short-sector chain pointing back at itself loops for
  ever, appending to a list (a ``Workbook`` stream of 100 bytes did that).

Both are replaced here, once, when this module is imported: the directory is walked iteratively,
each entry at most once (an entry reached twice is a damaged file), and a short stream's chain is
followed once to check it before xlrd reads it. Every other check of xlrd's (a long stream's loops,
the sector tables' own) is kept. ``tests/test_ole2.py`` fails if an xlrd upgrade renames either.
"""

from __future__ import annotations

import io
from typing import Any

from xlrd import compdoc

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _family_tree(dirlist: list[Any], parent_did: int, child_did: int) -> None:
    """xlrd's ``_build_family_tree`` (children in the same in-order), iterative, each entry once."""
    placed = {parent_did}
    storages = [(parent_did, child_did)]  # (storage, the root of its children's sibling tree)
    while storages:
        storage, node = storages.pop()
        pending: list[int] = []
        while pending or node >= 0:
            while node >= 0:
                if node >= len(dirlist) or node in placed:
                    raise compdoc.CompDocError(f"directory entry {node} is out of range or reached twice")
                placed.add(node)
                pending.append(node)
                node = dirlist[node].left_DID
            node = pending.pop()
            dirlist[storage].children.append(node)
            dirlist[node].parent = storage
            if dirlist[node].etype == 1:  # a storage: its own children
                storages.append((node, dirlist[node].root_DID))
            node = dirlist[node].right_DID


_xlrd_get_stream = compdoc.CompDoc._get_stream


def _get_stream(self: Any, mem: Any, base: int, sat: list[int], sec_size: int, start_sid: int,
                size: int | None = None, name: str = "", seen_id: int | None = None) -> bytes:
    """xlrd's, after a check that a chain xlrd would not check (``seen_id`` None) has no loop."""
    if seen_id is None:
        seen: set[int] = set()
        sid = start_sid
        while 0 <= sid < len(sat):
            if sid in seen:
                raise compdoc.CompDocError(f"{name}: the sector chain loops at {sid}")
            seen.add(sid)
            sid = sat[sid]
    return _xlrd_get_stream(self, mem, base, sat, sec_size, start_sid, size, name, seen_id)


compdoc._build_family_tree = _family_tree
compdoc.CompDoc._get_stream = _get_stream


class CompoundFileError(ValueError):
    """A damaged compound file (its sector tables or directory cannot be followed)."""


def compound_file(data: bytes) -> Any:
    """The file's ``xlrd.compdoc.CompDoc``; ``CompoundFileError`` when it is damaged."""
    try:
        return compdoc.CompDoc(data, logfile=io.StringIO())
    except Exception as exc:  # CompDocError, IndexError, struct.error, RecursionError... for a damaged file
        raise CompoundFileError(f"{type(exc).__name__}: {exc}") from exc


def stream_names(data: bytes) -> set[str]:
    """The names in the compound file's directory; ``CompoundFileError`` when it is damaged."""
    return {node.name for node in compound_file(data).dirlist}
