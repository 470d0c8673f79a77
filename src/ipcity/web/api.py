"""The JSON API (django-ninja): OpenAPI at /api/docs. Each app contributes a router."""

from __future__ import annotations

import importlib

from ninja import NinjaAPI

from ipcity.web.api_auth import api_auth, docs_login_required
from ipcity.web.api_docs import OfflineSwagger

api = NinjaAPI(
    title="ipcity API",
    version="1",
    description="知识产权强市建设管理平台 API. Session (browser) or token (`Authorization: Bearer …`) auth.",
    auth=api_auth,
    urls_namespace="api",
    docs=OfflineSwagger(),  # vendored Swagger UI: the docs work without internet
    docs_decorator=docs_login_required,  # the schema is for signed-in users (or tokens) only
)

# (module, prefix) pairs; a module that does not exist yet is skipped.
ROUTERS = [
    ("ipcity.programs.api", "/programs"),
    ("ipcity.monitoring.api", "/monitoring"),
    ("ipcity.supervision.api", "/supervision"),
]
for _module, _prefix in ROUTERS:
    try:
        mod = importlib.import_module(_module)
    except ModuleNotFoundError as exc:
        if exc.name is None or not _module.startswith(exc.name):
            raise
        continue
    api.add_router(_prefix, mod.router)
