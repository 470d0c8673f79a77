"""The titles of a plan's sections, for grouping its tasks under them (三、重点任务 ›（一）…).

A task's ref is its numbering path (``三/（一）/1``); the part above the item (``三/（一）``)
names its section by number only. The titles are the heading lines of the document's text:
each component of the path is looked for as a heading, in order, after the previous one, so
``（一）`` is the first one under ``三、``, not the one of an earlier part. A section whose
headings cannot be found (a plan loaded from JSON without its text) keeps its number alone.
"""

from __future__ import annotations

import re

_BRACKETS = str.maketrans("()", "（）")
_MARKUP = re.compile(r"^[\s#*>]+|[\s*]+$")
_HEADING = re.compile(
    r"^(?:(?P<cn>[一二三四五六七八九十百]+)[、．.]"
    r"|[（(](?P<cnb>[一二三四五六七八九十百]+)[）)]"
    r"|(?P<num>\d{1,3})[、．.](?!\d)"
    r"|[（(](?P<numb>\d{1,3})[）)])\s*(?P<text>\S.*)$"
)
_TITLE_END = re.compile(r"[。；;：:！!]")
TITLE_CHARS = 40


def _marker(match: re.Match) -> str:
    if match["cn"] or match["num"]:
        return match["cn"] or match["num"]
    return f"（{match['cnb'] or match['numb']}）"


def _headings(source_text: str) -> list[tuple[str, str]]:
    """(marker, title) of every line that starts like a numbered heading, in document order."""
    found = []
    for line in source_text.splitlines():
        match = _HEADING.match(_MARKUP.sub("", line))
        if match:
            title = _TITLE_END.split(match["text"], 1)[0].strip(" *，,")
            found.append((_marker(match), title[:TITLE_CHARS]))
    return found


def section_titles(source_text: str, sections: list[str]) -> dict[str, list[str]]:
    """Per section ref, the headings of its path components as far as the text has them.

    ``{"三/（一）": ["三、重点工作任务", "（一）实施知识产权创造质量提升工程"]}``; an empty list
    when not even the first component is found.
    """
    headings = _headings(source_text or "") if any(sections) else []
    result: dict[str, list[str]] = {}
    for section in sections:
        titles: list[str] = []
        position = 0
        for component in section.split("/") if section else []:
            wanted = component.strip().translate(_BRACKETS)
            index = next((i for i in range(position, len(headings)) if headings[i][0] == wanted), None)
            if index is None:
                break
            marker, title = headings[index]
            titles.append(f"{marker}、{title}" if not marker.startswith("（") else f"{marker}{title}")
            position = index + 1
        result[section] = titles
    return result
