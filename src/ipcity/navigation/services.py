"""Writes of the navigation app: each one atomic and audited (ipcity.audit).

An archived programme is read-only (``programs.lifecycle``): every write here calls
``require_not_archived`` first, before locking the project's own rows (lifecycle's lock order:
the programme first). Computing an analysis already requested (``analysis_run``, the background
job) is not a change of the programme and runs whatever its state.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipcity.audit.services import audit_record
from ipcity.core.models import Region
from ipcity.navigation import compute, tree
from ipcity.navigation.models import Analysis, DefinitionVersion, NavigationProject
from ipcity.programs.lifecycle import not_archived_among, require_not_archived
from ipcity.programs.models import Program, Task

logger = logging.getLogger(__name__)


class NavigationInputError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def industry_name(title: str) -> str:
    """``开展铜基新材料产业专利导航`` → ``铜基新材料``: the industry a project's title names."""
    name = re.sub(r"^(开展|实施|推进)", "", title.strip())
    name = re.sub(r"(产业)?(专利导航|导航)(工作|项目)?$", "", name)
    return name or title.strip()


def _start_body(title: str, *, sei_code: str, ipc: str) -> dict:
    """The first decomposition: an SEI class (its sub-classes as children), or IPC patterns."""
    title = industry_name(title)
    if sei_code:
        from ipcity.analytics import reference
        from ipcity.analytics.navigation.definition import DefinitionError, from_sei
        from ipcity.analytics.sei import SeiTableError, load_sei_table

        path, _version = reference.resolve_sei_rules(None)
        if not path:
            raise NavigationInputError(_("尚未载入战略性新兴产业与 IPC 对照表，不能从 SEI 分类开始"), "sei_code")
        try:
            definition = from_sei(sei_code, load_sei_table(path), name=title)
        except (DefinitionError, SeiTableError) as exc:
            raise NavigationInputError(_("SEI 分类无法使用：%(reason)s") % {"reason": exc}, "sei_code") from None
        return definition.to_dict(include_version=False)
    try:
        patterns = tree.checked_patterns(ipc)
    except tree.TreeError as exc:
        raise NavigationInputError(str(exc), "ipc") from None
    if not patterns:
        raise NavigationInputError(_("请填写 SEI 分类或至少一个 IPC 模式"), "ipc")
    return {"name": title, "root": {"key": "root", "name": title, "ipc": patterns}}


def _require_patents(dataset: str, field: str | None = None) -> None:
    """A dataset of trademarks (or other records) alone has nothing to navigate: refused in words,
    before an analysis fails on the missing patent file (and shows the server's paths)."""
    if not compute.has_patents(dataset):
        raise NavigationInputError(_("数据集“%(name)s”没有专利记录，不能做专利导航") % {"name": dataset}, field)


@transaction.atomic
def project_create(*, program: Program, task: Task | None, title: str, dataset: str, region: Region,
                   user: User, sei_code: str = "", ipc: str = "") -> NavigationProject:
    require_not_archived(program)
    if task is not None and task.program_id != program.pk:
        raise NavigationInputError(_("任务不属于本项目"), "task")
    body = _start_body(title, sei_code=sei_code.strip(), ipc=ipc)
    definition = tree.definition_of(body)
    _require_patents(dataset, "dataset")
    project = NavigationProject.objects.create(program=program, task=task, title=title, dataset=dataset,
                                               region=region, created_by=user)
    DefinitionVersion.objects.create(project=project, number=1, content_hash=definition.version,
                                     body=definition.to_dict(include_version=False), created_by=user,
                                     note=_("创建"))
    audit_record(actor=user, action="navigation.project.create", obj=project, program_id=program.pk)
    return project


def latest_version(project: NavigationProject) -> DefinitionVersion:
    return project.versions.order_by("-number").first()  # type: ignore[return-value]


