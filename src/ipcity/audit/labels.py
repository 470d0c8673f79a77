"""Words for the audit trail's codes: ``supervision.report.submit`` → 报送部门报告, ``status`` → 状态.

The trail stores codes (stable, searchable, exported as they are); the pages show these words,
with the code beside for whoever needs it, and the export gives them in a column of their own
(操作说明). An unknown code is shown as it is: every action the source can write has its words here
(tests/web/platform/test_audit_action_labels.py reads them out of the source).

The words are marked for the catalogue (``gettext_noop``) and translated when shown; a page in English
shows the code rather than a Chinese word the catalogue has no English for yet.
"""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.utils import translation
from django.utils.translation import get_language, gettext, gettext_noop

ACTION_LABELS = {
    # programs: the plan, its indicators, tasks and departments
    "program.create": gettext_noop("创建项目"),
    "program.revise": gettext_noop("修订项目"),
    "program.mark_sample": gettext_noop("标记为示例数据"),
    "program.schedule": gettext_noop("修改阶段与报送事项"),
    "program.archive": gettext_noop("归档项目"),
    "program.unarchive": gettext_noop("取消归档"),
    "indicator.create": gettext_noop("新增指标"),
    "indicator.update": gettext_noop("修改指标"),
    "indicator.delete": gettext_noop("删除指标"),
    "indicator.owner": gettext_noop("设置数据责任部门"),
    "task.create": gettext_noop("新增任务"),
    "task.update": gettext_noop("修改任务"),
    "task.delete": gettext_noop("删除任务"),
    "department.create": gettext_noop("新增部门"),
    "department.rename": gettext_noop("部门改名"),
    "department.merge": gettext_noop("并入其他部门"),
    "department.merge_in": gettext_noop("接收并入的部门"),
    "department.retire": gettext_noop("撤销部门"),
    "planimport.create": gettext_noop("上传计划文件"),
    "planimport.confirm": gettext_noop("确认导入"),
    "planimport.discard": gettext_noop("放弃导入"),
    # accounts
    "user.create": gettext_noop("新建用户"),
    "user.update": gettext_noop("修改用户"),
    "token.create": gettext_noop("创建 API 令牌"),
    "token.delete": gettext_noop("撤销 API 令牌"),
    # monitoring
    "monitoring.actual.create": gettext_noop("填报实际值"),
    "monitoring.actual.correct": gettext_noop("更正实际值"),
    "monitoring.import.confirm": gettext_noop("确认导入实际值"),
    "monitoring.indicator.owner": gettext_noop("设置数据责任部门"),
    "monitoring.reference.record": gettext_noop("记录参照值"),
    "monitoring.thresholds.update": gettext_noop("修改研判阈值"),
    "monitoring.group.confirm": gettext_noop("确认跨项目指标关联"),
    "monitoring.group.delete": gettext_noop("删除跨项目指标关联"),
    "monitoring.link.confirm": gettext_noop("确认关联指标目录"),
    "monitoring.link.remove": gettext_noop("取消关联指标目录"),
    # publication
    "publication.program.publish": gettext_noop("公开项目"),
    "publication.program.unpublish": gettext_noop("撤下公开项目"),
    "publication.program.update": gettext_noop("修改公开摘要"),
    "publication.indicator.publish": gettext_noop("公开指标"),
    "publication.indicator.unpublish": gettext_noop("撤下公开指标"),
    # supervision: rounds, department reports and their review path (ReviewStep.ACTION_LABELS)
    "supervision.round.create": gettext_noop("发起报送轮次"),
    "supervision.round.generate": gettext_noop("按报送要求生成轮次"),
    "supervision.round.sync": gettext_noop("同步轮次任务"),
    "supervision.round.due_recompute": gettext_noop("按节假日安排顺延截止日期"),
    "supervision.round.closed": gettext_noop("结束报送轮次"),
    "supervision.round.open": gettext_noop("重新开放报送轮次"),
    "supervision.settings.update": gettext_noop("修改督查设置"),
    "supervision.scan": gettext_noop("督办提醒扫描"),
    "supervision.digest": gettext_noop("发送逾期汇总"),
    "supervision.report.save": gettext_noop("保存部门报告"),
    "supervision.report.line_save": gettext_noop("保存单项任务进展"),
    "supervision.report.submit": gettext_noop("报送部门报告"),
    "supervision.report.accept": gettext_noop("通过部门报告"),
    "supervision.report.return": gettext_noop("退回部门报告"),
    "supervision.report.head_approve": gettext_noop("部门负责人同意报送"),
    "supervision.report.head_reject": gettext_noop("部门负责人退回"),
    "supervision.report.unlock": gettext_noop("解锁部门报告"),
    "supervision.report.urge": gettext_noop("催办部门报告"),
    "supervision.report.reassign": gettext_noop("部门合并：报告转给接手部门"),
    "supervision.report.merge": gettext_noop("部门合并：并入原部门的未报送报告"),
    "supervision.attachment.add": gettext_noop("上传附件"),
    "supervision.attachment.delete": gettext_noop("删除附件"),
    # reports: the annual report and its templates
    "reports.request": gettext_noop("请求生成报告"),
    "reports.generate": gettext_noop("生成报告"),
    "reports.fail": gettext_noop("生成报告失败"),
    "reports.publish": gettext_noop("公开报告"),
    "reports.unpublish": gettext_noop("撤下公开报告"),
    "reports.template_upload": gettext_noop("上传报告模板"),
    "reports.template_deactivate": gettext_noop("停用报告模板"),
    # navigation: patent navigation projects
    "navigation.project.create": gettext_noop("新建专利导航项目"),
    "navigation.definition.save": gettext_noop("保存技术分解"),
    "navigation.analysis.request": gettext_noop("请求专利导航分析"),
    "navigation.alias.add": gettext_noop("添加申请人别名"),
    "navigation.alias.remove": gettext_noop("删除申请人别名"),
    # protection: a case's steps (casework.workflow.EVENT_STEPS), its ledger and its reminders
    "protection.case.register": gettext_noop("登记维权案件"),
    "protection.case.review": gettext_noop("初审案件"),
    "protection.case.accept": gettext_noop("受理案件"),
    "protection.case.reject": gettext_noop("不予受理案件"),
    "protection.case.assign": gettext_noop("指派承办部门"),
    "protection.case.refer": gettext_noop("移送案件"),
    "protection.case.receipt": gettext_noop("登记移送回执"),
    "protection.case.suspend": gettext_noop("中止办理案件"),
    "protection.case.resume": gettext_noop("恢复办理案件"),
    "protection.case.extend": gettext_noop("延长办理期限"),
    "protection.case.close": gettext_noop("办结案件"),
    "protection.case.follow_up": gettext_noop("记录回访"),
    "protection.case.archive": gettext_noop("归档案件"),
    "protection.case.import": gettext_noop("从台账导入案件"),
    "protection.case.deadlines_recompute": gettext_noop("重算办理期限"),
    "protection.case.department_merge": gettext_noop("部门合并：案件转给接手部门"),
    "protection.case.personal_data_view": gettext_noop("查看当事人联系方式"),
    "protection.case_type.update": gettext_noop("修改案件类型与期限"),
    "protection.holiday_notice.load": gettext_noop("载入节假日安排"),
    "protection.ledger.import": gettext_noop("导入案件台账"),
    "protection.scan": gettext_noop("案件期限提醒扫描"),
    # transfer: technology needs, their matches (transfer.labels.EVENT_STEPS), open-licence declarations
    "transfer.need.create": gettext_noop("新建技术需求"),
    "transfer.need.update": gettext_noop("修改技术需求"),
    "transfer.need.close": gettext_noop("关闭技术需求"),
    "transfer.need.propose": gettext_noop("生成专利推荐"),
    "transfer.need.publish": gettext_noop("发布匹配清单"),
    "transfer.match.propose": gettext_noop("推荐专利"),
    "transfer.match.add": gettext_noop("人工添加专利"),
    "transfer.match.keep": gettext_noop("保留匹配"),
    "transfer.match.remove": gettext_noop("移除匹配"),
    "transfer.match.wrong": gettext_noop("标记匹配错误"),
    "transfer.match.publish": gettext_noop("公开匹配"),
    "transfer.match.contacted": gettext_noop("标记为已联系"),
    "transfer.match.negotiating": gettext_noop("标记为洽谈中"),
    "transfer.match.contract": gettext_noop("登记签约"),
    "transfer.match.dropped": gettext_noop("终止对接"),
    "transfer.declaration.create": gettext_noop("登记开放许可声明"),
    "transfer.declaration.withdraw": gettext_noop("撤回开放许可声明"),
    # datasets: web imports of patent exports and IP-records files (the job's request and outcome)
    "datasets.import.request": gettext_noop("上传文件导入数据集"),
    "datasets.import.done": gettext_noop("数据集导入完成"),
    "datasets.import.fail": gettext_noop("数据集导入失败"),
    "datasets.import.reap": gettext_noop("数据集导入中断（超时判定失败）"),
    "datasets.import.upload_purge": gettext_noop("删除保留期满的上传文件"),
    # audit and security: sign-ins, refusals, downloads, the trail's own upkeep
    "auth.login": gettext_noop("登录"),
    "auth.logout": gettext_noop("退出登录"),
    "auth.login_failed": gettext_noop("登录失败"),
    "auth.lockout": gettext_noop("账号锁定"),
    "auth.password_change": gettext_noop("修改密码"),
    "request.denied": gettext_noop("拒绝访问"),
    "file.download": gettext_noop("下载或导出文件"),
    "audit.purge": gettext_noop("清理过期审计记录"),
    "audit.secrets_removed": gettext_noop("删除审计记录中的密码散列"),
}


