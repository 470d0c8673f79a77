"""The JSON API's answer to a refused service call: the same refusal a page shows, as an HTTP error.

A service raises ``PermissionDenied`` (→ 403) or ``ValidationError`` (→ 400, its messages joined);
an API view wrapped in :func:`service_errors` passes them on to django-ninja as ``HttpError``, so
the API and the pages refuse the same things with the same words.
"""

from __future__ import annotations

import functools
import inspect

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from ipcity.core.templatetags.punctuation import semicolon


def service_errors(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            raise HttpError(403, str(exc) or _("无权操作")) from exc
        except ValidationError as exc:
            raise HttpError(400, semicolon().join(exc.messages)) from exc

    # django-ninja reads the view's annotations through the wrapper, resolving the postponed ones
    # (``from __future__ import annotations``) in the wrapper's module: resolve them here, in the view's.
    wrapper.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return wrapper