@transaction.atomic
def definition_save(*, project: NavigationProject, body: dict, user: User, note: str) -> DefinitionVersion:
    """A new version when the content changed; the latest one otherwise."""
    require_not_archived(project.program)  # first: lifecycle's lock order
    definition = tree.definition_of(body)
    NavigationProject.objects.select_for_update().filter(pk=project.pk).first()
    current = latest_version(project)
    if current is not None and current.content_hash == definition.version:
        return current
    version = DefinitionVersion.objects.create(
        project=project, number=(current.number + 1) if current else 1, content_hash=definition.version,
        body=definition.to_dict(include_version=False), created_by=user, note=note[:255])
    audit_record(actor=user, action="navigation.definition.save", obj=version, program_id=project.program_id,
                 before={"version": current.content_hash if current else None},
                 after={"version": version.content_hash, "number": version.number, "note": version.note})
    return version


def node_save(*, project: NavigationProject, user: User, original_key: str, parent_key: str, key: str, name: str,
              ipc: str, exclude: str, keywords: str, sei: str) -> DefinitionVersion:
    # Said before the node is checked: an archived programme's tree takes no change at all
    # (definition_save checks again inside its transaction, holding the programme).
    require_not_archived(project.program)
    fields = tree.node_fields(key=key, name=name, ipc=ipc, exclude=exclude, keywords=keywords, sei=sei)
    body = tree.upsert(latest_version(project).body, original_key=original_key, parent_key=parent_key,
                       fields=fields)
    note = (_("修改节点 %(key)s") if original_key else _("新增节点 %(key)s")) % {"key": fields["key"]}
    return definition_save(project=project, body=body, user=user, note=note)


def node_remove(*, project: NavigationProject, user: User, key: str) -> DefinitionVersion:
    require_not_archived(project.program)
    body = tree.remove(latest_version(project).body, key)
    return definition_save(project=project, body=body, user=user, note=_("删除节点 %(key)s") % {"key": key})


@transaction.atomic
def analysis_request(*, project: NavigationProject, user: User) -> Analysis:
    """The analysis of the latest version over the dataset's current version: the cached one when
    it exists (and did not fail), else a new one to be computed (``tasks.navigation_analyse``).
    Refused for an archived programme even when cached: asking is a change (an audited request)."""
    require_not_archived(project.program)
    dataset_version = compute.dataset_version(project.dataset)
    if dataset_version is None:
        raise NavigationInputError(_("专利数据集“%(name)s”不存在，请先导入") % {"name": project.dataset})
    _require_patents(project.dataset)
    version = latest_version(project)
    analysis, created = Analysis.objects.get_or_create(
        version=version, dataset_version=dataset_version, aliases_key=aliases_key(project.aliases),
        defaults={"project": project, "created_by": user})
    # a failed one is computed again, and so is one stored before this version's parts existed
    if not created and (analysis.status == Analysis.Status.FAILED or (
            analysis.status == Analysis.Status.DONE and not compute.is_current(analysis.result))):
        analysis.status, analysis.error, analysis.result = Analysis.Status.PENDING, "", None
        analysis.save(update_fields=["status", "error", "result"])
        created = True
    if created:
        audit_record(actor=user, action="navigation.analysis.request", obj=analysis, program_id=project.program_id)
    return analysis


