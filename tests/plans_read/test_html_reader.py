"""Government web pages: the article is found, the page around it is dropped, tables kept."""

from __future__ import annotations

import pytest

from ipcity.plans.read import read_document
from ipcity.plans.read.html_reader import html_to_text

GOV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>关于印发某某市工作方案的通知_某某市人民政府</title>
<script>var _hmt = [];</script><style>.x{{color:red}}</style></head>
<body>
<div class="top-bar"><a href="/">网站首页</a> <a href="/en">English</a> <a>无障碍</a></div>
<div id="nav" class="nav"><ul><li><a>首页</a></li><li><a>政务公开</a></li><li><a>政务服务</a></li></ul></div>
<div class="position">您现在的位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>通知公告</a></div>
<div class="container">
  <div class="article-title"><h1>关于印发某某市工作方案的通知</h1></div>
  <div class="info">来源：某某市人民政府　发布时间：2024-03-04　浏览量：14　字体：[ 大 中 小 ]　【打印】【关闭】</div>
  <div class="TRS_Editor">
    <p>各县、区人民政府：</p>
    <p>　　现将《某某市工作方案》印发给你们，请认真组织实施。</p>
    <p style="text-align:center">一、工作目标</p>
    <p>　　到2026年，每万人口高价值发明专利拥有量达到14件。</p>
    <table border="1"><caption>专栏1 主要指标</caption>
      <tr><td>指标名称</td><td>2023年</td><td>2024年</td><td>属性</td></tr>
      <tr><td>每万人口高价值<br>发明专利拥有量</td><td colspan="2">9.54件</td><td rowspan="2">预期性</td></tr>
      <tr><td>有效商标注册量</td><td>4.9万件</td><td>5.5万件</td></tr>
    </table>
    <p>（一）加强创造。<br/>完善政策。（市市场监管局、市科技局等按职责分工负责）</p>
  </div>
  <div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div>
  <div class="related">相关文章：<a>某某市2023年工作要点</a></div>
