"""Reading a value as a person typed it (a form field, a spreadsheet cell) and checking its sense.

Problems are returned as Chinese sentences for the person who typed the value; nothing here
touches the database.
"""

from __future__ import annotations

import math
import re
import unicodedata

# Units that count things or money: a negative value makes no sense.
COUNT_UNITS = frozenset({"件", "万件", "个", "家", "项", "人", "人次", "次", "亿元", "万元", "元", "所", "座", "期", "场", "篇"})
# Words in a name that make a percentage a share (0–100), unlike a growth rate.
SHARE_WORDS = ("占比", "比重", "比例", "覆盖率", "达标率", "满意度", "结案率", "转化率", "实施率")
GROWTH_WORDS = ("增长", "增幅", "增速", "提高", "提升", "下降")
_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(\S*)\s*$")


class ValueProblem(ValueError):
    """A value that cannot be accepted; the message says why, in Chinese."""


def parse_value(raw: object, *, unit: str | None, name: str = "") -> float | None:
    """The number in ``raw`` (None for an empty cell), or ``ValueProblem`` saying what is wrong."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueProblem("不是数字")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        value = _parse_text(unicodedata.normalize("NFKC", str(raw)), unit)  # full-width digits and ％
    if not math.isfinite(value):
        raise ValueProblem("不是有限的数字")
    check_unit_sense(value, unit=unit, name=name)
    return value


def _parse_text(text: str, unit: str | None) -> float:
    match = _NUMBER_WITH_UNIT.match(text.replace("，", ",").replace("．", "."))
    if not match:
        raise ValueProblem(f"“{text.strip()}”不是数字")
    number, written_unit = match.groups()
    expected = unicodedata.normalize("NFKC", unit or "").strip()
    if written_unit and written_unit != expected:
        if expected:
            raise ValueProblem(f"单位“{written_unit}”与指标单位“{expected}”不符，请按“{expected}”填写数字")
        raise ValueProblem(f"该指标没有单位，请只填写数字（而不是“{text.strip()}”）")
    return float(number.replace(",", ""))


def check_unit_sense(value: float, *, unit: str | None, name: str = "") -> None:
    """Reject a value that its unit rules out: a negative count, a share above 100 %."""
    unit = unicodedata.normalize("NFKC", unit or "").strip()
    if unit in COUNT_UNITS and value < 0:
        raise ValueProblem(f"单位为“{unit}”的数量不能为负数")
    if unit == "%" and _is_share(name) and not 0 <= value <= 100:
        raise ValueProblem("占比类百分数应在 0 到 100 之间")
    if unit == "分" and value < 0:
        raise ValueProblem("得分不能为负数")


def _is_share(name: str) -> bool:
    return any(word in name for word in SHARE_WORDS) and not any(word in name for word in GROWTH_WORDS)
