"""Value entry rules: the same value twice adds no history and says 未变更; 12% for a % indicator,
thousands separators and full-width digits are accepted and the page says how they were read.
Plus the dashboard's .xlsx export (office: every row; reporter: its own)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from ipcity.monitoring import services
from ipcity.monitoring.forms import ActualValueForm, value_reading_notes
from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.models import Indicator

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _record(client, world, key: str, value: str, *, year: int = 2024, source: str = "统计公报", note: str = ""):
    ind = world.indicators[key]
    return client.post(f"/monitoring/program/{world.program.pk}/indicator/{ind.pk}/record/",
                       {"year": year, "value": value, "source": source, "note": note}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_saving_the_same_value_twice_adds_no_history_and_says_unchanged(world):
    client = _client(world.office)
    first = _record(client, world, "high_value", "10.6")
    assert _messages(first) == ["已保存 2024 年实际值"]
    second = _record(client, world, "high_value", "10.6")
    assert _messages(second) == ["未变更：2024 年实际值与现有记录相同，未新增历史记录"]
    assert IndicatorActual.objects.filter(indicator=world.indicators["high_value"]).count() == 1
    changed_note = _record(client, world, "high_value", "10.6", note="复核")
    assert _messages(changed_note) == ["已保存 2024 年实际值"]
    assert IndicatorActual.objects.filter(indicator=world.indicators["high_value"]).count() == 2


def test_service_marks_an_unchanged_value(world):
    ind = world.indicators["high_value"]
    first = services.actual_value_record(indicator=ind, year=2024, value=10.6, user=world.office, source="公报")
    again = services.actual_value_record(indicator=ind, year=2024, value=10.6, user=world.office, source="公报")
    assert first.unchanged is False and again.unchanged is True and again.pk == first.pk


def test_twelve_percent_is_saved_as_12_and_the_page_says_so(world):
    response = _record(_client(world.office), world, "share", "12%")
    assert IndicatorActual.objects.get(indicator=world.indicators["share"]).value == 12
    notes = _messages(response)
    assert notes[0] == "“12%”已按 12% 保存：去掉了单位“%”（指标单位即为%，数值不换算）"
    assert notes[1] == "已保存 2024 年实际值"


@pytest.mark.parametrize(("typed", "value", "how"), [
    ("1,234", 1234, "去掉了千位分隔符"),
    ("１２３", 123, "全角数字或符号按半角读取"),
    ("１，２３４．５件", 1234.5, "全角数字或符号按半角读取；去掉了千位分隔符；去掉了单位“件”"),
])
def test_separators_and_full_width_digits_are_read_and_said(world, typed, value, how):
    ind = world.indicators["high_value"]
    form = ActualValueForm({"year": "2024", "value": typed}, indicator=ind, years=range(2022, 2027))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == value
    assert len(form.value_notes) == 1 and how in form.value_notes[0] and f"“{typed}”" in form.value_notes[0]


def test_a_plain_number_needs_no_note_and_a_wrong_unit_is_refused(world):
    assert value_reading_notes("10.5", 10.5, unit="件") == []
    ind = world.indicators["share"]
    form = ActualValueForm({"year": "2024", "value": "12件"}, indicator=ind, years=range(2022, 2027))
    assert not form.is_valid() and "单位" in form.errors["value"][0]
    response = _record(_client(world.office), world, "share", "12件")
    assert response.status_code == 200 and not IndicatorActual.objects.exists()


# ---------------------------------------------------------------- the dashboard as .xlsx

def _rows(response) -> list[tuple]:
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]


def test_dashboard_export_office_every_indicator_reporter_its_own(world):
    Indicator.objects.filter(pk=world.indicators["pledge"].pk).update(name="=cmd|' /C calc'!A0")
    services.actual_value_record(indicator=world.indicators["high_value"], year=2024, value=10.6, user=world.office)
    url = f"/monitoring/program/{world.program.pk}/dashboard.xlsx"
    office = _client(world.office).get(url)
    assert office.status_code == 200
    assert office["Content-Disposition"].startswith(f'attachment; filename="monitoring-{world.program.pk}-')
    rows = _rows(office)
    names = {r[0] for r in rows}
    assert names == {"每万人口高价值发明专利拥有量", "'=cmd|' /C calc'!A0", "专利密集型产业增加值占GDP比重"}
    high = next(r for r in rows if r[0] == "每万人口高价值发明专利拥有量")
    assert high[2] == "市市场监管局" and high[4] == 10.6
    mine = {r[0] for r in _rows(_client(world.reporter).get(url))}
    assert mine == {"每万人口高价值发明专利拥有量", "专利密集型产业增加值占GDP比重"}  # 市市场监管局's own
    leader = {r[0] for r in _rows(_client(world.leader).get(url))}
    assert leader == names


def test_dashboard_export_follows_the_filters(world):
    url = f"/monitoring/program/{world.program.pk}/dashboard.xlsx?department={world.departments['kjj'].pk}"
    assert [r[0] for r in _rows(_client(world.office).get(url))] == ["知识产权质押融资额"]
