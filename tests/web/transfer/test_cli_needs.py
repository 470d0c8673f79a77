"""``ipcity match build --needs FILE --user NAME``: needs imported through the service, all or none."""

from __future__ import annotations

from click.testing import CliRunner

from ipcity.cli.main import cli
from ipcity.transfer.models import TechNeed
from tests.web.transfer.transfer_fixtures import NEEDS_HEADER as HEADER
from tests.web.transfer.transfer_fixtures import write_csv


def test_build_with_needs_imports_them(transfer_world, patents_dataset, tmp_path):
    path = write_csv(tmp_path / "needs.csv", HEADER, [
        ["铜陵某铜箔科技有限公司", "低轮廓电解铜箔表面粗化处理工艺", "铜箔", "3985", "", "300", "许可"]])
    result = CliRunner().invoke(cli, ["match", "build", "--dataset", "authored", "--needs", str(path),
                                      "--user", transfer_world.office_a.username])
    assert result.exit_code == 0, result.output
    assert "needs: 1 imported from needs.csv" in result.output and "dataset authored: 3 documents" in result.output
    assert TechNeed.objects.get().region_code == "340700"


def test_a_bad_row_imports_nothing_and_exits_2(transfer_world, patents_dataset, tmp_path):
    path = write_csv(tmp_path / "needs.csv", HEADER, [
        ["铜陵某铜箔科技有限公司", "低轮廓电解铜箔表面粗化处理工艺", "铜箔", "3985", "", "300", "许可"],
        ["铜陵某电缆有限公司", "", "线缆", "3831", "", "", "转让"]])
    result = CliRunner().invoke(cli, ["match", "build", "--dataset", "authored", "--needs", str(path),
                                      "--user", transfer_world.office_a.username])
    assert result.exit_code == 2 and "第 3 行" in result.output
    assert not TechNeed.objects.exists()
    no_user = CliRunner().invoke(cli, ["match", "build", "--dataset", "authored", "--needs", str(path)])
    assert no_user.exit_code == 2 and "--user" in no_user.output
