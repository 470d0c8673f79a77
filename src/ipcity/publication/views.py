"""The public open-data pages (政务公开): no sign-in, read-only, published things only.

Every view here is ``login_not_required`` and reads through ``publication.selectors``, which
answers 404 for anything unpublished. The static export (``staticsite``) renders these same views
with ``request.static_export`` set: links stay site-relative here and are rewritten there.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ipcity.monitoring import labels
from ipcity.publication import downloads, selectors

DISPLAY_COOKIE = "ipcity_display"
ONE_YEAR = 365 * 24 * 3600


def public_context(request: HttpRequest, **extra) -> dict:
    # base_public.html reads request.static_export itself, so pages of other apps that extend it
    # (the transfer app's public page) export the same way.
    return {"display_large": request.COOKIES.get(DISPLAY_COOKIE) == "large", **extra}


@login_not_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/index.html", public_context(request, programs=list(selectors.public_programs())))


@login_not_required
@require_GET
def program(request: HttpRequest, program_id: int) -> HttpResponse:
    prog = selectors.public_program(program_id)
    items = selectors.public_verdicts(prog)
    return render(request, "publication/program.html", public_context(
        request, program=prog, items=items, partial_items=[item for item in items if item.criteria_note],
        formats=list(downloads.FORMATS), whitepapers=selectors.public_whitepapers(prog)))


@login_not_required
@require_GET
def indicator(request: HttpRequest, program_id: int, indicator_id: int) -> HttpResponse:
    prog = selectors.public_program(program_id)
    item = selectors.public_indicator(prog, indicator_id)
    return render(request, "publication/indicator.html", public_context(
        request, program=prog, item=item, a=item.verdict.assessment, formats=list(downloads.FORMATS),
        sources=selectors.value_sources(item.indicator), changed=labels.thresholds_changed(item.verdict.assessment.thresholds)))


@login_not_required
@require_GET
def method(request: HttpRequest) -> HttpResponse:
    return render(request, "publication/method.html", public_context(
        request, year_status=[labels.year_badge(code) for code in labels.YEAR_STATUS],
        outlook=[labels.outlook_badge(code) for code in labels.OUTLOOK], methods=labels.METHOD))


def _file(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=downloads.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_not_required
@require_GET
def program_download(request: HttpRequest, program_id: int, fmt: str) -> HttpResponse:
    if fmt not in downloads.FORMATS:
        raise Http404
    prog = selectors.public_program(program_id)
    return _file(downloads.program_file(prog, fmt), fmt, f"programme-{prog.pk}.{fmt}")


@login_not_required
@require_GET
def indicator_download(request: HttpRequest, program_id: int, indicator_id: int, fmt: str) -> HttpResponse:
    if fmt not in downloads.FORMATS:
        raise Http404
    prog = selectors.public_program(program_id)
    item = selectors.public_indicator(prog, indicator_id)
    return _file(downloads.indicator_file(prog, item, fmt), fmt, f"indicator-{item.indicator.pk}.{fmt}")


@login_not_required
@require_GET
def whitepaper(request: HttpRequest, program_id: int, version_id: int, ext: str) -> HttpResponse:
    """Read whole (a report is a few MB): the static export takes the same answer as the site."""
    prog = selectors.public_program(program_id)
    version = selectors.public_whitepaper(prog, version_id, ext)
    with version.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="application/pdf" if ext == "pdf" else
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = content_disposition_header(True, version.download_name)
    return response


@login_not_required
@require_GET
def bulk(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(downloads.bulk_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="open-data.zip"'
    return response


@login_not_required
@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """Published pages only: the index, the method, the transfer app's public page (the index links
    it) and the programmes with their published indicators."""
    urls = [reverse("open:index"), reverse("open:method"), reverse("transfer_public:index")]
    for prog in selectors.public_programs():
        urls.append(reverse("open:program", args=[prog.pk]))
        urls += [reverse("open:indicator", args=[prog.pk, ind.pk]) for ind in selectors.public_indicators(prog)]
    return render(request, "publication/sitemap.xml", {"urls": [request.build_absolute_uri(u) for u in urls]},
                  content_type="application/xml; charset=utf-8")


@login_not_required
@require_GET
def display(request: HttpRequest) -> HttpResponse:
    """The large-font, high-contrast mode (适老化) on or off: a cookie, so it works without JavaScript.

    Opened bare (no ``mode``: a bookmark, a crawler, a typed address) it changes nothing and goes
    to ``next`` or the open-data index, rather than answering 400; an unknown mode is still refused."""
    mode = request.GET.get("mode")
    target = request.GET.get("next") or ""
    if not (target.startswith(reverse("open:index"))
            and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})):
        target = reverse("open:index")
    response = HttpResponseRedirect(target)
    if mode == "large":
        response.set_cookie(DISPLAY_COOKIE, "large", max_age=ONE_YEAR, samesite="Lax")
    elif mode == "normal":
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
    elif mode:
        return HttpResponse(_("未知的显示模式"), status=400)
    return response