# Bookkeeping fields many models share and that carry no verbose name of their own.
COMMON_FIELD_LABELS = {
    "created_at": gettext_noop("创建时间"),
    "updated_at": gettext_noop("更新时间"),
    "created_by_id": gettext_noop("创建人"),
    "updated_by_id": gettext_noop("修改人"),
    "version": gettext_noop("版本"),
    "accepted_at": gettext_noop("通过时间"),
    "last_submitted_at": gettext_noop("最近报送时间"),
    "original_name": gettext_noop("文件名"),
    "target_program_id": gettext_noop("修订的项目"),
    "target_program": gettext_noop("修订的项目"),
    "is_sample": gettext_noop("示例数据"),
    "is_active": gettext_noop("启用"),
    "department_id": gettext_noop("部门"),
    "merged_from": gettext_noop("并入的部门"),
    "region_id": gettext_noop("所属区划"),
    "user_id": gettext_noop("用户"),
    # Written by every plan import and revision (programs' items and the import itself).
    "status": gettext_noop("状态"),
    "order": gettext_noop("排序"),
    "evidence": gettext_noop("原文依据"),
    "comparator": gettext_noop("比较方式"),
    "result_program_id": gettext_noop("生成的项目"),
    "result_program": gettext_noop("生成的项目"),
}


