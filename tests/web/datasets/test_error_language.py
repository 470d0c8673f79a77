"""A failed import's refusal is marked in the language it is written in: the importers refuse in
English (``lang="en"`` on a Chinese page), the platform's own refusals (an internal error, an import
reaped as interrupted) are Chinese (``lang="zh"`` on an English page). The page test is in
test_reaper.py."""

from ipcity.datasets.models import DatasetImport


def test_an_importers_english_refusal_is_english():
    assert DatasetImport(error="no known trademark format has these headers: 序号, 名称").error_lang == "en"
    assert DatasetImport(error="the file has no rows").error_lang == "en"


def test_the_platforms_chinese_refusal_is_chinese():
    assert DatasetImport(error="导入时出错（详情已记入服务器日志）。").error_lang == "zh"


def test_the_first_letter_is_judged_by_the_shared_han_test():
    # a rare character (Extension A) or a compatibility ideograph first is still Chinese
    assert DatasetImport(error="“㐂”导入时出错").error_lang == "zh"
    assert DatasetImport(error="﨑 file: no rows").error_lang == "zh"
    assert DatasetImport(error="“，。” no header row").error_lang == "en"
