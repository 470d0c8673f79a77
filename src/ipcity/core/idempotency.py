"""``Idempotency-Key``: an API client's retry of a write is done once.

A client that sent ``POST …/extend`` and lost the answer (a timeout, a dropped connection) cannot
know whether it was done; retrying would extend the case twice, register a second case. With the
header, the first request claims the key (per user), and its successful answer is kept a day: a
retry with the same key and the same request gets that answer again (``Idempotent-Replayed:
true``) and changes nothing. The same key for another request is refused (422); a retry while the
first is still running gets 409. A refused request (4xx) or a server error keeps nothing: it
changed nothing, so its retry runs again. The middleware is ``ipcity.web.api_idempotency``; the
writes (claim, settle, release) are in ``ipcity.core.services``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from ipcity.core.models import ApiIdempotencyKey

KEPT = dt.timedelta(hours=24)
# A claim still without an answer after this was left by a request that died (a worker killed
# mid-request; gunicorn's own timeout is far shorter): a retry takes it over rather than waiting a day.
ABANDONED = dt.timedelta(minutes=10)
# Printable ASCII without spaces, as the IETF draft's examples and the common clients send (UUIDs).
KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,255}")


@dataclass(frozen=True)
class Claim:
    row: ApiIdempotencyKey | None = None  # claimed: run the request, then settle or release it
    replay: ApiIdempotencyKey | None = None  # done before: answer this again
    busy: bool = False  # the first request with this key is still running
    mismatch: bool = False  # the key was used for another request


def fingerprint(method: str, full_path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), full_path.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()
