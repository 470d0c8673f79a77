"""Reads for the datasets page: the datasets with their kinds, and the imports a user sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from ipcity.analytics import datasets as store
from ipcity.datasets.access import import_refusal, imports_visible_to, owner_label, owning_import
from ipcity.datasets.models import DatasetImport, Kind

RECENT_IMPORTS = 50


def _kind_part(manifest: dict[str, Any], kind: str) -> dict[str, Any]:
    """The manifest's part about one kind: the top level for patents, ``kinds[kind]`` otherwise."""
    return manifest if kind == "patent" else (manifest.get("kinds") or {}).get(kind) or {}


def _moment(text: object) -> dt.datetime | None:
    """A manifest's ISO time (UTC) as a datetime, shown in local time by the template; None when absent."""
    try:
        return dt.datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def datasets_overview(user) -> list[dict[str, Any]]:
    """Every dataset: its name, each kind it holds (rows, source file, when imported), whose it is
    and whether ``user`` may import into it."""
    rows = []
    for manifest in store.list_datasets(settings.DATA_DIR):
        name = manifest["name"]
        kinds = []
        for kind in store.kinds_present(name, settings.DATA_DIR):
            part = _kind_part(manifest, kind)
            kinds.append({"kind": kind, "label": Kind(kind).label, "rows": part.get("rows"),
                          "source": store.source_name(part) or "",
                          "imported_at": _moment(part.get("imported_at") or part.get("written_at"))})
        claim = owning_import(name)
        rows.append({"name": name, "kinds": kinds, "owner": owner_label(claim), "web": claim is not None,
                     "owner_is_region": bool(claim is not None and claim.region_id),
                     "may_import": not import_refusal(user, name)})
    return rows


def recent_imports(user, limit: int = RECENT_IMPORTS) -> QuerySet[DatasetImport]:
    return imports_visible_to(user).select_related("region", "created_by")[:limit]


def dataset_names(user) -> list[str]:
    """The names the upload form suggests: the datasets ``user`` may import into (a CLI or demo
    dataset, or another region's, is left out: suggesting it led to a refusal)."""
    return [m["name"] for m in store.list_datasets(settings.DATA_DIR) if not import_refusal(user, m["name"])]
