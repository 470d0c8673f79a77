"""The public pages of matching (政务公开): published match lists and in-force open-licence
declarations. No sign-in; nothing personal (no contact person, phone or declaration contact)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ipcity.transfer import selectors


@login_not_required
@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "transfer/public.html", {
        "matches": selectors.public_matches(), "declarations": list(selectors.public_declarations()[:500])})
