"""Read a government web page: find the article, drop the page around it, keep tables.

The article is the first known content container (``TRS_Editor``, ``#zoom``, ``article``…)
or, failing that, the element holding the most paragraph text with the fewest links. The
page title and the "来源/发布时间" line just above the article are kept, because the plan's
title and issuer are often only there. Navigation, breadcrumbs, ``字体：大 中 小``, share
buttons, print/close links, scripts and footers are dropped. Tables built of ``<div>``s are read
as tables (``html_div_tables``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag

from ipcity.plans.read.html_div_tables import div_table_rows, mark_css_grids

_DROP_TAGS = ["script", "style", "noscript", "iframe", "nav", "footer", "form", "button", "select",
              "input", "textarea", "object", "embed", "svg", "template", "link", "meta", "head"]
_JUNK_ATTR = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare|sharebox|"
    r"footer|foot|copyright|sidebar|side|toolbar|tools?|print|close|fontsize|font-size|zoomtool|"
    r"related|recommend|comment|qrcode|ewm|login|search|topbar|header-nav|pager|pagination)([-_\s]|$)",
    re.IGNORECASE,
)
_CONTENT_SELECTORS = [".TRS_Editor", ".TRS_UEDITOR", "#UCAP-CONTENT", "#zoom", ".zoom", "#Zoom",
                      ".article-content", ".article_content", ".articleContent", "#article-content",
                      ".pages_content", ".wzxq", ".zw", "#zw", ".content-text", ".news_content",
                      "article", ".article", "#content", ".content", "main", ".main-content"]
_TITLE_HINT = re.compile(r"(^|[-_\s])(title|tit|bt|biaoti|headline)([-_\s]|$)", re.IGNORECASE)
_INFO_LINE = re.compile(r"(来源|发布时间|发布日期|发文字号|发布机构|信息来源)\s*[:：]")
# Page furniture that sits inside otherwise good lines.
_FURNITURE = [
    re.compile(r"[【\[]?\s*字体\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?\s*[】\]]?"),
    re.compile(r"[【\[]\s*(打印(本页|此页)?|关闭(窗口|本页)?|收藏|返回顶部|分享)\s*[】\]]"),
    re.compile(r"(分享到|扫一扫在手机打开当前页|扫一扫)\s*[:：]?"),
    re.compile(r"浏览(量|次数)\s*[:：]\s*\d*"),
    re.compile(r"(?:(?<=\s)|^)(打印|关闭)(本页|窗口)?(?=\s|$)"),
]
_JUNK_LINE = re.compile(r"^(打印(本页)?|关闭(窗口)?|返回顶部|上一篇.*|下一篇.*|当前位置[:：].*|您现在的位置[:：].*|首页\s*[>›»].*)$")
_BLOCK_TAGS = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "blockquote", "pre", "center", "dd", "dt", "dl", "header", "main", "aside", "figure",
               "figcaption", "address", "hr", "caption"}
_SPACES = re.compile(r"[ \t\r\n\u00a0\u2002\u2003\u3000]+")
# Between the cells of a row typed in a paragraph: a tab, or two or more spaces (not the line
# breaks and indentation of the page's source, which hold a newline).
_CELL_GAP = re.compile(r"[ \u00a0\u2002\u2003\u3000]*\t[ \t\u00a0\u2002\u2003\u3000]*|[ \u00a0\u2002\u2003\u3000]{2,}")
_ROW_MARK = "\x00row\x00"  # marks such a paragraph until its neighbours are known


def html_to_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "lxml")
    page_title = _page_title(soup)
    mark_css_grids(soup)  # the page's <style> goes with the tags dropped below
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    _drop_junk_blocks(soup)
    article = _find_article(soup)
    lines: list[str] = []
    if article is not None:
        for heading in _heading_lines(article, page_title):
            lines.extend([heading, ""])
        lines.extend(_render(article))
    lines = _paragraph_rows(lines)
    body_lines = [ln for ln in (_clean_line(ln) for ln in lines) if ln is not None]
    return "\n".join(_collapse_blank_runs(body_lines)).strip()


def _paragraph_rows(lines: list[str]) -> list[str]:
    """Paragraphs whose text stands in cells (tabs or runs of spaces between) are one table when
    at least two follow each other with as many cells: one row per paragraph, rows on
    consecutive lines. A lone such paragraph is text, its gaps one space."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith(_ROW_MARK):
            out.append(lines[i])
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(lines):
            if not lines[j]:
                j += 1
                continue
            if lines[j].startswith(_ROW_MARK) and lines[j].count("\t") == lines[i].count("\t"):
                run.append(j)
                j += 1
                continue
            break
        if len(run) >= 2:
            out.extend(lines[k][len(_ROW_MARK):] for k in run)
            out.append("")
            i = run[-1] + 1
        else:
            out.append(lines[i][len(_ROW_MARK):].replace("\t", " "))
            i += 1
    return out


