"""Reading a value as a person typed it (a form field, a spreadsheet cell) and checking its sense.

Problems are returned as Chinese sentences for the person who typed the value; nothing here
touches the database.
"""

from __future__ import annotations

import math
import re

from django.utils.translation import gettext

from ipcity.text import NON_NEGATIVE_UNITS, fold_width

# Words in a name that make a percentage a share (0–100), unlike a growth rate.
SHARE_WORDS = ("占比", "比重", "比例", "覆盖率", "达标率", "满意度", "结案率", "转化率", "实施率")
GROWTH_WORDS = ("增长", "增幅", "增速", "提高", "提升", "下降")
_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d+(?:,\d{3})*(?:\.\d+)?)\s*(\S*)\s*$")
# A number in exponent notation (1e3, 1.23457E+13: what Excel's and WPS's CSV write for a number
# too wide for its column). Without this the reader took "e309" of 1e309 for a unit.
_EXPONENT = re.compile(r"^\s*([-+]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)[eE][-+]?\d+)")


class ValueProblem(ValueError):
    """A value that cannot be accepted; the message says why, in Chinese."""


def parse_value(raw: object, *, unit: str | None, name: str = "") -> float | None:
    """The number in ``raw`` (None for an empty cell), or ``ValueProblem`` saying what is wrong."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueProblem(gettext("不是数字"))
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        value = _parse_text(fold_width(str(raw)), unit)  # full-width digits and ％
    if not math.isfinite(value):
        raise ValueProblem(gettext("不是有限的数字"))
    check_unit_sense(value, unit=unit, name=name)
    return value


def _parse_text(text: str, unit: str | None) -> float:
    text = text.replace("，", ",").replace("．", ".")
    if exponent := _EXPONENT.match(text):
        _refuse_exponent(exponent.group(1), text)
    match = _NUMBER_WITH_UNIT.match(text)
    if not match:
        raise ValueProblem(gettext("“%(text)s”不是数字") % {"text": text.strip()})
    number, written_unit = match.groups()
    expected = fold_width(unit).strip()
    if written_unit and written_unit != expected:
        if expected:
            raise ValueProblem(gettext("单位“%(written)s”与指标单位“%(unit)s”不符，请按“%(unit)s”填写数字")
                                   % {"written": written_unit, "unit": expected})
        raise ValueProblem(gettext("该指标没有单位，请只填写数字（而不是“%(text)s”）") % {"text": text.strip()})
    return float(number.replace(",", ""))


def _refuse_exponent(number: str, text: str) -> None:
    """A number in exponent notation is refused as a number, never read as a unit: beyond any float
    (1e309) it is not a number; a finite one may be a wide number that Excel or WPS rounded to six
    digits when it wrote the CSV (1.23457E+13), so its digits cannot be taken as the value."""
    if not math.isfinite(float(number.replace(",", ""))):
        raise ValueProblem(gettext("“%(text)s”不是数字") % {"text": text.strip()})
    raise ValueProblem(gettext("“%(text)s”是科学计数法，数字可能已被舍入：请填写完整的数字"
                               "（在 Excel 或 WPS 中把单元格设为数值格式后再导出）") % {"text": text.strip()})


def check_unit_sense(value: float, *, unit: str | None, name: str = "") -> None:
    """Reject a value that its unit rules out: a negative count, a share above 100 %."""
    unit = fold_width(unit).strip()
    if unit in NON_NEGATIVE_UNITS and value < 0:
        raise ValueProblem(gettext("单位为“%(unit)s”的数量不能为负数") % {"unit": unit})
    if unit == "%" and _is_share(name) and not 0 <= value <= 100:
        raise ValueProblem(gettext("占比类百分数应在 0 到 100 之间"))
    if unit == "分" and value < 0:
        raise ValueProblem(gettext("得分不能为负数"))


def _is_share(name: str) -> bool:
    return any(word in name for word in SHARE_WORDS) and not any(word in name for word in GROWTH_WORDS)
