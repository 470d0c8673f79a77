"""django-ninja's refusal of malformed input (HTTP 422), in the user's language.

django-ninja validates a call's path, query and body with pydantic before the view runs and answers
422 with pydantic's English ("Field required", "Input should be a valid integer"). The handler in
``ipcity.web.api`` keeps that answer's status, each error's ``type`` and ``loc`` (where the fault is:
``["body", "payload", "year"]``), and replaces ``msg`` with a catalogued message: Chinese first,
English from the catalogue. An error type not listed gets the generic "输入无效" rather than English.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja.parser import Parser

from ipcity.core.templatetags.punctuation import list_comma

# pydantic error type → message; %(name)s placeholders are filled from the error's ``ctx``.
MESSAGES: dict[str, Promise] = {
    "missing": _("必填项，不能缺少"),
    "int_parsing": _("应为整数"),
    "int_type": _("应为整数"),
    "int_from_float": _("应为整数，不能有小数部分"),
    "float_parsing": _("应为数字"),
    "float_type": _("应为数字"),
    "decimal_parsing": _("应为数字"),
    "decimal_type": _("应为数字"),
    "finite_number": _("应为有限的数字"),
    "bool_parsing": _("应为 true 或 false"),
    "bool_type": _("应为 true 或 false"),
    "string_type": _("应为文本"),
    "string_too_short": _("至少 %(min_length)s 个字符"),
    "string_too_long": _("至多 %(max_length)s 个字符"),
    "string_pattern_mismatch": _("格式不符"),
    "greater_than": _("应大于 %(gt)s"),
    "greater_than_equal": _("应不小于 %(ge)s"),
    "less_than": _("应小于 %(lt)s"),
    "less_than_equal": _("应不大于 %(le)s"),
    "date_parsing": _("应为日期（YYYY-MM-DD）"),
    "date_from_datetime_parsing": _("应为日期（YYYY-MM-DD）"),
    "date_type": _("应为日期（YYYY-MM-DD）"),
    "datetime_parsing": _("应为日期时间（ISO 8601）"),
    "datetime_from_date_parsing": _("应为日期时间（ISO 8601）"),
    "datetime_type": _("应为日期时间（ISO 8601）"),
    "literal_error": _("应为以下之一：%(expected)s"),
    "enum": _("应为以下之一：%(expected)s"),
    "list_type": _("应为列表"),
    "too_short": _("至少 %(min_length)s 项"),
    "too_long": _("至多 %(max_length)s 项"),
    "dict_type": _("应为对象"),
    "model_type": _("应为对象"),
    "model_attributes_type": _("应为对象"),
    "json_invalid": _("请求体不是有效的 JSON"),
    "json_not_finite": _("请求体中的数字应为有限值（JSON 不接受 NaN、Infinity）"),
    "extra_forbidden": _("不接受这个字段"),
}
GENERIC = _("输入无效")


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "value_error" and context.get("error") is not None:
        return str(context["error"])  # a validator of ours raised it: its text is already catalogued
    template = MESSAGES.get(kind)
    if template is None:
        return str(GENERIC)
    values = {name: str(value) for name, value in context.items()}
    if "expected" in values:  # pydantic's English list ("'', 'archived' or 'all'") in the language's
        values["expected"] = _listed(values["expected"])
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):  # a ctx without the value the message names
        return str(GENERIC)


def _listed(expected: str) -> str:
    """pydantic's ``'a', 'b' or 'c'`` (a literal's or an enum's choices) joined by the language's
    enumeration comma: 应为以下之一：'a'、'b'、'c'."""
    head, found, last = expected.rpartition(" or ")
    if not found:
        return expected
    return list_comma().join([*head.split(", "), last])


def localised_errors(errors: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each pydantic error as ``{"type", "loc", "msg"}`` with ``msg`` in the active language."""
    return [{"type": str(error.get("type", "")), "loc": list(error.get("loc", ())), "msg": _message(error)}
            for error in errors]


class NonFiniteNumber(ValueError):
    """A body number JSON has not: NaN, Infinity, -Infinity, or one beyond any float (1e309)."""


def _refuse_constant(token: str) -> float:
    raise NonFiniteNumber(token)


def _finite_float(token: str) -> float:
    number = float(token)
    if not math.isfinite(number):
        raise NonFiniteNumber(token)
    return number


# The largest integer a float can hold; past it ``float()`` raises OverflowError.
_FLOAT_LIMIT = int(sys.float_info.max)


def _float_sized_int(token: str) -> int:
    """An integer no float can hold (1 followed by 400 zeros) is 1e400 written out: refused like
    1e309, before a service turns it into a float (an OverflowError, a 500)."""
    number = int(token)
    if abs(number) > _FLOAT_LIMIT:
        raise NonFiniteNumber(token[:20])
    return number


class StrictJsonParser(Parser):
    """Bodies read as RFC 8259 JSON. Python's reader also takes NaN and Infinity and turns 1e309
    into inf; those then reached services that compare and store numbers (a NaN budget passed
    every check and broke the audit record's JSON). Refused here, for every endpoint at once, and
    so is an integer beyond any float."""

    def parse_body(self, request: HttpRequest) -> Any:
        return json.loads(request.body, parse_constant=_refuse_constant, parse_float=_finite_float,
                          parse_int=_float_sized_int)
