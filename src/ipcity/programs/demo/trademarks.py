"""The demo's trademarks: synthetic canonical trademark records in the demo dataset, beside its patents.

The sample plan's 每万户市场主体有效注册商标量 and 地理标志商标数 are figures of trademark records
(shared/spec/ip-records.md), which the demo dataset did not hold: 从专利数据计算 refused them
(数据集“demo-patents”没有商标记录). ``ipcity demo`` now adds ``trademark.parquet`` to
``demo-patents`` from ``ipcity.analytics.synth_trademarks`` (seeded: the same records every run),
weighted to the demo's two cities as the patents are (a fifth each in 示例市 and 铜陵市).

Idempotent as the patents: a trademark part written by this version of the demo (same seed, size,
cities, ``DEMO_TRADEMARKS_VERSION``) is left as it is; a dataset the office imported under the
demo's name (no ``demo`` in its manifest) is never touched. Pledge, licence and copyright records
have no generator, so the demo writes none (docs/transfer.md *The demo*).
"""

from __future__ import annotations

from typing import TextIO

from ipcity.programs.demo.patents import DEMO_DATASET, DEMO_NEEDS_CITY, DEMO_SEED, LOCAL_SHARE, data_dir

DEMO_TRADEMARKS = 20_000
# Raised when the synthetic trademarks change shape, so that an old demo part is rewritten.
DEMO_TRADEMARKS_VERSION = 1


def demo_trademark_part(region_code: str) -> dict[str, object]:
    return {"source": "ipcity demo（合成商标数据）", "format": "synth", "seed": DEMO_SEED, "records": DEMO_TRADEMARKS,
            "home_regions": [region_code, DEMO_NEEDS_CITY[0]], "local_share": LOCAL_SHARE,
            "demo": DEMO_TRADEMARKS_VERSION}


def load_demo_trademarks(*, region_code: str, region_name: str, stdout: TextIO) -> bool:
    """Add the demo's trademarks to the demo dataset unless they are there; True when written."""
    from ipcity.analytics import datasets
    from ipcity.analytics.synth import Home
    from ipcity.analytics.synth_trademarks import trademark_batches

    if not datasets.exists(DEMO_DATASET, data_dir()):
        return False
    manifest = datasets.read_manifest(DEMO_DATASET, data_dir())
    if "demo" not in manifest:  # the office's own dataset under this name (the patents' loader said so)
        return False
    wanted = demo_trademark_part(region_code)
    part = (manifest.get("kinds") or {}).get("trademark") or {}
    if all(part.get(key) == value for key, value in wanted.items()):
        stdout.write(f"已存在，跳过：{DEMO_DATASET} 的示例商标数据\n")
        return False
    homes = tuple(Home(code=code, name=name, share=LOCAL_SHARE)
                  for code, name in dict([(region_code, region_name), DEMO_NEEDS_CITY]).items())
    datasets.write_kind(DEMO_DATASET, "trademark", trademark_batches(DEMO_TRADEMARKS, seed=DEMO_SEED, homes=homes),
                        wanted, data_dir())
    stdout.write(f"已写入 {DEMO_DATASET} 的商标记录：{DEMO_TRADEMARKS} 件合成商标，其中各约 {LOCAL_SHARE:.0%} 在"
                 + "、".join(f"{home.name}（{home.code}）" for home in homes) + "\n")
    return True
