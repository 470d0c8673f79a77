"""The unified social credit code (统一社会信用代码, GB 32100-2015): the one check, Django-free.

A code has 18 characters of a 31-character set (digits and upper-case letters without I, O, Z, S,
V), read as five parts:

====== ===================================================================================
pos.    part
====== ===================================================================================
1       registration authority (登记管理部门): 1 机构编制, 5 民政, 9 工商, Y 其他, and the
        authorities assigned since (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会,
        A 军队编制, N 农业)
2       organisation type within that authority (9 工商: 1 企业, 2 个体工商户, 3 农民专业合作社…)
3–8     the registering office's administrative division (GB/T 2260, six digits; ``100000`` for
        the national offices)
9–17    the organisation code (GB 11714-1997): eight characters and, at position 17, its own
        check character (weights 3 7 9 10 5 8 4 2, modulus 11, 10 written ``X``)
18      the check character of the first 17 (weights 3^(i-1) mod 31, modulus 31)
====== ===================================================================================

A mistyped code (one character wrong) fails a check character, so the same firm is not counted
twice under two codes (``enterprises_assisted``). :func:`credit_code_problem` names the first
problem as a :class:`CreditCodeProblem`, whose message the apps translate with their ``gettext``
(``problem.message(gettext)``): the wording lives here once, for forms, imports and the API alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ipcity.divisions.codes import province_of
from ipcity.divisions.table import table
from ipcity.text import fold_width

LENGTH = 18
#: The code's characters in the order of their values 0–30 (GB 32100-2015, table 2).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
#: Weights of positions 1–17 for the check character: 3^(i-1) mod 31 (1, 3, 9, 27, 19, 26…).
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

#: GB 11714-1997 (organisation code): weights of its eight body characters; a letter counts as
#: its place in the Latin alphabet plus 9 (A = 10 … Z = 35).
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Registration authority → the organisation types it registers (GB 32100-2015 table 1 with the
#: authorities assigned since; ``Y`` 其他 has the single type 1).
AUTHORITIES: dict[str, dict[str, str]] = {
    "1": {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    "2": {"1": "外国常驻新闻机构", "9": "其他"},
    "3": {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构", "5": "仲裁委员会",
          "9": "其他"},
    "4": {"1": "外国在华文化中心", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "6": {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"},
    "7": {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"},
    "8": {"1": "基层工会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
    "A": {"1": "军队事业单位", "9": "其他"},
    "N": {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    "Y": {"1": "其他"},
}
#: The division of the national registration offices (国家级登记管理机关), not a GB/T 2260 code.
NATIONAL_DIVISION = "100000"


def _(message: str) -> str:
    """Marks a message for makemessages; the apps translate it when they show it."""
    return message


@dataclass(frozen=True)
class CreditCodeProblem:
    """What is wrong with a code: a message template and its values, translated by the caller."""

    template: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.template) % self.params


def normalise_credit_code(value: str | None) -> str:
    """The code as stored: full-width folded, spaces removed, upper case (lower-case typing is
    the same code)."""
    return "".join(fold_width(value).split()).upper()


def check_character(first17: str) -> str:
    """Position 18 for the first 17 characters: C18 = 31 − (Σ value×weight mod 31), 31 written 0."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_character(body: str) -> str:
    """GB 11714 position 9 for eight body characters: C9 = 11 − (Σ value×weight mod 11); 10 is
    written X and 11 is written 0."""
    total = sum(int(char, 36) * weight for char, weight in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _is_division(digits: str) -> bool:
    """Six digits in a province of the GB/T 2260 table (the registering office's district may have
    been merged away since, so only its province is asked), or the national offices' 100000."""
    if not digits.isdigit():
        return False
    return digits == NATIONAL_DIVISION or table().get(province_of(digits)) is not None


def credit_code_problem(value: str | None) -> CreditCodeProblem | None:
    """The first thing wrong with a (normalised) code, in the order a person reads it; ``None``
    when it is valid. Pass :func:`normalise_credit_code`'s result."""
    code = value or ""
    if len(code) != LENGTH:
        return CreditCodeProblem(_("统一社会信用代码“%(value)s”应为 18 位，现为 %(length)s 位"),
                                 {"value": code, "length": len(code)})
    for position, char in enumerate(code, start=1):
        if char not in _VALUE:
            return CreditCodeProblem(
                _("统一社会信用代码“%(value)s”第 %(position)s 位的“%(char)s”不是代码用字"
                  "（数字和除 I、O、Z、S、V 外的大写字母）"),
                {"value": code, "position": position, "char": char})
    types = AUTHORITIES.get(code[0])
    if types is None:
        return CreditCodeProblem(_("统一社会信用代码“%(value)s”第 1 位（登记管理部门）不能是“%(char)s”"),
                                 {"value": code, "char": code[0]})
    if code[1] not in types:
        return CreditCodeProblem(_("统一社会信用代码“%(value)s”第 2 位（机构类别）不能是“%(char)s”"),
                                 {"value": code, "char": code[1]})
    division = code[2:8]
    if not _is_division(division):
        return CreditCodeProblem(_("统一社会信用代码“%(value)s”第 3–8 位“%(division)s”不是行政区划代码"),
                                 {"value": code, "division": division})
    org_check = org_check_character(code[8:16])
    if code[16] != org_check:
        return CreditCodeProblem(_("统一社会信用代码“%(value)s”第 17 位（组织机构代码校验位）应为%(check)s"),
                                 {"value": code, "check": org_check})
    check = check_character(code[:17])
    if code[17] != check:
        return CreditCodeProblem(_("统一社会信用代码“%(value)s”校验位应为%(check)s"),
                                 {"value": code, "check": check})
    return None


def is_credit_code(value: str | None) -> bool:
    """Whether the (normalised) value is a valid code."""
    return credit_code_problem(value) is None
