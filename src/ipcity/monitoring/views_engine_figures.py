"""“从知识产权数据计算”: the office previews a patent-engine figure and records it as an actual value.

GET shows the form (the indicator page renders the same form inline); POST with
``action=preview`` computes and shows the figure, its warnings and its lineage without writing;
``action=record`` computes again (so what is saved never differs from the data on disk) and
records it. Office only: a reporter or leader gets 403. HTMX requests get the form's body back
(or an ``HX-Redirect`` after recording); plain requests get a whole page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ipcity.monitoring import catalogue, engine_figures, selectors
from ipcity.monitoring.forms_engine_figures import EngineFigureForm
from ipcity.monitoring.services import MonitoringInputError
from ipcity.monitoring.views import program_context
from ipcity.programs.access import access_indicator_edit, access_program


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def engine_figure(request: HttpRequest, program_id: int, indicator_id: int) -> HttpResponse:
    program = access_program(request.user, program_id)
    access_indicator_edit(request.user, indicator_id, program=program)  # 404 unseen, then 403 reader
    ind = selectors.indicator_for_page(program, indicator_id, user=request.user)
    if ind is None:
        raise Http404(_("指标不存在"))
    datasets = engine_figures.dataset_choices()
    form = EngineFigureForm(request.POST or None, indicator=ind, program=program, datasets=datasets,
                            suggestion=catalogue.records_suggestion(ind))
    figure = None
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "record":
                actual = engine_figures.actual_value_from_patents(indicator=ind, user=request.user,
                                                            note=form.cleaned_data["note"], **form.service_arguments())
                messages.success(request, _("已将计算值 %(value)s 记录为 %(year)s 年实际值")
                                 % {"value": f"{actual.value:g}", "year": actual.year})
                return _to_indicator(request, program.pk, ind.pk)
            figure = engine_figures.compute_figure(indicator=ind, **form.service_arguments())
        except MonitoringInputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    context = {"indicator": ind, "form": form, "figure": figure, "datasets": datasets}
    if _is_htmx(request):
        return render(request, "monitoring/_engine_figure_body.html", {"program": program, **context})
    return render(request, "monitoring/engine_figure.html", program_context(request, program, **context))


def _to_indicator(request: HttpRequest, program_id: int, indicator_id: int) -> HttpResponse:
    url = reverse("monitoring:indicator", args=[program_id, indicator_id])
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
