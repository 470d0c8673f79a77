"""plan_import_confirm refuses by itself what the confirm page refuses: called directly, with no view
in front, a plan outside the office's region, a reader, or a revision of another region's
programme changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ipcity.audit.models import AuditEvent
from ipcity.core.models import Department, Region, Role
from ipcity.programs.importing.services import plan_import_confirm
from ipcity.programs.importing.validation import PlanInvalid
from ipcity.programs.models import PlanImport, Program
from ipcity.programs.services import program_create_from_plan

from .conftest import make_user

TONGLING = "000_3c8ebd50ad477ee4"


def _office_of(username: str, region: Region):
    office = make_user(username, Role.OFFICE)
    office.profile.region = region
    office.profile.save()
    return office


def _draft(plan: dict, user, target: Program | None = None) -> PlanImport:
    return PlanImport.objects.create(original_name="plan.docx", sha256="0" * 64, parsed=plan, edited=plan,
                                     created_by=user, target_program=target)


@pytest.fixture
def bengbu(db) -> Region:
    return Region.objects.create(code="340300", name="蚌埠市", level=Region.Level.CITY)


@pytest.mark.django_db
def test_a_plan_of_another_region_is_refused_and_nothing_is_written(load_gold, bengbu):
    office = _office_of("bengbu-office", bengbu)
    draft = _draft(load_gold(TONGLING), office)
    audit_before = AuditEvent.objects.count()
    with pytest.raises(PlanInvalid) as refused:
        plan_import_confirm(plan_import=draft, user=office)
    assert "铜陵市" in refused.value.problems[0]
    assert Program.objects.count() == 0 and Department.objects.count() == 0
    assert not Region.objects.filter(code="340700").exists()  # the region it created is undone too
    assert AuditEvent.objects.count() == audit_before
    draft.refresh_from_db()
    assert draft.status == PlanImport.Status.PENDING and draft.result_program_id is None


@pytest.mark.django_db
def test_the_office_of_the_plans_region_confirms_it(load_gold, tongling):
    office = _office_of("tongling-office", tongling)
    draft = _draft(load_gold(TONGLING), office)
    program = plan_import_confirm(plan_import=draft, user=office)
    assert program.region == tongling
    draft.refresh_from_db()
    assert (draft.status, draft.result_program) == (PlanImport.Status.CONFIRMED, program)
    assert AuditEvent.objects.filter(action="planimport.confirm", object_id=str(draft.pk)).exists()


@pytest.mark.django_db
def test_a_leader_cannot_confirm(load_gold, tongling):
    leader = make_user("leader", Role.LEADER)
    leader.profile.region = tongling
    leader.profile.save()
    draft = _draft(load_gold(TONGLING), leader)
    with pytest.raises(PermissionDenied):
        plan_import_confirm(plan_import=draft, user=leader)
    assert Program.objects.count() == 0
    draft.refresh_from_db()
    assert draft.status == PlanImport.Status.PENDING


@pytest.mark.django_db
def test_a_revision_of_another_regions_programme_is_refused(load_gold, tongling, bengbu):
    program = program_create_from_plan(plan=load_gold(TONGLING), user=_office_of("tongling-office", tongling))
    office = _office_of("bengbu-office", bengbu)
    revised = load_gold(TONGLING)
    revised["indicators"] = revised["indicators"][:-1]
    draft = _draft(revised, office, target=program)
    indicators = program.indicators.count()
    with pytest.raises(PermissionDenied):
        plan_import_confirm(plan_import=draft, user=office)
    assert program.indicators.count() == indicators
    draft.refresh_from_db()
    assert draft.status == PlanImport.Status.PENDING
