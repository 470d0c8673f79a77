"""The demo's reference tables: invented year-end figures for the invented 示例市 (990100) only.

Per-10,000 figures divide by a region's year-end resident population (每万人口发明专利拥有量,
每万人口高价值发明专利拥有量) or market entities (每万户市场主体有效注册商标量), which the office loads
(``ipcity patents reference population``, ``ipcity records reference entities``). Without them the
demo's 示例市 got no such figure. ``population.csv`` and ``entities.csv`` beside this module are
authored demo data: 示例市 only, for the sample plan's baseline year and period, every row and the
stored version's note saying the figures are invented. They are scaled to the demo dataset
(20,000 synthetic patents and 20,000 trademarks for the whole country, about a sixth of them in
示例市, so a real city's population would give per-10k figures near zero): each is anchored so that
2023's figure lands at the sample plan's baseline (每万人口高价值发明专利拥有量 6.2: 50 high-value
inventions, 81,200 residents; 每万户市场主体有效注册商标量 1,650: 943 trademarks, 5,720 entities), then
grows slowly; the later years' figures are whatever the synthetic records give. No real city's
figure is in them (铜陵市's, for one, is left to the office).

Each table is one for the whole platform (every region, one current version), so the demo loads
its own only where it supersedes nobody's:

- no table of that kind loaded: the demo's becomes the current version, with its note;
- the current version holds this very file (same SHA-256): nothing is written (a second run);
- the current version is an older demo table (its note starts with ``DEMO_MARK``): replaced;
- the current version is the office's own: left as it is, and the demo says how to get 示例市's
  figures (add 990100 to the office's table, or type the figure in on the indicator page).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TextIO

HERE = Path(__file__).parent
DEMO_POPULATION = HERE / "population.csv"
DEMO_ENTITIES = HERE / "entities.csv"
# A version whose note starts so is the demo's (an older wording too), and may be replaced by the demo.
DEMO_MARK = "示例数据："
DEMO_NOTE = DEMO_MARK + "示例市（990100，虚构城市）的虚构数字，按示例数据集的规模编写，不是任何真实城市的统计"


def load_demo_reference_tables(*, data_dir: str | Path, stdout: TextIO) -> list[str]:
    """Load the demo's population and market-entities tables where allowed; the versions written."""
    from ipcity.analytics import reference

    tables = ((reference.POPULATION, DEMO_POPULATION, reference.load_population, "人口表", "人口数"),
              (reference.ENTITIES, DEMO_ENTITIES, reference.load_entities, "市场主体表", "市场主体户数"))
    written = []
    for kind, path, load, label, figure in tables:
        version = _load_table(kind, path, load, data_dir=data_dir, stdout=stdout, label=label, figure=figure)
        if version is not None:
            written.append(version)
    return written


def _load_table(kind: str, path: Path, load, *, data_dir: str | Path, stdout: TextIO, label: str,
                figure: str) -> str | None:
    from ipcity.analytics import reference

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    current = reference.version_info(kind, reference.current_version(kind, data_dir), data_dir)
    if current is not None and current.get("sha256") == digest:
        stdout.write(f"已存在，跳过：示例市{label}（{current['version']}）\n")
        return None
    if current is not None and not str(current.get("note") or "").startswith(DEMO_MARK):
        stdout.write(f"{label} {current['version']} 由本机构加载，保持不变；示例市（990100）的每万指标"
                     f"需在该表中加入 990100，或在指标页填写{figure}。\n")
        return None
    version = load(path, data_dir, note=DEMO_NOTE)
    stdout.write(f"已加载示例市{label}（示例数据，虚构）：{version}\n")
    return version
