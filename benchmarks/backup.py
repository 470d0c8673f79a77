"""Backup and restore of the demo installation: how long each takes (target: both under 60 s).

    .venv/bin/python benchmarks/backup.py [--records 200000] [--database-url postgres://…/db]

Builds the demo in a throw-away data directory (``ipcity migrate``, ``ipcity demo``, a synthetic
patent dataset of ``--records`` rows), then times ``ipcity backup --out …tar.gz`` and
``ipcity restore`` into a fresh data directory, each as the operator runs it (a new process,
start-up included). Ends with one line:
``records=N backup_s=… restore_s=… total_s=… archive_mb=…``.
With ``--database-url`` the source is that (empty) PostgreSQL database and the restore goes to
a database of the same name with ``_restore`` appended, which must exist and be empty.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ipcity(*args: str, data_dir: Path, database_url: str | None) -> float:
    env = dict(os.environ, IPCITY_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ipcity", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000, help="rows of the synthetic patent dataset")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    restore_url = f"{args.database_url}_restore" if args.database_url else None
    with tempfile.TemporaryDirectory(prefix="ipcity-bench-backup-") as tmp:
        root = Path(tmp)
        source, target = root / "source", root / "target"
        ipcity("migrate", data_dir=source, database_url=args.database_url)
        ipcity("demo", data_dir=source, database_url=args.database_url)
        ipcity("patents", "synth", "--records", str(args.records), "--out", str(root / "synth"), "--dataset", "city",
               data_dir=source, database_url=args.database_url)
        archive = root / "demo.tar.gz"
        backup_s = ipcity("backup", "--out", str(archive), data_dir=source, database_url=args.database_url)
        restore_s = ipcity("restore", str(archive), data_dir=target, database_url=restore_url)
        size_mb = archive.stat().st_size / 1024**2
    print(f"records={args.records} backup_s={backup_s:.2f} restore_s={restore_s:.2f} "
          f"total_s={backup_s + restore_s:.2f} archive_mb={size_mb:.1f}")


if __name__ == "__main__":
    main()
