"""One web import of a file into a dataset: who, for which region, what, and how it went."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.analytics.schema import DATASET_NAME_MAX_LENGTH
from ipcity.core.models import Region
from ipcity.text import is_han


def upload_path(instance: DatasetImport, filename: str) -> str:
    """A directory of its own per upload, holding the file under its own name (the storage makes it
    a valid file name): the importers record the file's name as the dataset's source, and a user's
    name never chooses the directory."""
    return f"dataset_imports/{uuid.uuid4().hex}/{PurePath(filename).name}"


class Kind(models.TextChoices):
    PATENT = "patent", _("专利")
    TRADEMARK = "trademark", _("商标")
    PLEDGE = "pledge", _("质押登记")
    LICENCE = "licence", _("许可与转让")
    COPYRIGHT = "copyright", _("著作权登记")


class DatasetImport(models.Model):
    """An uploaded file and its import job (queued → running → done or failed). ``report`` is the
    importer's report (``ImportReport.as_dict``); ``error`` its refusal, as the importer wrote it.
    ``creates_dataset``: the dataset did not exist when this import was asked for, so a successful
    import makes the uploader's region its owner (``access.dataset_owner``). ``file_removed_at``:
    when the stored upload was removed, ``IPCITY_DATASET_UPLOAD_KEEP_DAYS`` after the import ended
    (``services.dataset_upload_purge``); the record and its report stay."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    dataset = models.CharField("数据集", max_length=DATASET_NAME_MAX_LENGTH, db_index=True)
    kind = models.CharField("记录类型", max_length=16, choices=Kind.choices)
    export_format = models.CharField("格式", max_length=40, default="auto")
    file = models.FileField("文件", upload_to=upload_path, max_length=255)
    original_name = models.CharField("文件名", max_length=255)
    size = models.BigIntegerField("大小（字节）", default=0)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    creates_dataset = models.BooleanField("新建数据集", default=False)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.QUEUED)
    report = models.JSONField("导入报告", default=dict, blank=True)
    error = models.TextField("错误", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_removed_at = models.DateTimeField("上传文件删除时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "数据集导入"

    def __str__(self) -> str:
        return f"{self.dataset} ← {self.original_name} ({self.kind}, {self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def error_lang(self) -> str:
        """The language the stored refusal is written in, for its ``lang`` mark: the importers refuse
        in English (quoting the file's Chinese headers), the platform (an internal error, an import
        reaped as interrupted) in Chinese. The first letter tells them apart."""
        for char in self.error:
            if is_han(char):
                return "zh"
            if char.isascii() and char.isalpha():
                return "en"
        return "en"
