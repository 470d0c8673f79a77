"""cpca and jieba still load where setuptools no longer ships pkg_resources (setuptools ≥ 81)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import builtins, sys
    real_import = builtins.__import__
    def without_pkg_resources(name, *args, **kwargs):
        if name == "pkg_resources" and "pkg_resources" not in sys.modules:
            raise ImportError("simulated: setuptools >= 81")
        return real_import(name, *args, **kwargs)
    builtins.__import__ = without_pkg_resources
    from ipcity.analytics import addresses
    import jieba, jieba.posseg
    jieba.setLogLevel(60)
    assert getattr(sys.modules["pkg_resources"], "__file__", None) is None, "the stand-in is in use"
    words = [w for w, _ in jieba.posseg.cut("市统计局市数据资源局")]
    assert "统计局" in words, words
    print(addresses.region_of_names("广东省深圳市南山区"))
    """
)


def test_cpca_and_jieba_load_through_the_stand_in():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "440305"  # cpca's matcher ran on its table, read through the stand-in
