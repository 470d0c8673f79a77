"""Core's writes: the regions and department aliases that plan imports create on demand, and the
API's ``Idempotency-Key`` claims (request bookkeeping, not audited: ``ipcity.core.idempotency``).

The writes for users, roles and API tokens are audited, so they live a layer up, in
``ipcity.accounts.services`` (core sits below ``ipcity.audit`` and never imports it).
"""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity import divisions
from ipcity.core.idempotency import ABANDONED, KEPT, Claim
from ipcity.core.models import ALIAS_MAX_LENGTH, ApiIdempotencyKey, Department, DepartmentAlias, Region
from ipcity.core.naming import normalise_unit_name
from ipcity.core.regions import FICTIONAL_PREFIX

_REGION_SPACE = re.compile(r"\s+")


# -- Regions and department aliases met in plan documents ----------------------------------------
# Created on demand inside the caller's transaction (a plan import, ``ipcity plan load``); not
# audited of their own: the programme created with them is. The reads (names, codes, matching)
# live in ``core.regions`` and ``core.departments``.


def region_resolve(name: str) -> Region:
    """The region for a name as a plan writes it; created with its parent chain when missing."""
    clean = _REGION_SPACE.sub("", name or "")
    if not clean:
        raise ValueError(_("地区名称为空"))
    code = divisions.code_for_name(clean)
    if code:
        return region_for_code(code)
    existing = Region.objects.filter(name=clean).order_by("code").first()
    if existing is not None:
        return existing
    if divisions.codes_for_name(clean):
        raise ValueError(_("地区名称“%(name)s”不唯一，请写出上级地区（如“北京市朝阳区”）") % {"name": clean})
    return _region_create_fictional(clean)


def region_for_code(code: str) -> Region:
    """The region with this GB/T 2260 code, creating it and its ancestors from the table."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    entry = divisions.table().get(code)
    if entry is None or entry.placeholder:  # 市辖区 and the like are no region of their own
        raise ValueError(_("未知的行政区划代码：%(code)s") % {"code": code})
    parent = region_for_code(entry.parent_code) if entry.parent_code else None
    region, _created = Region.objects.get_or_create(
        code=code, defaults={"name": entry.name, "level": entry.level, "parent": parent}
    )
    return region


def _region_create_fictional(name: str) -> Region:
    taken = set(Region.objects.filter(code__startswith=FICTIONAL_PREFIX).values_list("code", flat=True))
    for number in range(1, 100):
        code = f"{FICTIONAL_PREFIX}{number:02d}00"
        if code not in taken:
            level = Region.Level.DISTRICT if name.endswith(("区", "县")) else Region.Level.CITY
            return Region.objects.create(code=code, name=name, level=level, parent=None)
    raise ValueError(_("虚构地区代码已用完"))


def department_alias_add(department: Department, written: str) -> DepartmentAlias | None:
    """Remember another spelling of the department (no-op when it is its name or known, or too long
    to keep: NFKC may lengthen a name, ``㍿`` → ``株式会社``, and PostgreSQL refuses a key longer
    than its column; a spelling that long is never met again, so forgetting it loses nothing)."""
    normalised = normalise_unit_name(written)
    if normalised == normalise_unit_name(department.name):
        return None
    if len(written) > ALIAS_MAX_LENGTH or len(normalised) > ALIAS_MAX_LENGTH:
        return None
    alias, _created = DepartmentAlias.objects.get_or_create(
        department=department, normalised=normalised, defaults={"alias": written}
    )
    return alias


# -- Idempotency-Key claims of API writes (ipcity.core.idempotency) --------------------------------

def idempotency_claim(*, user: User, key: str, fingerprint: str) -> Claim:
    """Claim ``key`` for this request of ``user``, or say why not (each in its own transaction, so
    a concurrent retry sees the claim at once)."""
    ApiIdempotencyKey.objects.filter(user=user, created_at__lt=timezone.now() - KEPT).delete()
    try:
        with transaction.atomic():
            return Claim(row=ApiIdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint))
    except IntegrityError:
        pass
    existing = ApiIdempotencyKey.objects.filter(user=user, key=key).first()
    if existing is None:  # released in between: the retry is a first request again
        return idempotency_claim(user=user, key=key, fingerprint=fingerprint)
    if existing.fingerprint != fingerprint:
        return Claim(mismatch=True)
    if existing.status is None:
        if existing.created_at >= timezone.now() - ABANDONED:
            return Claim(busy=True)
        ApiIdempotencyKey.objects.filter(pk=existing.pk, status=None).delete()  # left by a request that died
        return idempotency_claim(user=user, key=key, fingerprint=fingerprint)
    return Claim(replay=existing)


def idempotency_settle(row: ApiIdempotencyKey, *, status: int, body: bytes) -> None:
    """Keep the answer of a claimed request that succeeded."""
    ApiIdempotencyKey.objects.filter(pk=row.pk).update(status=status, body=body)


def idempotency_release(row: ApiIdempotencyKey) -> None:
    """Forget the claim of a request that was refused or failed (it changed nothing)."""
    ApiIdempotencyKey.objects.filter(pk=row.pk).delete()
