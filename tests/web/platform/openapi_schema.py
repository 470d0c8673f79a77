"""Reading the API's OpenAPI schema in tests: the schema, its operations, and whether a response
fits what the schema documents for its status (shared by the OpenAPI tests of this package)."""

from __future__ import annotations

import jsonschema


def fetch_schema(client, world) -> dict:
    """The schema as the office reads it (the client stays signed in as the office)."""
    client.force_login(world.office)
    return client.get("/api/openapi.json").json()


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def validate_response(schema: dict, operation: dict, response) -> None:
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{response.status_code} not documented"
    body_schema = documented["content"]["application/json"]["schema"]
    jsonschema.validate(response.json(), {**body_schema, "components": schema["components"]})
