"""The demo's patent dataset: synthetic canonical records, a share of them in the demo's cities.

``ipcity demo`` writes ``demo-patents`` (``ipcity.analytics.synth``: seeded, so every run writes
the same records) with about a fifth of the records in the sample programme's region (示例市), so
that the indicator figures computed from patent data for that programme have something to show,
and a fifth in 铜陵市, the city of the demo's technology needs (the transfer app's demo), so that
the supply page's local-owner filter and the matching's region prior have something to show. Titles and abstracts follow each
patent's IPC area (``ipcity.analytics.synth_text``), so the demo's technology needs find patents
that speak of their technology. The transfer app's demo builds the matching index over it.

Idempotent: a dataset of that name written by this version of the demo (same seed, size, cities
and ``DEMO_VERSION``) is left as it is; one written by another version of the demo is replaced
whole; one the office imported under that name is never touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.conf import settings

DEMO_DATASET = "demo-patents"
DEMO_RECORDS = 20_000
DEMO_SEED = 2024
LOCAL_SHARE = 0.2  # of the records in each of the two cities (the first ends a little under: see synth.Home)
# The city of the transfer demo's needs (its firms are written as 铜陵 firms); a real GB/T 2260 city,
# as a need's region must be (示例市's 990100 is not).
DEMO_NEEDS_CITY = ("340700", "铜陵市")
# Raised when the synthetic records change shape or wording, so that an old demo dataset is rewritten.
DEMO_VERSION = 1


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def demo_manifest(region_code: str) -> dict[str, object]:
    return {"source": "ipcity demo（合成专利数据）", "format": "synth", "seed": DEMO_SEED, "records": DEMO_RECORDS,
            "home_regions": [region_code, DEMO_NEEDS_CITY[0]], "local_share": LOCAL_SHARE, "demo": DEMO_VERSION}


def load_demo_patents(*, region_code: str, region_name: str, stdout: TextIO) -> bool:
    """Write the demo dataset unless this version is already there; True when it was written."""
    from ipcity.analytics import datasets
    from ipcity.analytics.synth import Home, synth_batches

    wanted = demo_manifest(region_code)
    if datasets.exists(DEMO_DATASET, data_dir()):
        manifest = datasets.read_manifest(DEMO_DATASET, data_dir())
        if all(manifest.get(key) == value for key, value in wanted.items()):
            stdout.write(f"已存在，跳过：专利数据集 {DEMO_DATASET}\n")
            return False
        if "demo" not in manifest:  # the office's own data under this name: never overwritten
            stdout.write(f"专利数据集 {DEMO_DATASET} 不是示例数据，保持不变\n")
            return False
    homes = tuple(Home(code=code, name=name, share=LOCAL_SHARE)
                  for code, name in dict([(region_code, region_name), DEMO_NEEDS_CITY]).items())
    batches = synth_batches(DEMO_RECORDS, seed=DEMO_SEED, homes=homes)
    datasets.write_dataset(DEMO_DATASET, batches, wanted, data_dir())
    stdout.write(f"已写入专利数据集 {DEMO_DATASET}：{DEMO_RECORDS} 件合成专利，其中各约 {LOCAL_SHARE:.0%} 在"
                 + "、".join(f"{home.name}（{home.code}）" for home in homes) + "\n")
    return True
