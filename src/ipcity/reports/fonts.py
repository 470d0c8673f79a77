"""The report faces: free substitutes for the official fonts, each chained to a fallback.

FandolFang (仿宋), FandolHei, FandolKai and FandolSong come from Debian's texlive-lang-chinese
(``make fonts`` unpacks them into ``src/ipcity/reports/fonts/``, not committed); LXGW WenKai
(``fonts-lxgw-wenkai``) serves for 楷体, Noto Sans CJK SC for 黑体 and Noto Serif CJK SC Bold
for 小标宋 (``fonts-noto-cjk``). Noto Serif CJK SC ends every chain: FandolFang lacks rare name
characters (珺堃喆昇翀淏玥犇镕燚赟龑), so a missing glyph is taken from there, never left blank.
"""

from __future__ import annotations

import os
from pathlib import Path

FONT_DIR = Path(os.environ.get("IPCITY_REPORT_FONTS") or Path(__file__).with_name("fonts"))
FANDOL = {"ReportFang": "FandolFang-Regular.otf", "ReportHei": "FandolHei-Regular.otf",
          "ReportKai": "FandolKai-Regular.otf", "ReportSong": "FandolSong-Regular.otf"}
LAST = "'Noto Serif CJK SC'"
# CSS font-family chains (PDF).
FANG = f"ReportFang, {LAST}, serif"
HEI = f"'Noto Sans CJK SC', ReportHei, {LAST}, sans-serif"
KAI = f"'LXGW WenKai', ReportKai, {LAST}, serif"
XBS = f"{LAST}, serif"  # bold: the 小标宋 stand-in
SONG = f"ReportSong, {LAST}, serif"
# The official names a government PC has (Word).
WORD = {"fang": "仿宋_GB2312", "xbs": "方正小标宋简体", "hei": "黑体", "kai": "楷体_GB2312", "song": "宋体"}


def missing_fonts() -> list[str]:
    return [name for name in FANDOL.values() if not (FONT_DIR / name).exists()]


def font_faces() -> str:
    """@font-face rules for the Fandol files present (a missing file falls through to the chain)."""
    return "\n".join(f"@font-face {{ font-family: {family}; src: url('{(FONT_DIR / name).as_uri()}'); }}"
                     for family, name in FANDOL.items() if (FONT_DIR / name).exists())
