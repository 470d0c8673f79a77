"""``actual_value_record`` and the office's settings: validation, history, audit, permissions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from ipcity.audit.models import AuditEvent
from ipcity.monitoring import selectors, services
from ipcity.monitoring.models import IndicatorActual

pytestmark = pytest.mark.django_db


def test_record_then_correct_keeps_history_and_audits(world):
    ind = world.indicators["high_value"]
    first = services.actual_value_record(indicator=ind, year=2024, value=10.2, user=world.reporter, source="统计公报")
    second = services.actual_value_record(indicator=ind, year=2024, value=10.6, user=world.office, note="更正")
    first.refresh_from_db()
    assert not first.is_current and first.superseded_by == second and second.is_current
    assert list(IndicatorActual.objects.filter(indicator=ind, is_current=True).values_list("value", flat=True)) == [10.6]
    actions = list(AuditEvent.objects.filter(object_type="monitoring.indicatoractual").values_list("action", flat=True))
    assert sorted(actions) == ["monitoring.actual.correct", "monitoring.actual.create"]
    correction = AuditEvent.objects.get(action="monitoring.actual.correct")
    assert correction.before["value"] == 10.2 and correction.after["value"] == 10.6
    assert correction.program_id == world.program.pk
    assert [a.value for a in selectors.value_history(ind)] == [10.6, 10.2]


def test_recording_the_same_value_again_changes_nothing(world):
    ind = world.indicators["high_value"]
    a = services.actual_value_record(indicator=ind, year=2024, value=10.6, user=world.office)
    b = services.actual_value_record(indicator=ind, year=2024, value=10.6, user=world.office)
    assert a.pk == b.pk and IndicatorActual.objects.count() == 1 and AuditEvent.objects.count() == 1


def test_reporter_writes_only_its_departments_indicators_and_leader_none(world):
    services.actual_value_record(indicator=world.indicators["high_value"], year=2023, value=9.9, user=world.reporter)
    with pytest.raises(PermissionDenied):
        services.actual_value_record(indicator=world.indicators["pledge"], year=2023, value=6, user=world.reporter)
    with pytest.raises(PermissionDenied):
        services.actual_value_record(indicator=world.indicators["high_value"], year=2023, value=9, user=world.leader)
    assert IndicatorActual.objects.count() == 1


@pytest.mark.parametrize(("year", "value", "field"), [
    (2030, 10.0, "year"), (2019, 10.0, "year"), ("2024", 10.0, "year"), (2024, "10", "value"),
    (2024, float("nan"), "value"), (2024, -3.0, "value"),
])
def test_bad_values_are_refused_naming_the_field(world, year, value, field):
    with pytest.raises(services.MonitoringInputError) as exc:
        services.actual_value_record(indicator=world.indicators["high_value"], year=year, value=value, user=world.office)
    assert exc.value.field == field
    assert IndicatorActual.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_share_above_100_percent_is_refused(world):
    with pytest.raises(services.MonitoringInputError, match="0 到 100"):
        services.actual_value_record(indicator=world.indicators["share"], year=2024, value=130, user=world.office)


def test_computed_value_carries_lineage(world):
    lineage = {"dataset": "cnipa-2024-06", "reference_versions": {"ipc": "2024.01"}, "parameters": {"x": 1}}
    actual = services.actual_value_record(indicator=world.indicators["high_value"], year=2024, value=10.7,
                                          user=None, lineage=lineage, channel=IndicatorActual.Channel.ENGINE)
    assert actual.computed and actual.lineage["dataset"] == "cnipa-2024-06" and "recorded_at" in actual.lineage
    assert AuditEvent.objects.get().actor_name == "system"


def test_attachment_is_checked_and_stored(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from tests.web.uploads.files import minimal_pdf  # content is checked: it must be a real PDF

    pdf = SimpleUploadedFile("公报.pdf", minimal_pdf(), content_type="application/pdf")
    actual = services.actual_value_record(indicator=world.indicators["high_value"], year=2024, value=10.6,
                                          user=world.office, attachment=pdf)
    assert actual.attachment.name.endswith(".pdf") and (tmp_path / actual.attachment.name).exists()
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(services.MonitoringInputError, match="不符"):
        services.actual_value_record(indicator=world.indicators["high_value"], year=2025, value=11,
                                     user=world.office, attachment=fake)
    exe = SimpleUploadedFile("x.exe", b"MZ")
    with pytest.raises(services.MonitoringInputError) as exc:
        services.actual_value_record(indicator=world.indicators["high_value"], year=2025, value=11,
                                     user=world.office, attachment=exe)
    assert exc.value.field == "attachment"
    assert IndicatorActual.objects.count() == 1


def test_thresholds_change_the_verdict_and_are_audited(world):
    ind = world.indicators["high_value"]
    services.actual_value_record(indicator=ind, year=2024, value=10.6, user=world.office)
    assert selectors.judge(ind, selectors.program_thresholds(world.program)).assessment.outlook == "needs_acceleration"
    services.thresholds_set(program=world.program, user=world.office, near=0.9, on_track=0.75, acceleration=0.5)
    thresholds = selectors.program_thresholds(world.program)
    assert thresholds.changed() == {"on_track": (0.95, 0.75), "acceleration": (0.6, 0.5)}
    assert selectors.judge(ind, thresholds).assessment.outlook == "on_track"
    assert AuditEvent.objects.filter(action="monitoring.thresholds.update").exists()
    with pytest.raises(services.MonitoringInputError):
        services.thresholds_set(program=world.program, user=world.office, near=0.9, on_track=0.5, acceleration=0.6)


def test_reference_value_judges_the_qualitative_target(world):
    ind = world.indicators["share"]
    services.reference_value_record(indicator=ind, year=2024, value=8.0, user=world.office)
    services.actual_value_record(indicator=ind, year=2024, value=7.5, user=world.reporter)
    verdict = selectors.judge(ind, selectors.program_thresholds(world.program))
    assert verdict.assessment.expected == 8.0 and verdict.assessment.year_status == "near"
    services.reference_value_record(indicator=ind, year=2024, value=7.4, user=world.office)
    assert selectors.judge(ind, selectors.program_thresholds(world.program)).assessment.year_status == "met"
    assert AuditEvent.objects.filter(action="monitoring.reference.record").count() == 2


def test_owner_set_is_audited(world):
    services.indicator_owner_set(indicator=world.indicators["pledge"], department=world.departments["msj"], user=world.office)
    event = AuditEvent.objects.get(action="monitoring.indicator.owner")
    assert event.before == {"owner_department_id": world.departments["kjj"].pk}
    assert event.after == {"owner_department_id": world.departments["msj"].pk}
