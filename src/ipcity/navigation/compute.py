"""Run the analyses of one navigation project (definition version × dataset version) with the
library (``ipcity.analytics.navigation``); returns plain JSON. No model is read or written here:
``services.analysis_run`` stores the result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeGuard

DATASET_MISSING = "dataset missing"


def dataset_version(name: str, data_dir: str | Path | None = None) -> str | None:
    """The dataset's current version (the directory its link points to), None when absent."""
    from ipcity.analytics import datasets

    try:
        if not datasets.exists(name, data_dir):
            return None
        return datasets.dataset_dir(name, data_dir).resolve().name
    except datasets.DatasetError:
        return None


def has_patents(name: str, data_dir: str | Path | None = None) -> bool:
    """Whether the dataset holds patents (it may hold trademarks or other records alone)."""
    from ipcity.analytics import datasets

    try:
        return "patent" in datasets.kinds_present(name, data_dir)
    except (datasets.DatasetError, FileNotFoundError):
        return False


def _native(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# What the comparison keeps of the province's and the country's landscapes: the aliases page reads
# the city's merges (the country's run to thousands), and where the industry is comes from the
# position's regions.
_NOT_COMPARED = ("applicant_merges", "regions", "nearest_ipc_groups")


def comparison_scopes(region: str) -> dict[str, str]:
    """The scopes the city's landscape is compared with: its province (unless the region is a
    province) and the country (every patent attributed to a region)."""
    from ipcity import divisions

    scopes = {}
    if divisions.region_prefix(region) and divisions.province_of(region) != region:
        scopes["province"] = divisions.province_of(region)
    if region != divisions.COUNTRY:
        scopes["country"] = divisions.COUNTRY
    return scopes


def is_current(result: dict | None) -> TypeGuard[dict[str, Any]]:
    """Whether a stored result has every part this version computes (one stored before the
    province's and the country's landscapes were added has not: it is computed again)."""
    return result is not None and "landscape_scopes" in result


def run(*, dataset: str, body: dict, region: str, aliases: dict[str, str] | None = None,
        data_dir: str | Path | None = None) -> dict[str, Any]:
    from ipcity.analytics import datasets, reference
    from ipcity.analytics.engine import connect
    from ipcity.analytics.indicators import Parameters
    from ipcity.analytics.navigation.definition import Definition
    from ipcity.analytics.navigation.implications import implications
    from ipcity.analytics.navigation.landscape import landscapes
    from ipcity.analytics.navigation.names import alias_keys, name_key
    from ipcity.analytics.navigation.network import network
    from ipcity.analytics.navigation.position import position
    from ipcity.analytics.sei import load_sei_table

    definition = Definition.from_dict(body)
    sei_path, sei_version = reference.resolve_sei_rules(None)
    sei = load_sei_table(sei_path) if sei_path else None
    keys = alias_keys(aliases or {})

    def normalise(name: str) -> str:
        return name_key(name, keys)

    engine = connect()
    try:
        records = engine.read_records(datasets.records_path(dataset, data_dir))
        pos = position(engine, records, definition, city=region, params=Parameters(sei=sei))
        found = implications(engine, records, definition, pos, sei=sei, normalise=normalise)
        net = network(engine, records, definition, city=region, sei=sei, normalise=normalise)
        # the city, its province and the country from one pass over the dataset (docs/navigation.md)
        scopes = comparison_scopes(region)
        scene, *others = landscapes(engine, records, definition, [region, *scopes.values()], sei_table=sei,
                                    aliases=aliases or None)
    finally:
        engine.close()
    result = {
        "definition": {"name": definition.name, "version": definition.version},
        "sei_version": sei.version if sei else None,
        "position": pos.to_dict(), "implications": found.to_dict(), "network": net.to_dict(),
        "landscape": scene,
        "landscape_scopes": {
            name: {k: v for k, v in other.items() if k not in _NOT_COMPARED}
            for name, other in zip(scopes, others, strict=True)},
    }
    return json.loads(json.dumps(result, ensure_ascii=False, default=_native))
