"""``ipcity backup`` / ``ipcity restore`` on SQLite: a faithful round trip, and every bad archive
or occupied target refused before anything is touched."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from tests.ops.helpers import ipcity, sqlite_rows, state, tree

pytestmark = pytest.mark.slow


def test_round_trip_restores_every_row_and_every_file(source_installation, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    result = ipcity("backup", "--out", str(archive), data_dir=source_installation)
    assert "backup written" in result.stdout
    assert archive.stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name != archive.name], "no temporary file left beside it"

    target = tmp_path / "restored"
    result = ipcity("restore", str(archive), data_dir=target)
    assert "restored: sqlite database" in result.stdout

    before, after = sqlite_rows(source_installation / "ipcity.sqlite3"), sqlite_rows(target / "ipcity.sqlite3")
    assert before.keys() == after.keys()
    for table in before:
        assert before[table] == after[table], f"table {table} differs after the round trip"
    assert before["programs_program"] and before["audit_auditevent"], "the demo's rows are in the comparison"
    files = tree(source_installation)
    assert tree(target) == files
    assert any(k.startswith("datasets/") and kind == "link" for k, (kind, _) in files.items())
    assert "uploads/empty.txt" in files and "uploads/supervision/2026/佐证材料.pdf" in files
    assert not list(target.glob(".restore-*")), "the staging directory is removed"
    # The restored installation works: the platform reads the dataset through its link.
    summary = ipcity("patents", "summary", "--dataset", "city", data_dir=target)
    assert "2000 rows" in summary.stdout


def test_manifest_records_versions_migrations_and_checksums(source_backup):
    with tarfile.open(source_backup) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        parquet = next(n for n in names if n.endswith("records.parquet"))
        data = tar.extractfile(parquet).read()
    assert names[-1] == "manifest.json", "the manifest is written last"
    assert manifest["format"] == "ipcity-backup" and manifest["ipcity_version"]
    assert manifest["database"]["engine"] == "sqlite" and manifest["created_at"]
    assert "0001_initial" in manifest["migrations"]["core"]
    entry = next(m for m in manifest["members"] if m["name"] == parquet)
    import hashlib

    assert entry == {"name": parquet, "type": "file", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert {m["name"] for m in manifest["members"]} == set(names) - {"manifest.json"}


@pytest.fixture(scope="module")
def occupied_target(source_backup, tmp_path_factory) -> Path:
    """An installation that is not empty (a restored copy): the target every refusal must spare."""
    target = tmp_path_factory.mktemp("occupied") / "data"
    ipcity("restore", str(source_backup), data_dir=target)
    (target / "uploads" / "local-only.txt").write_text("made after the backup")
    return target


def _rewrite(source: Path, out: Path, *, drop: str | None = None, add: tuple[str, bytes] | None = None,
             manifest_edit=None) -> Path:
    """Copy an archive member by member, dropping, adding or editing to make a bad one."""
    with tarfile.open(source) as src, tarfile.open(out, "w") as dst:
        for info in src.getmembers():
            if info.name == drop:
                continue
            data = src.extractfile(info).read() if info.isfile() else None
            if info.name == "manifest.json":
                if add:
                    extra = tarfile.TarInfo(add[0])
                    extra.size = len(add[1])
                    dst.addfile(extra, io.BytesIO(add[1]))
                if manifest_edit:
                    manifest = json.loads(data)
                    manifest_edit(manifest)
                    data = json.dumps(manifest).encode()
                    info.size = len(data)
            dst.addfile(info, io.BytesIO(data) if data is not None else None)
    return out


def _flip_byte_in(source: Path, out: Path, member_suffix: str) -> Path:
    raw = bytearray(source.read_bytes())
    with tarfile.open(source) as tar:
        info = next(i for i in tar.getmembers() if i.name.endswith(member_suffix))
    raw[info.offset_data + info.size // 2] ^= 0xFF
    out.write_bytes(bytes(raw))
    return out


def _foreign_tar(out: Path) -> Path:
    with tarfile.open(out, "w:gz") as tar:
        data = b"just some file\n"
        info = tarfile.TarInfo("project/readme.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return out


BAD_ARCHIVES = {
    "corrupt database": (lambda src, tmp: _flip_byte_in(src, tmp / "a.tar", "ipcity.sqlite3"), "checksum"),
    "corrupt dataset file": (lambda src, tmp: _flip_byte_in(src, tmp / "a.tar", "records.parquet"), "checksum"),
    "truncated in the middle": (lambda src, tmp: _cut(src, tmp / "a.tar", 0.5), "cut short"),
    "truncated before the manifest": (lambda src, tmp: _cut(src, tmp / "a.tar", None), "no manifest.json"),
    "not an archive": (lambda src, tmp: _write(tmp / "a.tar", "这不是备份文件\n".encode() * 100), "not a readable"),
    "empty file": (lambda src, tmp: _write(tmp / "a.tar", b""), "not a readable"),
    "foreign tar": (lambda src, tmp: _foreign_tar(tmp / "a.tar.gz"), "not an ipcity backup"),
    "member missing": (lambda src, tmp: _rewrite(src, tmp / "a.tar", drop="files/uploads/empty.txt"), "missing"),
    "member added": (lambda src, tmp: _rewrite(src, tmp / "a.tar", add=("files/uploads/x.txt", b"x")),
                     "not in the manifest"),
    "other format": (lambda src, tmp: _rewrite(src, tmp / "a.tar", manifest_edit=lambda m: m.update(format="x")),
                     "not an ipcity backup"),
    "path escape": (lambda src, tmp: _rewrite(src, tmp / "a.tar", add=("files/uploads/../../../etc/x", b"x")),
                    "'..'"),
}


def _cut(source: Path, out: Path, fraction: float | None) -> Path:
    raw = source.read_bytes()
    if fraction is None:  # end exactly where the manifest's header begins
        with tarfile.open(source) as tar:
            raw = raw[: tar.getmember("manifest.json").offset]
    else:
        raw = raw[: int(len(raw) * fraction)]
    out.write_bytes(raw)
    return out


def _write(out: Path, data: bytes) -> Path:
    out.write_bytes(data)
    return out


@pytest.mark.parametrize("case", list(BAD_ARCHIVES))
def test_bad_archive_is_refused_with_nothing_touched(case, source_backup, occupied_target, tmp_path):
    make, expected = BAD_ARCHIVES[case]
    bad = make(source_backup, tmp_path)
    before = state(occupied_target)
    result = ipcity("restore", str(bad), "--force", data_dir=occupied_target, check=False)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipcity: restore refused, nothing changed:"), result.stderr
    assert expected in lines[0]
    assert state(occupied_target) == before
    assert not list(occupied_target.glob(".restore-*"))


def test_occupied_target_is_refused_without_force_and_replaced_with_it(source_backup, source_installation,
                                                                       tmp_path):
    target = tmp_path / "data"
    ipcity("restore", str(source_backup), data_dir=target)
    ipcity("patents", "reference", "pledge-threshold", "1000", data_dir=target)  # a change after the backup
    changed = state(target)
    result = ipcity("restore", str(source_backup), data_dir=target, check=False)
    assert result.returncode == 2
    assert "not empty" in result.stderr and "--force" in result.stderr
    assert state(target) == changed

    ipcity("restore", str(source_backup), "--force", data_dir=target)
    assert state(target) == state(source_installation)


def test_backup_of_an_installation_without_database_says_so(tmp_path):
    result = ipcity("backup", "--out", str(tmp_path / "b.tar"), data_dir=tmp_path / "never-migrated", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no database at" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["never-migrated"]


@pytest.mark.parametrize("where,message", [("nowhere/b.tar", "no such directory"),
                                            ("DATA/uploads/b.tar", "write the archive elsewhere")])
def test_backup_to_a_bad_place_is_refused(where, message, source_installation, tmp_path):
    out = Path(where.replace("DATA", str(source_installation))) if where.startswith("DATA") else tmp_path / where
    before = tree(source_installation)
    result = ipcity("backup", "--out", str(out), data_dir=source_installation, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and message in result.stderr
    assert not out.exists() and tree(source_installation) == before


def test_backup_removes_what_killed_backups_left_and_nothing_else(source_installation, tmp_path):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    alive = str(os.getpid())  # this test process: a backup "still running"
    left = [tmp_path / f".ipcity-backup-{dead}-x1", tmp_path / f".b.tar.partial-{dead}-ab12cd34"]
    kept = [tmp_path / f".ipcity-backup-{alive}-x2", tmp_path / f".b.tar.partial-{alive}-ab12cd34",
            tmp_path / "notes.partial-1.txt", tmp_path / "other.tar"]
    left[0].mkdir()
    (left[0] / "database").write_bytes(b"copy")
    kept[0].mkdir()
    for path in [left[1], *kept[1:]]:
        path.write_bytes(b"x")
    ipcity("backup", "--out", str(tmp_path / "b.tar"), data_dir=source_installation)
    assert not any(p.exists() for p in left)
    assert all(p.exists() for p in kept)