def aliases_key(aliases: dict[str, str] | None) -> str:
    """Part of an analysis's cache key: a hash of the applicant aliases ('' when there are none),
    so that a change of the aliases makes the next analysis compute afresh."""
    if not aliases:
        return ""
    text = json.dumps(sorted(aliases.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@transaction.atomic
def alias_add(*, project: NavigationProject, user: User, spelling: str, name: str) -> NavigationProject:
    """Merge the applicant written ``spelling`` into ``name`` in this project's next analyses."""
    from ipcity.analytics.navigation.names import name_key

    require_not_archived(project.program)  # first: lifecycle's lock order
    spelling, name = spelling.strip(), name.strip()
    if not spelling or not name:
        raise NavigationInputError(_("请填写申请人写法和归并后的名称"))
    if name_key(spelling) == name_key(name):
        raise NavigationInputError(_("“%(a)s”与“%(b)s”规范化后已是同一申请人") % {"a": spelling, "b": name})
    locked = NavigationProject.objects.select_for_update().get(pk=project.pk)
    before = dict(locked.aliases or {})
    locked.aliases = {**before, spelling: name}
    locked.save(update_fields=["aliases", "updated_at"])
    audit_record(actor=user, action="navigation.alias.add", obj=locked, program_id=locked.program_id,
                 before={"aliases": before}, after={"aliases": locked.aliases})
    return locked


@transaction.atomic
def alias_remove(*, project: NavigationProject, user: User, spelling: str) -> NavigationProject:
    require_not_archived(project.program)  # first: lifecycle's lock order
    locked = NavigationProject.objects.select_for_update().get(pk=project.pk)
    before = dict(locked.aliases or {})
    if spelling not in before:
        raise NavigationInputError(_("没有这个别名：%(a)s") % {"a": spelling})
    locked.aliases = {k: v for k, v in before.items() if k != spelling}
    locked.save(update_fields=["aliases", "updated_at"])
    audit_record(actor=user, action="navigation.alias.remove", obj=locked, program_id=locked.program_id,
                 before={"aliases": before}, after={"aliases": locked.aliases})
    return locked


def analysis_run(*, analysis_id: int) -> Analysis:
    """Compute a pending analysis (the background job); the result or the error is stored.

    One asked for before its programme was archived does not run: an archived programme is kept as it
    stood at the archiving, and the queue may reach the job days later. It fails with the reason,
    so the page stops polling and says why."""
    program_id = Analysis.objects.values_list("project__program_id", flat=True).get(pk=analysis_id)
    with transaction.atomic():
        # lifecycle's lock order: the programme's status (held) before the analysis's row
        archived = not not_archived_among([program_id])
        analysis = Analysis.objects.select_for_update().select_related("project__program", "version").get(
            pk=analysis_id)
        if analysis.status not in (Analysis.Status.PENDING, Analysis.Status.FAILED):
            return analysis
        if archived:
            analysis.status, analysis.finished_at = Analysis.Status.FAILED, timezone.now()
            analysis.error = _("分析未运行：项目“%(title)s”在排队期间已归档，归档的项目只能查看。") % {
                "title": analysis.project.program.title}
            analysis.save(update_fields=["status", "error", "finished_at"])
            return analysis
        analysis.status = Analysis.Status.RUNNING
        analysis.save(update_fields=["status"])
    project = analysis.project
    try:
        if aliases_key(project.aliases) != analysis.aliases_key:
            # the aliases changed between the request and the run: this key's aliases are gone
            raise NavigationInputError(_("申请人别名在排队期间已修改，请重新分析"))
        result = compute.run(dataset=project.dataset, body=analysis.version.body, region=project.region.code,
                             aliases=project.aliases or None)
    except NavigationInputError as exc:
        analysis.status, analysis.error = Analysis.Status.FAILED, str(exc)[:2000]
    except Exception:  # noqa: BLE001 - the job records any failure: the detail to the log, words to the page
        # The engine's text names the server's files (DuckDB: 'No files found that match the pattern
        # "/srv/…/records.parquet"') and is English: the office reads a sentence, the log the rest.
        logger.exception("navigation analysis %s of project %s failed", analysis.pk, project.pk)
        analysis.status = Analysis.Status.FAILED
        analysis.error = _("分析失败：计算时出错（详情已记入服务器日志）。请确认专利数据集仍在，然后重新分析；仍失败请联系系统管理员。")
    else:
        analysis.status, analysis.result = Analysis.Status.DONE, result
    analysis.finished_at = timezone.now()
    with transaction.atomic():
        analysis.save(update_fields=["status", "result", "error", "finished_at"])
    return analysis
