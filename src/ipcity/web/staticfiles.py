"""Static files served by the application itself (WhiteNoise), so no separate web server is needed.

Files whose names carry their content hash (``ipcity.3f2a1c.css``, written by ``collectstatic``
with the manifest storage) never change under that name: browsers may keep them a year. Other
files (unhashed names) get WhiteNoise's short default. A year rather than WhiteNoise's ten: the
usual ceiling of HTTP caches and what the deployment guide promises.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware

ONE_YEAR = 365 * 24 * 3600


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    FOREVER = ONE_YEAR

    def __init__(self, *args, **kwargs) -> None:
        # collectstatic fills STATIC_ROOT (`ipcity serve` runs it); before the first run, as in
        # development and tests, an empty directory spares WhiteNoise's warning at every start.
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        super().__init__(*args, **kwargs)