def _page_title(soup: BeautifulSoup) -> str:
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    # "文件标题_某某市人民政府" / "文件标题-某某网": the site name follows the last separator.
    return re.split(r"\s*[_|—-]\s*(?=[^_|—-]*$)", title)[0] if title else ""


def _drop_junk_blocks(soup: BeautifulSoup) -> None:
    for tag in list(soup.find_all(True)):
        if tag.decomposed or tag.name in ("html", "body", "table", "tr", "td", "th", "tbody"):
            continue
        attrs = _attr_words(tag)
        if attrs.strip() and _JUNK_ATTR.search(attrs) and not _is_content_container(tag):
            tag.decompose()


def _attr_words(tag: Tag) -> str:
    """The element's id and classes, the words page templates name their parts with."""
    classes: object = tag.get("class") or []
    words = [str(tag.get("id") or "")] + ([str(c) for c in classes] if isinstance(classes, list) else [str(classes)])
    return " ".join(words)


def _is_content_container(tag: Tag) -> bool:
    # A junk-looking class on an element that holds the article text (e.g. "content side-by-side").
    return len(tag.get_text(strip=True)) > 500 and len(tag.find_all("p")) >= 3


def _find_article(soup: BeautifulSoup) -> Tag | None:
    densest = _densest_block(soup)
    # A known container must hold a fair share of the page's main text: generic names such as
    # ``.content`` are also used for small boxes beside the article.
    needed = max(50, len(densest.get_text(strip=True)) // 2) if densest is not None else 50
    for selector in _CONTENT_SELECTORS:
        found = [t for t in soup.select(selector) if len(t.get_text(strip=True)) >= needed]
        if found:
            return max(found, key=lambda t: len(t.get_text(strip=True)))
    return densest or soup.body or soup


_TEXT_BLOCKS = ["p", "td", "th", "pre", "li", "div", "section", "font", "span"]
_INNER_BLOCKS = ["p", "div", "section", "table", "ul", "ol", "article"]


def _densest_block(soup: BeautifulSoup) -> Tag | None:
    """The element whose own text blocks carry the most text outside links.

    Each innermost text block (a ``<p>``, a cell, a ``<div>`` without blocks inside) credits its
    length to its parent and half of it to its grandparent, so the article's container wins over
    both the page body around it and the small boxes beside it.
    """
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for block in soup.find_all(_TEXT_BLOCKS):
        if block.name in ("div", "section", "font", "span") and block.find(_INNER_BLOCKS) is not None:
            continue
        if block.name in ("font", "span") and block.find_parent(_TEXT_BLOCKS[:6]) is not None:
            continue  # inline text inside a block is counted with that block
        length = len(block.get_text(strip=True)) - sum(len(a.get_text(strip=True)) for a in block.find_all("a"))
        if length < 10:
            continue
        for ancestor, share in ((block.parent, 1.0), (block.parent.parent if block.parent else None, 0.5)):
            if isinstance(ancestor, Tag):
                tags[id(ancestor)] = ancestor
                scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + share * length
    if not scores:
        return None
    return tags[max(scores, key=lambda k: scores[k])]


def _heading_lines(article: Tag, page_title: str) -> list[str]:
    """The title and info line just above the article (gov pages put them outside the body)."""
    found: list[str] = []
    article_start = _squash(article.get_text("", strip=True)[:400])
    node: Tag | None = article
    for _ in range(3):  # look a few levels up, in the article's preceding siblings
        if node is None:
            break
        for sibling in reversed(list(node.find_previous_siblings(limit=4))):
            if not isinstance(sibling, Tag):
                continue
            text = _SPACES.sub(" ", sibling.get_text(" ", strip=True))
            if not text or len(text) > 200:
                continue
            is_title = (sibling.name in ("h1", "h2", "h3") or _TITLE_HINT.search(_attr_words(sibling))
                        or _centred_title(sibling, text))
            if (is_title or _INFO_LINE.search(text)) and _squash(text) not in article_start:
                found.append(text)  # a title the article repeats at its top is not doubled
        if found:
            break
        node = node.parent if isinstance(node.parent, Tag) else None
    article_text = article.get_text("", strip=True)[:300]
    if not found and page_title and page_title not in article_text:
        found.append(page_title)
    return found


_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


def _centred_title(tag: Tag, text: str) -> bool:
    """Old markup names no heading: ``<center><font size=5><b>标题</b></font></center>`` (or a
    block aligned to the centre) above the article is its title, unless it is the info line or
    links (navigation, 【打印本页】)."""
    centred = (tag.name == "center" or str(tag.get("align") or "").lower() == "center"
               or bool(_CENTRED.search(str(tag.get("style") or ""))))
    return centred and not _INFO_LINE.search(text) and not tag.find("a") and len(text) <= 100


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _render(root: Tag) -> list[str]:
    lines: list[str] = []
    current: list[str] = []

    def flush(blank: bool = False) -> None:
        raw = "".join(current)
        text = _SPACES.sub(" ", raw).strip()
        current.clear()
        cells = [_SPACES.sub(" ", c).strip() for c in _CELL_GAP.split(raw.strip(" \t\r\n\u00a0\u3000"))]
        if len(cells) >= 2 and all(cells):
            lines.append(_ROW_MARK + "\t".join(cells))  # a table row typed in a paragraph, perhaps
        elif text:
            lines.append(text)
        if blank:
            lines.append("")

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not comments, CDATA, doctype
                    current.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                flush()
            elif child.name == "table" and is_layout_table(child):
                flush(blank=True)
                walk_layout_table(child)
            elif child.name == "table":
                flush(blank=True)
                caption = child.find("caption")
                if caption is not None and caption.find_parent("table") is child:
                    lines.extend([_SPACES.sub(" ", caption.get_text(" ", strip=True)), ""])
                lines.extend("\t".join(row) for row in table_rows(child))
                lines.append("")
            elif child.name == "div" and (rows := div_table_rows(child, _cell_text)) is not None:
                flush(blank=True)  # a table built of <div>s (rows of cells, a CSS grid)
                lines.extend("\t".join(row) for row in rows)
                lines.append("")
            elif child.name in _BLOCK_TAGS:
                flush(blank=True)
                current.append(_list_number(child))
                walk(child)
                flush(blank=True)
            else:
                walk(child)

    def walk_layout_table(table: Tag) -> None:
        for cell in table.find_all(["td", "th"]):
            if cell.find_parent("table") is table:
                walk(cell)
                flush(blank=True)

    walk(root)
    flush()
    return lines


# An item that types its own number (``<li>1、…``) is not numbered again.
_TYPED_NUMBER = re.compile(r"^(?:\d{1,3}\s*[.．、]|[（(]\s*\d{1,3}\s*[)）]|[一二三四五六七八九十]+、)")


def _list_number(item: Tag) -> str:
    """``1.`` for the first ``<li>`` of a numbered ``<ol>``: the browser draws the number, so the
    text must say it, as the Word reader writes a list's numbers (a 专栏's goals as a list)."""
    parent = item.parent
    if item.name != "li" or not isinstance(parent, Tag) or parent.name != "ol" \
            or str(parent.get("type") or "1") != "1" or _TYPED_NUMBER.match(item.get_text().strip()):
        return ""
    try:
        start = int(str(parent.get("start") or 1))
    except ValueError:
        start = 1
    position = sum(1 for sibling in item.find_previous_siblings("li") if sibling.parent is parent)
    return f"{start + position}."


# A cell this long, or holding this many paragraphs, is page layout rather than data.
_LAYOUT_CELL_CHARS = 300
_LAYOUT_CELL_BLOCKS = 4


def is_layout_table(table: Tag) -> bool:
    """Old government sites lay the whole page out in tables; those are read as blocks."""
    if table.find("table") is not None:
        return True
    rows = list(_own_rows(table))
    if rows and all(len(tr.find_all(["td", "th"], recursive=False)) <= 1 for tr in rows):
        return True  # a one-column table is a box around text (a 专栏), not data
    for cell in table.find_all(["td", "th"]):
        if len(cell.get_text(strip=True)) > _LAYOUT_CELL_CHARS:
            return True
        if len(cell.find_all(["p", "div", "br", "h1", "h2", "h3"])) >= _LAYOUT_CELL_BLOCKS:
            return True
    return False


def table_rows(table: Tag) -> list[list[str]]:
    """Grid rows: colspan gives the value then '' cells, rowspan repeats the value below."""
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
    rows: list[list[str]] = []
    for tr in _own_rows(table):
        row: list[str] = []
        cells = iter(tr.find_all(["td", "th"], recursive=False))
        col = 0
        cell = next(cells, None)
        while cell is not None or any(c >= col for c in pending):
            if col in pending:
                text, left = pending.pop(col)
                row.append(text)
                if left > 1:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            if cell is None:
                row.append("")
                col += 1
                continue
            text = _cell_text(cell)
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            for k in range(span):
                row.append(text if k == 0 else "")
                if down > 1:
                    pending[col + k] = (text if k == 0 else "", down - 1)
            col += span
            cell = next(cells, None)
        if any(row):
            rows.append(row)
    return rows


def _own_rows(table: Tag) -> Iterator[Tag]:
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            yield tr


def _span(cell: Tag, attr: str) -> int:
    value = str(cell.get(attr) or "1").strip()
    return max(1, min(int(value), 100)) if value.isdigit() else 1


def _cell_text(cell: Tag) -> str:
    parts = [ln.removeprefix(_ROW_MARK).replace("\t", " ") for ln in _render(cell) if ln]
    return _SPACES.sub(" ", " ".join(parts)).strip()


def _clean_line(line: str) -> str | None:
    if not line:
        return ""
    if "\t" not in line:
        for pattern in _FURNITURE:
            line = pattern.sub("", line)
        line = line.strip()
        if not line or _JUNK_LINE.match(line):
            return None
    return line


def _collapse_blank_runs(lines: list[str]) -> Iterator[str]:
    blank = True
    for line in lines:
        if line:
            blank = False
            yield line
        elif not blank:
            blank = True
            yield ""
