"""The refusals every operation of the API can give, written into its OpenAPI schema.

django-ninja documents what a route declares in ``response=``; the refusals come from the API's
exception handlers (``ipcity.web.api``) and its middleware, which no route declares, so a client
generated from the schema knew of no 401, 404 or 422. Each operation gets, unless it declares its
own: 401 and 403 (every route needs a user; a role, a department or a CSRF check may refuse), 404
when its path names an object, 422 when it takes parameters or a body, and for a write 400 (a body
that is not JSON, a service's refusal) and 413 (a body over the upload limit). One shape for all
but 422: ``{"detail": "…"}``; a 422 has the list of ``{type, loc, msg}`` (``api_validation``).

Every write also takes the ``Idempotency-Key`` header (``web.api_idempotency``, a middleware no
route declares): it is listed as the write's optional header parameter, with the refusals it adds,
409 (a request with the key still running) and a 422 whose ``detail`` is text (the key was used for
another request), so that the schema says what a client sending the header can be answered.
"""

from __future__ import annotations

from typing import Any

from ipcity.core.api_schemas import ERROR_SCHEMA_REF
from ipcity.core.idempotency import KEY_PATTERN
from ipcity.web.api_idempotency import HEADER

VALIDATION_SCHEMA_REF = "#/components/schemas/ApiValidationErrors"

COMPONENTS: dict[str, Any] = {
    "ApiError": {
        "title": "ApiError", "type": "object", "required": ["detail"],
        "properties": {"detail": {"type": "string", "description": "the refusal, in the request's language"}},
    },
    "ApiValidationErrors": {
        "title": "ApiValidationErrors", "type": "object", "required": ["detail"],
        "properties": {"detail": {"type": "array", "items": {
            "type": "object", "required": ["type", "loc", "msg"],
            "properties": {"type": {"type": "string"},
                           "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                           "msg": {"type": "string"}}}}},
    },
}

DESCRIPTIONS = {
    "400": "Refused input (a body that is not JSON, or what the service refuses); nothing changed",
    "401": "No signed-in user and no valid token (WWW-Authenticate: Bearer)",
    "403": "The user's role may not do this, or a session's CSRF check failed",
    "404": "No such object, or the user may not see it (no hint which)",
    "413": "Request body over the upload limit",
    "422": "Malformed parameters or body: each error's type, loc and msg",
}


# The header's parameter, as the middleware checks it (``core.idempotency.KEY_PATTERN``).
IDEMPOTENCY_HEADER: dict[str, Any] = {
    "in": "header", "name": HEADER, "required": False,
    "description": "Optional: a retry of this write with the same key (per user) gets the first successful "
                   "answer again (Idempotent-Replayed: true) and changes nothing; kept 24 hours",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": f"^{KEY_PATTERN.pattern}$"},
}
WRITE_409 = "A request with the same Idempotency-Key is still being processed (retry later)"
WRITE_422 = ("Malformed parameters or body: each error's type, loc and msg; or an Idempotency-Key already "
             "used for another request (detail is then text)")


def _response(code: str, *, write: bool = False) -> dict:
    if code == "422" and write:
        schema: dict[str, Any] = {"anyOf": [{"$ref": VALIDATION_SCHEMA_REF}, {"$ref": ERROR_SCHEMA_REF}]}
        return {"description": WRITE_422, "content": {"application/json": {"schema": schema}}}
    if code == "409":
        return {"description": WRITE_409, "content": {"application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}}
    ref = VALIDATION_SCHEMA_REF if code == "422" else ERROR_SCHEMA_REF
    return {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": {"$ref": ref}}}}


def _codes(path: str, method: str, operation: dict) -> list[str]:
    codes = ["401", "403"]
    if "{" in path:
        codes.append("404")
    if operation.get("parameters") or operation.get("requestBody"):
        codes.append("422")
    if method != "get":
        codes += ["400", "409", "413"]
        if "422" not in codes:
            codes.append("422")  # an Idempotency-Key used for another request
    return codes


def document_refusals(schema: dict) -> dict:
    """``schema`` (django-ninja's OpenAPI dict) with the common refusals of every operation."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            write = method != "get"
            responses = operation.setdefault("responses", {})
            declared = {str(code) for code in responses}  # ninja keys a route's own by int (400, not "400")
            for code in _codes(path, method, operation):
                if code not in declared:
                    responses[code] = _response(code, write=write)
                elif code == "409" and write:  # the route's own conflict, and the key's (a copy: a
                    key = 409 if 409 in responses else "409"  # route's openapi_extra may be shared)
                    own = responses[key]
                    responses[key] = {**own, "description": f"{own.get('description', '')}; or: {WRITE_409}"}
            if write:
                operation.setdefault("parameters", []).append(IDEMPOTENCY_HEADER)
    return schema
