"""The client address of the request being served, for every audit record made during it.

``AuditRequestMiddleware`` binds the address at the start of a request; ``audit_record`` reads it,
so ordinary service writes get it without passing the request down. Outside a request (jobs,
the CLI) there is none.

``X-Forwarded-For`` is honoured only when the request comes from a proxy named in
``IPCITY_TRUSTED_PROXIES`` (addresses or networks); otherwise anyone could write any address
into the trail. django-axes uses the same function (``AXES_CLIENT_IP_CALLABLE``), so lockouts
and the trail agree on who the client is.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings

_client_ip: ContextVar[str | None] = ContextVar("ipcity_audit_client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


@contextlib.contextmanager
def bound_client_ip(address: str | None) -> Iterator[None]:
    token = _client_ip.set(address)
    try:
        yield
    finally:
        _client_ip.reset(token)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for entry in getattr(settings, "IPCITY_TRUSTED_PROXIES", []) or []:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            continue  # a typo in the setting must not make every address trusted
    return networks


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip_from(request) -> str | None:
    """The client's address: the peer, or, behind a trusted proxy, the nearest untrusted hop."""
    peer = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return None
    networks = _trusted_networks()
    if not networks or not _is_trusted(peer, networks):
        return str(peer)
    # Read the chain from the right: each trusted proxy appended the address it saw; the first
    # address not in our own proxies is the client (anything left of it may be forged).
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break
        if not _is_trusted(address, networks):
            return str(address)
    return str(peer)
