"""Units of text: a section's paragraphs cut into pieces each closed by a responsibility list.

A unit is what a task is made of when a plan writes its tasks as prose: its segments (with their
offsets, for the evidence), the lists that close it and the departments they name. Cutting is
knowledge of its own, shared by every reader of a section's tasks (``tasks``) and by the titles
they are given (``task_titles``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipcity.plans.extract.departments import ResponsibilityList, find_lists
from ipcity.plans.normalise import Line

EDGE = " \t，,；;。：:、"


@dataclass
class Segment:
    line: Line
    i: int
    j: int

    @property
    def text(self) -> str:
        return self.line.text[self.i:self.j]


@dataclass
class Unit:
    segments: list[Segment] = field(default_factory=list)
    lists: list[ResponsibilityList] = field(default_factory=list)
    list_segments: list[Segment] = field(default_factory=list)

    def text(self, *, with_lists: bool = False) -> str:
        parts = []
        for seg in self.segments:
            parts.append(seg.text)
        body = "".join(parts)
        if not with_lists:
            for lst_seg in self.list_segments:
                body = body.replace(lst_seg.text, "")
        return body

    def span(self) -> tuple[int, int]:
        first, last = self.segments[0], self.segments[-1]
        return first.line.span(first.i, first.i + 1)[0], last.line.span(last.j - 1, last.j)[1]

    def is_blank(self) -> bool:
        return not self.text().strip(EDGE + "（）()")


def split_units(lines: list[Line]) -> list[Unit]:
    """Cut paragraphs into units, each closed by a responsibility list (the last may have none)."""
    units: list[Unit] = []
    current = Unit()
    for line in lines:
        pos = 0
        for lst in find_lists(line.text, line.breaks):
            current.segments.append(Segment(line, pos, lst.end))
            current.lists.append(lst)
            current.list_segments.append(Segment(line, lst.start, lst.end))
            units.append(current)
            current = Unit()
            pos = lst.end
        if line.text[pos:].strip(EDGE):
            current.segments.append(Segment(line, pos, len(line.text)))
    if current.segments:
        units.append(current)
    return attach_bare_lists(units)


def attach_bare_lists(units: list[Unit]) -> list[Unit]:
    """A list standing in a paragraph of its own closes the unit before it."""
    out: list[Unit] = []
    for unit in units:
        if unit.lists and unit.is_blank() and out:
            out[-1].segments.extend(unit.segments)
            out[-1].lists.extend(unit.lists)
            out[-1].list_segments.extend(unit.list_segments)
        elif not unit.is_blank():
            out.append(unit)
        # a bare list with no text before it to close is no task
    return out


def departments_of(lists: list[ResponsibilityList]) -> tuple[list[str], list[str]]:
    departments: list[str] = []
    lead: list[str] = []
    for lst in lists:
        departments += [d for d in lst.departments if d not in departments]
        lead += [d for d in lst.lead if d not in lead]
    return departments, lead or departments[:1]


def is_bare_list(line: Line) -> bool:
    """A line that is a responsibility list and nothing else (``责任单位：…``)."""
    lists = find_lists(line.text, line.breaks)
    rest, pos = "", 0
    for lst in lists:
        rest += line.text[pos:lst.start]
        pos = lst.end
    rest += line.text[pos:]
    return bool(lists) and not rest.strip(EDGE)
