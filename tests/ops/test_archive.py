"""The archive format on its own (no Django, no subprocess): what the writer refuses to write and
what ``verify`` refuses to accept."""

from __future__ import annotations

import io
import tarfile

import pytest

from ipcity.ops import archive


def _archive(path, files: dict[str, bytes], links: dict[str, str] | None = None):
    source = path.parent / "src"
    source.mkdir(exist_ok=True)
    with archive.ArchiveWriter(path, {"format": archive.FORMAT, "format_version": archive.FORMAT_VERSION,
                                      "database": {"engine": "sqlite"}}) as writer:
        for n, (name, data) in enumerate(files.items()):
            (source / str(n)).write_bytes(data)
            writer.add_file(name, source / str(n))
        for name, target in (links or {}).items():
            writer.add_symlink(name, target)
        writer.commit()
    return path


def test_a_written_archive_verifies_and_lists_its_members(tmp_path):
    path = _archive(tmp_path / "a.tar.xz", {"database/ipcity.sqlite3": b"db", "files/uploads/a/b.txt": b"x" * 5000},
                    {"files/datasets/d": ".versions/d.1"})
    manifest = archive.verify(path)
    assert [m["name"] for m in manifest["members"]] == ["database/ipcity.sqlite3", "files/uploads/a/b.txt",
                                                        "files/datasets/d"]
    assert [p.name for p in tmp_path.iterdir() if p.name != "src"] == ["a.tar.xz"]


@pytest.mark.parametrize("name", ["/etc/passwd", "files/uploads/../../x", "files/other/x", "manifest.json",
                                  "files/uploads//x", "database"])
def test_the_writer_refuses_names_a_restore_could_not_trust(tmp_path, name):
    (tmp_path / "f").write_bytes(b"x")
    writer = archive.ArchiveWriter(tmp_path / "a.tar", {"format": archive.FORMAT})
    with pytest.raises(ValueError):
        writer.add_file(name, tmp_path / "f")
    writer.abort()
    assert [p.name for p in tmp_path.iterdir()] == ["f"], "abort leaves no partial file"


def test_a_link_out_of_its_area_is_refused(tmp_path):
    path = _archive(tmp_path / "a.tar", {"database/ipcity.sqlite3": b"db"},
                    {"files/datasets/d": "../../../../etc"})
    with pytest.raises(archive.ArchiveInvalid, match="leaves its area"):
        archive.verify(path)


def test_a_member_after_the_manifest_is_refused(tmp_path):
    path = _archive(tmp_path / "a.tar", {"database/ipcity.sqlite3": b"db"})
    with tarfile.open(path, "a") as tar:
        info = tarfile.TarInfo("files/uploads/late.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(archive.ArchiveInvalid, match="after the manifest"):
        archive.verify(path)


def test_a_newer_format_version_is_refused(tmp_path):
    path = tmp_path / "a.tar"
    with archive.ArchiveWriter(path, {"format": archive.FORMAT, "format_version": 99, "database": {}}) as writer:
        writer.commit()
    with pytest.raises(archive.ArchiveInvalid, match="version 99"):
        archive.verify(path)