</div>
<div class="footer">主办：某某市人民政府办公室　网站标识码：3403000001　皖ICP备05000000号</div>
</body></html>"""

EXPECTED = "\n".join([
    "关于印发某某市工作方案的通知", "",
    "来源：某某市人民政府 发布时间：2024-03-04", "",
    "各县、区人民政府：", "",
    "现将《某某市工作方案》印发给你们，请认真组织实施。", "",
    "一、工作目标", "",
    "到2026年，每万人口高价值发明专利拥有量达到14件。", "",
    "专栏1 主要指标", "",
    "指标名称\t2023年\t2024年\t属性",
    "每万人口高价值 发明专利拥有量\t9.54件\t\t预期性",
    "有效商标注册量\t4.9万件\t5.5万件\t预期性", "",
    "（一）加强创造。",
    "完善政策。（市市场监管局、市科技局等按职责分工负责）",
])


def test_government_page_gives_the_article_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
    result = read_document(path)
    assert result.format == "html"
    assert result.text == EXPECTED


def test_gbk_page_with_meta_charset(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(GOV_PAGE.format(charset="gbk").encode("gbk"))
    assert read_document(path).text == EXPECTED


def test_page_without_known_container_uses_text_density(tmp_path):
    links = "".join(f"<a href='/{i}'>栏目{i}</a> " for i in range(30))
    paragraphs = "".join(f"<p>第{i}段：到2025年，知识产权质押融资金额达到{i}亿元，服务体系更加完善。</p>" for i in range(1, 6))
    page = (f"<html><head><title>某某方案 - 某某网</title></head><body><div>{links}</div>"
            f"<div><div>{paragraphs}</div></div><div>{links}</div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    lines = [ln for ln in read_document(path).text.split("\n") if ln]
    assert lines[0] == "某某方案"
    assert lines[1:] == [f"第{i}段：到2025年，知识产权质押融资金额达到{i}亿元，服务体系更加完善。" for i in range(1, 6)]


def test_page_laid_out_in_tables_is_read_as_paragraphs(tmp_path):
    paragraphs = "".join(f"<p>（{n}）加强知识产权保护。建立快速维权机制，完善纠纷调解体系，形成保护合力。</p>"
                         for n in "一二三四")
    page = ("<html><body><table><tr><td><a>首页</a> <a>政务公开</a></td></tr>"
            f"<tr><td><table><tr><td>一、重点任务{paragraphs}</td></tr></table></td></tr></table></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    lines = [ln for ln in read_document(path).text.split("\n") if ln]
    assert "\t" not in "".join(lines)
    assert lines[-5:] == ["一、重点任务"] + [f"（{n}）加强知识产权保护。建立快速维权机制，完善纠纷调解体系，形成保护合力。"
                                           for n in "一二三四"]


def test_title_repeated_at_the_top_of_the_article_is_not_doubled(tmp_path):
    page = ("<html><body><div class='title'><h1>某某市知识产权强市建设工作方案</h1></div>"
            "<div class='TRS_Editor'><p style='text-align:center'>某某市知识产权 强市建设工作方案</p>"
            "<p>一、总体要求。到2025年，每万人口高价值发明专利拥有量达到14件。</p></div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert [ln for ln in read_document(path).text.split("\n") if ln] == [
        "某某市知识产权 强市建设工作方案", "一、总体要求。到2025年，每万人口高价值发明专利拥有量达到14件。"]


def test_a_small_box_with_a_generic_content_class_is_not_taken_for_the_article(tmp_path):
    article = "".join(f"<p>（{n}）完善知识产权政策体系，鼓励知识产权创造运用，强化质量导向，支持高价值专利培育。</p>"
                      for n in "一二三四五六")
    page = ("<html><body><div class='content'>热点推荐：关于开展2024年度知识产权优势企业申报工作的通知（详见附件）</div>"
            f"<div class='detail'><h2>二、重点任务</h2>{article}</div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    lines = [ln for ln in read_document(path).text.split("\n") if ln]
    assert lines[0] == "二、重点任务"
    assert len(lines) == 7 and "热点推荐" not in "".join(lines)


# --- table rows typed as paragraphs (issue 11; authored snippets) -------------------------

def _page(body: str) -> str:
    return f"<html><body><div class='TRS_Editor'>{body}</div></body></html>"


@pytest.mark.parametrize("gap", ["\t", "&nbsp;&nbsp;&nbsp;", "　　", "   "])
def test_rows_in_p_with_cells_apart_become_one_row_each(gap):
    rows = [["指标名称", "单位", "2026年"], ["有效发明专利拥有量", "件", "4800"], ["著作权登记量", "件", "3000"]]
    body = "<p>主要指标如下：</p>" + "".join(f"<p>{gap.join(row)}</p>" for row in rows) + "<p>二、重点任务</p>"
    lines = html_to_text(_page(body)).split("\n")
    assert lines == ["主要指标如下：", "", *("\t".join(row) for row in rows), "", "二、重点任务"]


def test_a_lone_paragraph_with_wide_spaces_stays_text():
    text = html_to_text(_page("<p>联系人：张明&nbsp;&nbsp;&nbsp;电话：0571-1234</p><p>正文。</p>"))
    assert text.split("\n")[0] == "联系人：张明 电话：0571-1234"


def test_source_indentation_is_no_cell_gap():
    text = html_to_text(_page("<p>\n        到2026年，专利拥有量达到\n        1200件。\n    </p><p>\n    二、任务\n</p>"))
    assert "\t" not in text


def test_a_numbered_list_says_its_numbers_as_the_browser_draws_them():
    """``<ol>`` numbers are drawn by the browser, not written: the text carries them (``start``
    kept); bullets (``<ul>``) and lettered lists (``type="a"``) add nothing."""
    body = ("<p>专栏2 主要指标</p><ol><li>专利质押金额：2027年达到6亿元。</li><li>贯标企业：2027年达到40家。</li></ol>"
            "<ol start='3'><li>商标注册量：2027年达到2万件。</li></ol><ul><li>说明一</li></ul>"
            "<ol type='a'><li>说明二</li></ol><ol><li>1、已编号的目标</li></ol>")
    lines = [line for line in html_to_text(_page(body)).split("\n") if line]
    assert lines == ["专栏2 主要指标", "1.专利质押金额：2027年达到6亿元。", "2.贯标企业：2027年达到40家。",
                     "3.商标注册量：2027年达到2万件。", "说明一", "说明二", "1、已编号的目标"]


def test_a_title_centred_in_old_markup_is_kept_above_the_info_line():
    # an old page (<center><font><b>) names no heading tag and no title class: the centred line
    # is the title; the info line under it is kept too, and the print/close footer dropped
    page = ("<html><head><title>站点首页</title></head><body>"
            "<center><font size='5' color='#CC0000'><b>枫屿县知识产权工作方案（2025—2027年）</b></font></center>"
            "<center><font size='2'>发布日期：2025-03-02&nbsp;点击数：<font color='red'>88</font></font></center>"
            "<div id='zoom'><p>&nbsp;&nbsp;<span>为推</span><span>进知识产权</span>工作，制定本方案。</p>"
            "<p>一、工作目标</p><p>到2027年，全县有效发明专利拥有量达到300件，商标注册量达到5000件。</p></div>"
            "<center>【<a href='javascript:window.print()'>打印本页</a>】【<a>关闭窗口</a>】</center></body></html>")
    lines = [ln for ln in html_to_text(page).splitlines() if ln.strip()]
    assert lines[0] == "枫屿县知识产权工作方案（2025—2027年）"
    assert lines[1].startswith("发布日期：2025-03-02")
    assert lines[2] == "为推进知识产权工作，制定本方案。"
    assert not any("打印" in ln or "关闭" in ln for ln in lines)
