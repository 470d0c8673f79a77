"""Build real Word documents in tests: Word list numbering (numbering.xml), tables, merges.

python-docx writes paragraphs and tables but has no API for list numbering, so the numbering
definitions are written into the package's numbering part here, the way Word stores them.
"""

from __future__ import annotations

from dataclasses import dataclass

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# (numFmt, lvlText) per level of the outline Chinese plans use: 一、 （一） 1. （1） ①
CHINESE_OUTLINE = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
    ("decimalEnclosedCircle", "%5"),
]


@dataclass
class ListStyle:
    num_id: int
    abstract_id: int


def add_numbering(document: Document, levels: list[tuple[str, str]], *, suffix: str = "nothing",
                  abstract_id: int = 90) -> ListStyle:
    """Define a multi-level list (abstractNum + num) and return its ids."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="{suffix}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    # abstractNum elements must precede num elements in numbering.xml.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num_id = abstract_id + 1000
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return ListStyle(num_id=num_id, abstract_id=abstract_id)


def restart_numbering(document: Document, style: ListStyle, ilvl: int, start: int = 1) -> int:
    """A new num on the same abstract list whose level ``ilvl`` restarts (Word's 'restart at')."""
    numbering = document.part.numbering_part.element
    num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{style.abstract_id}"/>'
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
    return num_id


def numbered_paragraph(document: Document, text: str, num_id: int, ilvl: int, style: str | None = None):
    paragraph = document.add_paragraph(text, style=style)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def merge_cells(table, top_left: tuple[int, int], bottom_right: tuple[int, int]) -> None:
    """Merge a rectangle of cells as Word does (gridSpan across, vMerge down)."""
    a = table.cell(*top_left)
    b = table.cell(*bottom_right)
    a.merge(b)


def new_document() -> Document:
    return docx.Document()
