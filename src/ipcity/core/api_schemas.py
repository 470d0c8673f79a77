"""What the JSON API takes, in one home: the bounded types of its inputs (ids, years, pages, query
text, JSON-typed numbers and booleans), the codes an input lists in the schema, a list's page, the
refusal's schema reference, and input schemas made from the services' input dataclasses.

A service takes a plain dataclass (``transfer.services.NeedInput``…) so that pages, the CLI and
imports call it without ninja; the JSON API needs a ninja ``Schema`` for validation and OpenAPI.
``input_schema`` builds that schema from the dataclass's fields (names, types, defaults), so a
field added to the service is in the API too; ``overrides`` say where the API is stricter (a
date the service checks for None, which JSON must give).

For mypy write ``NeedIn = input_schema(...)`` under ``if not TYPE_CHECKING`` with ``NeedIn = Schema``
beside it: a class made at run time is not a static type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from django.core.paginator import Page
from ninja import Schema
from pydantic import BeforeValidator, Field, Strict, create_model
from pydantic_core import PydanticCustomError

# A row id a client names in a query or a body: beyond a 64-bit integer SQLite raises
# OverflowError and PostgreSQL a DataError (a 500), and no row has an id below 1. Refused as
# malformed input (422 naming the parameter) before the view runs. Path ids need no bound: the
# access helpers' lookups answer 404 for any number.
DbId = Annotated[int, Field(ge=1, le=2 ** 63 - 1)]
# A calendar year a date can hold (``datetime.date``: 1–9999): a filter by year builds dates.
Year = Annotated[int, Field(ge=1, le=9999)]
# A page of a list: 1 is the first.
PageNumber = Annotated[int, Field(ge=1)]
# A text filter of a query string (a search, a status code): no control character (PostgreSQL
# refuses a NUL in a query, a 500; SQLite cut the pattern at it and matched everything), and no
# longer than a search box would hold.
QueryText = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]

# A JSON body's numbers and booleans as JSON types them, its dates as text (``JsonDate``). pydantic's lax mode read ``true`` as 1
# (an extension of one day), "5" as 5 and "yes" as true; a client that sends another type has a
# bug that should surface. Query parameters stay lax: a query string has only text.
JsonInt = Annotated[int, Strict()]
JsonFloat = Annotated[float, Strict()]  # an integer is a JSON number too
JsonBool = Annotated[bool, Strict()]
BodyId = Annotated[int, Strict(), Field(ge=1, le=2 ** 63 - 1)]  # DbId, in a body
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _day_text(value: Any) -> Any:
    """A body's date as the schema says (``format: date``): text ``YYYY-MM-DD``. pydantic's lax
    mode read a number, or its text, as Unix seconds (``1740960000`` → 2025-03-03, ``0`` →
    1970-01-01) and took a date-time at midnight; a client sending those has a bug to surface."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise PydanticCustomError("date_type", "Input should be a date as YYYY-MM-DD")


JsonDate = Annotated[dt.date, BeforeValidator(_day_text)]
_JSON_TYPES: dict[Any, Any] = {int: JsonInt, float: JsonFloat, bool: JsonBool, dt.date: JsonDate}


def choices(codes: Iterable[str], *, blank: bool = False) -> dict[str, Any]:
    """``json_schema_extra`` listing a text field's allowed codes (``enum``; ``blank``: "" too), from
    the service's own table. Documentation only: the service still refuses another code with its
    message (400), the same words as on the pages."""
    return {"enum": ([""] if blank else []) + list(codes)}


def _json_typed(hint: Any) -> Any:
    """``hint`` with int, float and bool (alone or ``| None``) as their strict JSON forms."""
    if hint in _JSON_TYPES:
        return _JSON_TYPES[hint]
    args = typing.get_args(hint)
    if args and type(None) in args and len(args) == 2:
        inner = next(arg for arg in args if arg is not type(None))
        if inner in _JSON_TYPES:
            return _JSON_TYPES[inner] | None
    return hint



def page_answer(page: Page, requested: int, row: Callable[[Any], dict]) -> dict:
    """One page of a list as the API answers it: ``count``, ``page``, ``pages``, ``results``.

    The selectors' ``Paginator.get_page`` answers a page past the end with the last one, which a
    page of HTML may do; a client reading pages until an empty one would never stop, so the API
    answers the page asked for, empty."""
    paginator = page.paginator
    if requested > paginator.num_pages:
        return {"count": paginator.count, "page": requested, "pages": paginator.num_pages, "results": []}
    return {"count": paginator.count, "page": page.number, "pages": paginator.num_pages,
            "results": [row(item) for item in page.object_list]}


def input_schema(cls: type, name: str, **overrides: tuple[Any, Any]) -> type[Schema]:
    """A ninja ``Schema`` named ``name`` with the fields of dataclass ``cls``, in its order;
    ``overrides`` maps a field to the (type, default) the API uses instead (``...``: required)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING:
            default: Any = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=field.default_factory)
        else:
            default = ...
        fields[field.name] = overrides.pop(field.name, (_json_typed(hints[field.name]), default))
    if overrides:
        raise TypeError(f"{name}: no such fields in {cls.__name__}: {', '.join(overrides)}")
    return create_model(name, __base__=Schema, __module__=cls.__module__, **fields)


# The API's refusal as the OpenAPI schema names it (``ipcity.web.api_openapi`` adds the component
# and documents the refusals every operation can give; a route adds its own, e.g. a 409, with this).
ERROR_SCHEMA_REF = "#/components/schemas/ApiError"


def refusal_documented(status: int, description: str) -> dict:
    """``openapi_extra`` for a route that refuses with ``status`` besides the API's common refusals."""
    return {"responses": {str(status): {"description": description, "content": {
        "application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}}}}
