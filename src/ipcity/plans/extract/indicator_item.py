"""The indicator record: what every reader of goals (a table row, a prose clause) fills in.

Its own module because the table reader, the prose reader, the passes after them (yardsticks,
multiples), the serialiser and the warnings all speak of it, and none of them is its home.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Indicator:
    name: str
    unit: str | None
    baseline: dict | None
    targets: list[dict]
    qualitative_target: str | None
    tags: list[str]
    source: str
    span: tuple[int, int]
    extra: dict = field(default_factory=dict)
