"""The readers refuse an XLSX that would unpack to far more than its size (a zip bomb) from the
zip's directory, before inflating anything: the CLI's and the web job's imports alike."""

from __future__ import annotations

import pytest

from ipcity.analytics import importer, readers
from tests.web.datasets.test_hostile_uploads import xlsx_bomb


def test_inspect_refuses_an_xlsx_bomb_and_the_import_says_why(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(xlsx_bomb(20))
    with pytest.raises(readers.XlsxTooBig) as refused:
        readers.inspect(path)
    assert refused.value.reason == "ratio" and refused.value.unpacked >= 20 * 1024 * 1024
    with pytest.raises(importer.ImportFailed, match="over 100 times its size"):
        importer.import_file(path, "bomb", data_dir=tmp_path / "data")
    assert not (tmp_path / "data" / "datasets" / "bomb").exists()


def test_below_the_floor_a_high_ratio_is_no_bomb(tmp_path):
    path = tmp_path / "small.xlsx"
    path.write_bytes(xlsx_bomb(4))  # 4 MB unpacked: ratio over 100 but under the 8 MB floor
    assert readers.inspect(path).kind == "xlsx"