def _in_words(chinese: str | None, code: str) -> str:
    if chinese is None:
        return code
    translated = gettext(chinese)
    if translated == chinese and not (get_language() or "zh").startswith("zh"):
        return code  # no English for it yet: the code reads better than Chinese on an English page
    return translated


def action_label(action: str) -> str:
    return _in_words(ACTION_LABELS.get(action), action)


@cache
def model_fields(object_type: str) -> dict:
    """attname → model field, for an ``app_label.model`` type (empty when the model is gone).

    The fields of an object recorded with it one-to-one are there too, under the key the snapshot
    gives them, ``accessor.attname`` (an account's ``profile.role``, ``profile.department_id``), so
    they are named, their choices read and their objects named like the object's own."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    fields = {f.attname: f for f in model._meta.concrete_fields}
    for relation in model._meta.related_objects:
        if relation.one_to_one:
            accessor = relation.get_accessor_name()
            fields.update({f"{accessor}.{f.attname}": f for f in relation.related_model._meta.concrete_fields
                           if f.attname != "id"})
    return fields


def field_label(object_type: str, attname: str) -> str:
    """The field's verbose name when the model gives one in words, else the stored name."""
    field = model_fields(object_type).get(attname)
    # The verbose name as written (Chinese): read under the page's language a lazy name is already
    # translated, and _in_words would take English for "no English yet".
    with translation.override(None):
        name = str(field.verbose_name) if field is not None else ""
    if name and name != field.name.replace("_", " "):
        return _in_words(name, attname)
    # a one-to-one object's field (``profile.department_id``) reads as the field of its own name
    common = COMMON_FIELD_LABELS.get(attname) or COMMON_FIELD_LABELS.get(attname.rpartition(".")[2])
    if common is None and field is not None and field.is_relation and field.related_model is not None \
            and "verbose_name" in field.related_model._meta.original_attrs:
        # a link with no name of its own (``program_id``) reads as the kind of object it points to
        return str(field.related_model._meta.verbose_name)
    return _in_words(common, attname)


def choice_label(object_type: str, attname: str, value) -> str | None:
    """``draft`` → 草稿 for a field with choices; None when the value is not a known choice."""
    field = model_fields(object_type).get(attname)
    if field is None or not field.choices or isinstance(value, list | dict):
        return None
    for code, label in field.flatchoices:
        if code == value:
            return str(label)
    return None
