"""Who may open the datasets page, which imports a user sees, and who may import into a dataset.

- The office and the site administrator use the page; leaders and department reporters may not
  open it (403): importing replaces installation-wide data that every page computes from.
- Datasets are installation-wide files (``<data dir>/datasets/<name>``): every office sees the
  list. An import job is its region's: an office sees the imports of its region (an office bound
  to no region sees all, as elsewhere); another region's import does not exist for it (404).
- Ownership. A dataset created by a web import belongs to the uploader's region (the latest
  import that created it and did not fail: ``creates_dataset``); only an office of that region, an
  office bound to no region, or the site administrator may import into it again. A dataset that
  exists without such an import was made by the CLI or the demo: only the site administrator may
  re-import it from the web (the CLI's user is the installation's operator, whose data an office
  should not overwrite by accident). While a new name's first import is queued or running, only
  its region may import under that name.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ipcity.analytics import datasets as store
from ipcity.core.access import region_code_of, region_prefix_of, user_role
from ipcity.core.models import Role
from ipcity.datasets.models import DatasetImport

USERS = (Role.OFFICE, Role.ADMIN)


class ImportRefused(PermissionDenied):
    """This user may not import into this dataset (``import_refusal``'s reason as its message): the
    upload form shows it beside the name, nothing is written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def may_use_datasets(user) -> bool:
    return user_role(user) in USERS


def access_require_datasets(user) -> None:
    if not may_use_datasets(user):
        raise PermissionDenied(_("数据集仅限知识产权办公室和系统管理员"))


def imports_visible_to(user) -> QuerySet[DatasetImport]:
    role = user_role(user)
    if role == Role.ADMIN:
        return DatasetImport.objects.all()
    if role != Role.OFFICE:
        return DatasetImport.objects.none()
    prefix = region_prefix_of(user)
    jobs = DatasetImport.objects.all()
    return jobs.filter(region__code__startswith=prefix) if prefix else jobs


def import_for(user, pk: int) -> DatasetImport:
    """The import if the user may see it: 403 for a role without the page, 404 outside its region."""
    access_require_datasets(user)
    job = imports_visible_to(user).select_related("region", "created_by").filter(pk=pk).first()
    if job is None:
        raise Http404(_("导入记录不存在"))
    return job


def import_object_access(user, pk: int) -> DatasetImport:
    """For the audit trail (``core.contributions.register_object_access("datasets.datasetimport", …)``):
    404 for whoever may not see the import, the page's role included."""
    job = imports_visible_to(user).filter(pk=pk).first()
    if job is None:
        raise Http404(_("导入记录不存在"))
    return job


def owning_import(name: str) -> DatasetImport | None:
    """The import that made dataset ``name`` its region's: the latest one that created it and did
    not fail (None: the dataset was not created from the web)."""
    return (DatasetImport.objects.select_related("region").filter(dataset=name, creates_dataset=True)
            .exclude(status=DatasetImport.Status.FAILED).order_by("-created_at", "-pk").first())


def _same_region(user, job: DatasetImport) -> bool:
    own = region_code_of(user)
    return not own or own == (job.region.code if job.region is not None else "")


def import_refusal(user, name: str) -> str:
    """Why ``user`` may not import into dataset ``name`` ('' when it may). The role is checked first."""
    access_require_datasets(user)
    if user_role(user) == Role.ADMIN:
        return ""
    claim = owning_import(name)
    if store.exists(name, settings.DATA_DIR):
        if claim is None:
            return _("数据集 %(name)s 不是在网页上导入建立的（由命令行或演示数据建立），只有系统管理员可以在网页上重新导入。") % {
                "name": name}
        if not _same_region(user, claim):
            return _("数据集 %(name)s 属于%(region)s，只有该地区的知识产权办公室或系统管理员可以重新导入。") % {
                "name": name, "region": owner_label(claim)}
        return ""
    if claim is not None and claim.is_active and not _same_region(user, claim):
        return _("数据集 %(name)s 正由%(region)s新建，请换一个名称。") % {"name": name, "region": owner_label(claim)}
    return ""


def owner_label(claim: DatasetImport | None) -> str:
    """Whose a dataset is, in words: the region's name, 全平台 for an import by a user bound to no
    region, or (None) the CLI's or demo's."""
    if claim is None:
        return _("命令行或演示数据")
    return claim.region.name if claim.region is not None else _("全平台")
