"""API input schemas made from the services' input dataclasses: one definition of each input.

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
import typing
from typing import Any

from ninja import Schema
from pydantic import Field, create_model


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
        fields[field.name] = overrides.pop(field.name, (hints[field.name], default))
    if overrides:
        raise TypeError(f"{name}: no such fields in {cls.__name__}: {', '.join(overrides)}")
    return create_model(name, __base__=Schema, __module__=cls.__module__, **fields)
