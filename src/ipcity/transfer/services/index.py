"""Building a dataset's matching index from the supply page: a long job, run by huey."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ipcity.transfer.access import access_require_transfer_office


def index_build_request(*, user: User, dataset: str) -> None:
    """Queue the index build of ``dataset`` (office only; the dataset must exist)."""
    from django.conf import settings

    from ipcity.analytics.datasets import exists, kinds_present
    from ipcity.transfer.tasks import transfer_build_index

    access_require_transfer_office(user)
    if not dataset or not exists(dataset, settings.DATA_DIR):
        raise ValidationError(_("没有名为 %(name)s 的数据集") % {"name": dataset or _("（空）")})
    if "patent" not in kinds_present(dataset, settings.DATA_DIR):  # trademarks alone: no supply to index
        raise ValidationError(_("数据集 %(name)s 没有专利记录，不能建立检索索引") % {"name": dataset})
    transfer_build_index(dataset)
