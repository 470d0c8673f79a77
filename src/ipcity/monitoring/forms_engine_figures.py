"""The office's form for turning a computed patent figure into an actual value (validate only)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipcity.core.widgets import DataSelect
from ipcity.monitoring import catalogue, engine_figures, selectors
from ipcity.programs.models import Indicator, Program


def last_complete_year(years: range) -> int:
    """Patent figures are as of 31 December: the latest plan year already over, else the first."""
    finished = [y for y in years if y < timezone.localdate().year]
    return finished[-1] if finished else years.start


class EngineFigureForm(forms.Form):
    dataset = forms.ChoiceField(label=_("专利数据集"), widget=DataSelect)
    region_code = forms.RegexField(label=_("行政区划代码"), regex=r"^\d{6}$", max_length=6,
                                   error_messages={"invalid": _("请填写 6 位行政区划代码")},
                                   help_text=_("区县的专利计入其所在地市；默认是本项目所属地区"))
    year = forms.TypedChoiceField(label=_("年份"), coerce=int, help_text=_("按该年 12 月 31 日的状态计算"))
    # The figures keep the names of the national indicator catalogue: data, in Chinese. The
    # choices are the catalogue's formulas (set in __init__: the office may add some in the admin).
    key = forms.ChoiceField(label=_("计算指标"), choices=list(engine_figures.KEYS.items()), widget=DataSelect)
    sei_mode = forms.ChoiceField(label=_("战略性新兴产业（SEI）匹配方式"), choices=list(engine_figures.SEI_MODES.items()),
                                 initial="ipc_only")
    pledge_threshold = forms.FloatField(label=_("质押金额阈值（元）"), required=False, min_value=0.01,
                                        help_text=_("留空：使用已加载的阈值；未加载则不适用质押标准"))
    population = forms.FloatField(label=_("年末常住人口（人）"), required=False, min_value=1,
                                  help_text=_("留空：使用已加载的人口表"))
    entities = forms.FloatField(label=_("年末市场主体户数（户）"), required=False, min_value=1,
                                help_text=_("仅用于每万户市场主体有效注册商标量；留空：使用已加载的市场主体表"))
    note = forms.CharField(label=_("备注"), required=False, max_length=500)

    def __init__(self, *args, indicator: Indicator, program: Program, datasets: list[dict],
                 suggestion: catalogue.RecordsSuggestion | None = None, standards: list | None = None, **kwargs):
        # The catalogue's formula for this indicator (confirmed link or exact name) comes first.
        key = suggestion.formula if suggestion is not None else engine_figures.suggest_key(indicator.name)
        initial = {"region_code": program.region.code, "key": key, "sei_mode": "ipc_only"}
        kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        # its own ids: the value form on the same page also has year and note fields
        kwargs.setdefault("auto_id", "computed_%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["dataset"]).choices = [
            (d["name"], gettext("%(name)s（%(file)s，%(rows)s 条）") % {
                "name": d["name"], "file": d.get("source_file") or "—", "rows": d.get("rows") or 0}) for d in datasets]
        cast(forms.ChoiceField, self.fields["key"]).choices = catalogue.figure_choices(standards)
        years = selectors.indicator_years(indicator)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in reversed(years)]
        if "year" not in self.initial:
            self.initial["year"] = last_complete_year(years)

    def service_arguments(self) -> dict:
        """The cleaned data as the keyword arguments of ``engine_figures.compute_figure``."""
        data = self.cleaned_data
        return {"dataset": data["dataset"], "region_code": data["region_code"], "year": data["year"],
                "key": data["key"], "sei_mode": data["sei_mode"], "pledge_threshold": data.get("pledge_threshold"),
                "population": data.get("population"), "entities": data.get("entities")}
