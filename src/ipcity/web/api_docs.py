"""/api/docs served offline: Swagger UI from the vendored npm package (swagger-ui-dist, `make vendor`).

django-ninja's default page loads Swagger UI from a CDN unless ``ninja`` is an installed app;
an office's server has no internet, so the page is rendered from our own template, which points
at ``/static/vendor/swagger-ui/`` and at a start-up script of ours (no inline script).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger


class OfflineSwagger(Swagger):
    template = "api/docs.html"
    # Swagger UI would otherwise fetch a badge from validator.swagger.io for the loaded schema.
    default_settings = {**Swagger.default_settings, "validatorUrl": None}

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = dict(self.settings, url=self.get_openapi_url(api, kwargs))
        context = {"swagger_settings": json.dumps(settings), "api": api}
        return render(request, self.template, context)
