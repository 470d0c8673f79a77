"""ipcity.plans: read an official work-plan document into a structured plan (no Django).

The pipeline, one module a stage:

    read (file → text; tables as tab-separated rows)      ipcity.plans.read
    normalise (text → clean lines, noise dropped)         ipcity.plans.normalise
    structure (lines → sections, headings, tables, tasks) ipcity.plans.structure
    extract (blocks → indicators, tasks, departments...)  ipcity.plans.extract
    serialise (→ the ipcity-plan/1 dict)                  ipcity.plans.serialise

Public entry points: ``parse_file(path)`` and ``parse_text(text)``, both returning the plan as
a dict in the format of ``shared/spec/plan-format.md``; ``DocumentError`` for unreadable files.
"""

from ipcity.plans.errors import DocumentError

__all__ = ["DocumentError", "parse_file", "parse_text"]


def parse_text(text: str, *, source_name: str | None = None) -> dict:
    from ipcity.plans.pipeline import parse_text as _parse_text

    return _parse_text(text, source_name=source_name)


def parse_file(path) -> dict:
    from ipcity.plans.pipeline import parse_file as _parse_file

    return _parse_file(path)
