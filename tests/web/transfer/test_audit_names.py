"""The audit trail names the needs a match's record points to in one query, and only those the
reader may see (transfer registers its access rules with their querysets as scopes)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipcity.audit.models import AuditEvent
from ipcity.audit.selectors import events_with_changes
from ipcity.transfer import services
from tests.web.transfer.transfer_fixtures import need_input


def test_a_matchs_need_is_named_in_one_query_and_only_where_visible(transfer_world):
    w = transfer_world
    mine = [services.need_create(user=w.office_a, data=need_input(enterprise=f"铜陵某企业{i:02d}"))
            for i in range(12)]
    theirs = services.need_create(user=w.office_b, data=need_input(enterprise="池州某企业", region_code="341700"))
    events = [AuditEvent.objects.create(actor=w.office_a, actor_name="office", action="transfer.match.propose",
                                        object_type="transfer.match", object_id=str(500 + i), before=None,
                                        after={"need_id": need.pk, "pub_number": "CN99000101A"})
              for i, need in enumerate([*mine, theirs])]
    with CaptureQueriesContext(connection) as queries:
        rows = events_with_changes(events, w.office_a)
    shown = {change.new: change.new_shown for _event, changes in rows for change in changes
             if change.field == "need_id"}
    assert shown[mine[3].pk] == str(mine[3]) and str(mine[3]).startswith("铜陵某企业03")
    assert shown[theirs.pk] == str(theirs.pk)  # another city's need keeps its bare id
    assert len(queries) <= 3, [q["sql"] for q in queries]  # one for the needs, not one per need


def test_a_needs_history_reads_its_steps_in_words(client, transfer_world):
    """The need's page of history names each step (新建技术需求, 关闭技术需求), the code beside it."""
    from django.urls import reverse

    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.need_close(user=w.office_a, need_id=need.pk, reason="企业已自行解决")
    client.force_login(w.office_a)
    html = client.get(reverse("audit:history", args=["transfer.techneed", need.pk])).content.decode()
    for action, words in (("transfer.need.create", "新建技术需求"), ("transfer.need.close", "关闭技术需求")):
        assert words in html and f"<code>{action}</code>" in html, action
