"""The PDF layout rules on synthetic lines: paragraph continuation and page furniture."""

from __future__ import annotations

from ipcity.plans.read.pdf_layout import (
    Line,
    TableBlock,
    assemble,
    continues,
    drop_furniture,
    measure_margins,
)

SIZE = 12.0
BODY = ["创造质量提升", "运用效益增强", "保护能力强化", "服务效能提升", "管理体制健全", "人才队伍壮大"]
LEFT, RIGHT = 70.0, 520.0


def line(text, *, page=0, top=100.0, x0=LEFT, x1=RIGHT, size=SIZE):
    return Line(text, x0, x1, top, top + size, size, page)


def body_page(page: int, texts: list[str], first_top: float = 100.0) -> list[Line]:
    return [line(t, page=page, top=first_top + 20 * k) for k, t in enumerate(texts)]


def test_full_line_then_line_at_left_margin_continues():
    m = measure_margins([line("甲" * 37), line("乙" * 37, top=120)])
    assert continues(line("甲" * 37), line("乙" * 10, top=120, x1=190), m)


def test_indented_line_or_heading_starts_a_new_paragraph():
    lines = [line("甲" * 37, top=100 + 20 * k) for k in range(8)] + [line("乙", top=300, x0=LEFT + 2 * SIZE)]
    m = measure_margins(lines)
    assert not continues(lines[0], line("新段落开始", top=120, x0=LEFT + 2 * SIZE), m)
    assert not continues(lines[0], line("二、重点任务", top=120), m)
    assert not continues(lines[0], line("（三）加强保护", top=120), m)


def test_short_line_ends_its_paragraph_and_a_big_gap_too():
    m = measure_margins([line("甲" * 37, top=100 + 20 * k) for k in range(5)])
    assert not continues(line("结尾。", x1=150), line("下一段", top=120), m)
    assert not continues(line("甲" * 37), line("下一段", top=160), m)


def test_paragraph_continues_over_a_page_break():
    m = measure_margins([line("甲" * 37, top=100 + 20 * k) for k in range(5)])
    assert continues(line("甲" * 37, page=0, top=700), line("乙乙。", page=1, top=80, x1=110), m)


def test_two_lines_of_a_large_title_join():
    m = measure_margins([line("正文" * 18, top=300 + 20 * k) for k in range(6)])
    first = line("某某市知识产权强市建设试点城市", top=60, x0=120, x1=480, size=18)
    second = line("工作方案（2022—2025年）", top=84, x0=200, x1=400, size=18)
    assert continues(first, second, m)


def test_running_header_and_page_numbers_dropped_title_kept():
    pages = []
    for p in range(3):
        items = [line("某某市人民政府文件", page=p, top=30, x0=250, x1=350, size=9)]
        if p == 0:
            items.append(line("某某市人民政府文件", page=p, top=60, x0=200, x1=400, size=18))
        items += body_page(p, [BODY[2 * p] * 7, BODY[2 * p + 1] * 7])
        items.append(line(f"— {p + 1} —", page=p, top=800, x0=280, x1=320, size=10))
        pages.append(items)
    kept = [[i.text for i in items] for items in drop_furniture(pages)]
    assert kept[0] == ["某某市人民政府文件", BODY[0] * 7, BODY[1] * 7]  # the title under the header stays
    assert kept[1] == [BODY[2] * 7, BODY[3] * 7]
    assert kept[2] == [BODY[4] * 7, BODY[5] * 7]


def test_a_lone_number_that_is_not_at_the_page_number_height_stays():
    pages = [body_page(p, [BODY[2 * p] * 10, BODY[2 * p + 1] * 10]) + [line(f"{p + 1}", page=p, top=800, x0=290, x1=300)]
             for p in range(3)]
    pages[1].insert(len(pages[1]) - 1, line("3", page=1, top=600, x0=LEFT, x1=80))  # a table cell
    kept = drop_furniture(pages)
    assert [i.text for i in kept[1]] == [BODY[2] * 10, BODY[3] * 10, "3"]


def test_table_continued_on_next_page_joins_and_fills_a_cell_merged_across_the_break():
    header = ["指标", "目标", "属性"]
    first = TableBlock([header, ["甲", "1", "预期性"]], top=600, page=0)
    second = TableBlock([header, ["乙", "2", None]], top=80, page=1)
    assert assemble([[first], [second]]) == "指标\t目标\t属性\n甲\t1\t预期性\n乙\t2\t预期性"
