"""The world the permission matrix is walked in: two cities, each with its programme and users.

City A (340700 铜陵市) has departments D1 and D2 and programme PA; D1 owns indicator I1 (with a
value and its attachment), D2 owns I2. City B (340800 池州市... any other city) has its own
department and programme PB. Every URL of the matrix is built with ids of city A's objects that
belong to D1, so that reporter_a2 (of D2) is the "other department" and office_b/leader_b the
"other city".
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from ipcity.audit.services import audit_record
from ipcity.core.models import ApiToken, Department, Profile, Region, Role
from ipcity.monitoring.models import ActualImport, IndicatorActual
from ipcity.programs.models import Indicator, IndicatorTarget, PlanImport, Program, Task, TaskAssignment
from ipcity.programs.plan_export import program_to_plan
from ipcity.publication import services as publication_services
from ipcity.reports.models import ReportTemplate, ReportVersion
from ipcity.supervision.models import Attachment, DepartmentReport
from ipcity.supervision.services import rounds

PASSWORD = "Matrix-Walk-7391"


@dataclass
class World:
    users: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)  # URL keyword → id (see ``url_kwargs``)
    import_ids: dict = field(default_factory=dict)  # which import a pattern's ``import_id`` means
    objects: dict = field(default_factory=dict)


def _user(username: str, role: str | None, *, department=None, region=None, email: str = ""):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, email=email,
                                                is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN)
    if role is not None:
        Profile.objects.create(user=user, role=role, department=department, region=region, display_name=username)
    return user


def _program(region: Region, departments: list[Department], title: str) -> tuple[Program, list[Indicator]]:
    program = Program.objects.create(title=title, region=region, region_name=region.name,
                                     start_year=2023, end_year=2026)
    indicators = []
    for order, dept in enumerate(departments):
        ind = Indicator.objects.create(program=program, order=order, name=f"指标{order + 1}·发明专利拥有量",
                                       unit="件", baseline_year=2022, baseline_value=5.0, owner_department=dept)
        IndicatorTarget.objects.create(indicator=ind, year=2026, value=10.0)
        indicators.append(ind)
        task = Task.objects.create(program=program, order=order, ref=f"三/（一）/{order + 1}",
                                   title=f"重点任务{order + 1}")
        TaskAssignment.objects.create(task=task, department=dept, order=0, is_lead=True, name_as_written=dept.name)
    return program, indicators


def build_world() -> World:
    w = World()
    city_a = Region.objects.get_or_create(code="340700", defaults={"name": "铜陵市", "level": Region.Level.CITY})[0]
    city_b = Region.objects.get_or_create(code="341700", defaults={"name": "池州市", "level": Region.Level.CITY})[0]
    d1 = Department.objects.create(region=city_a, name="市市场监管局", head_email="head-d1@example.cn")
    d2 = Department.objects.create(region=city_a, name="市科技局")
    db = Department.objects.create(region=city_b, name="池州市市场监管局")

    w.users = {
        "admin": _user("m_admin", Role.ADMIN),
        "office_a": _user("m_office_a", Role.OFFICE, region=city_a),
        "leader_a": _user("m_leader_a", Role.LEADER, region=city_a),
        # reporter_a is D1's head (its e-mail is D1's head_email): it may approve D1's reports.
        "reporter_a": _user("m_reporter_a", Role.REPORTER, department=d1, email="head-d1@example.cn"),
        "reporter_a2": _user("m_reporter_a2", Role.REPORTER, department=d2),
        "office_b": _user("m_office_b", Role.OFFICE, region=city_b),
        "leader_b": _user("m_leader_b", Role.LEADER, region=city_b),
    }
    pa, (i1, i2) = _program(city_a, [d1, d2], "铜陵市知识产权强市建设方案")
    task1 = Task.objects.get(program=pa, assignments__department=d1)
    pb, _ = _program(city_b, [db], "池州市知识产权强市建设方案")

    actual = IndicatorActual(indicator=i1, year=2024, value=6.0, entered_by=w.users["reporter_a"])
    actual.attachment.save("evidence.csv", ContentFile(b"year,value\n2024,6\n"), save=False)
    actual.save()

    rnd = rounds.round_create(program=pa, user=w.users["office_a"], title="2024年度工作推进情况",
                                            due=dt.date(2024, 12, 16), opens_on=dt.date(2024, 11, 1))
    rounds.round_create(program=pb, user=w.users["office_b"], title="2024年度工作推进情况",
                                      due=dt.date(2024, 12, 16), opens_on=dt.date(2024, 11, 1))
    report = DepartmentReport.objects.get(round=rnd, department=d1)
    attachment = Attachment(report=report, original_name="佐证.pdf", kind=Attachment.Kind.PDF, size=9,
                            sha256="0" * 64, uploaded_by=w.users["reporter_a"])
    attachment.file.save("evidence.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()

    program_import = ActualImport.objects.create(program=pa, original_name="values.xlsx",
                                                 created_by=w.users["reporter_a"])
    department_import = ActualImport.objects.create(department=d1, original_name="values.xlsx",
                                                    created_by=w.users["reporter_a"])
    plan = program_to_plan(pa)  # a revision of PA as the importer would hold it
    plan_import = PlanImport.objects.create(original_name="revision.docx", sha256="1" * 64, parsed=plan,
                                            edited=plan, target_program=pa, created_by=w.users["office_a"])
    token, _secret = ApiToken.new(user=w.users["reporter_a"], name="matrix")
    token.save()
    # On the public pages (政务公开): PA with I1 and a white paper; I2 stays unpublished.
    publication_services.program_publication_set(program=pa, user=w.users["office_a"], published=True, summary="概况")
    publication_services.indicator_publication_set(indicator=i1, user=w.users["office_a"], published=True)
    whitepaper = ReportVersion(program=pa, kind="whitepaper", year=2024, fmt="pdf", status="done",
                               published_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), created_by=w.users["office_a"])
    whitepaper.file.save("whitepaper.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    whitepaper.save()
    # PA's own Word template for its annual report (the office may stop using it).
    word_template = ReportTemplate(kind="annual", program=pa, original_name="本市模板.docx", uploaded_by=w.users["office_a"])
    word_template.file.save("annual.docx", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    word_template.save()
    # The history page needs a recorded change of I1 to know which programme it belongs to.
    audit_record(actor=w.users["office_a"], action="programs.indicator.update", obj=i1, program_id=pa.pk)

    # A navigation project of PA linked to task1 (D1's task): D1's reporter reads it, D2's does not see it.
    from ipcity.analytics.navigation.definition import Definition
    from ipcity.navigation.models import Analysis, DefinitionVersion, NavigationProject

    nav = NavigationProject.objects.create(program=pa, task=task1, title="开展铜基新材料产业专利导航", dataset="matrix",
                                           region=city_a, created_by=w.users["office_a"])
    nav_body = {"name": "铜基新材料", "root": {"key": "cu", "name": "铜基新材料", "ipc": ["C22C9*"]}}
    nav_version = DefinitionVersion.objects.create(project=nav, number=1, body=nav_body,
                                                   content_hash=Definition.from_dict(nav_body).version)
    Analysis.objects.create(project=nav, version=nav_version, dataset_version="matrix.1", status="done",
                            finished_at=dt.datetime(2025, 3, 2, tzinfo=dt.UTC),
                            result=navigation_result(nav_version.body, city_a.code))

    # A rights-protection case of city A assigned to D1, reporter_a its handler: the office and D1
    # see it; only the office and the handler see its contact details; D2, city B and leaders do not.
    from ipcity.protection import services as protection_services

    case = protection_services.case_register(
        user=w.users["office_a"], case_type="mediation", channel="hotline_12330", ip_kind="patent",
        region_code=city_a.code, subject="专利侵权纠纷", summary="", received_on=dt.date(2025, 3, 3),
        parties=[protection_services.PartyInput(role="claimant", kind="individual", name="张三", phone="13812341234")])
    protection_services.case_review(user=w.users["office_a"], case_id=case.pk, accept=True, on=dt.date(2025, 3, 4))
    protection_services.case_assign(user=w.users["office_a"], case_id=case.pk, department_id=d1.pk,
                                    handler_id=w.users["reporter_a"].pk)

    # Technology transfer matching: a need of city A with a match, and a declaration of city A.
    # The office and leaders of A see them; reporters, city B and the public see none of it.
    from ipcity.transfer import services as transfer_services

    need = transfer_services.need_create(user=w.users["office_a"], data=transfer_services.NeedInput(
        enterprise="铜陵某铜箔科技有限公司", description="低轮廓电解铜箔的表面粗化处理工艺", region_code=city_a.code,
        contact_person="赵敏", phone="13905621234"))
    transfer_match = transfer_services.match_add_manual(user=w.users["office_a"], need_id=need.pk,
                                                        pub_number="CN99000001A", title="一种电解铜箔表面粗化处理方法")
    declaration = transfer_services.declaration_create(user=w.users["office_a"], data=transfer_services.DeclarationInput(
        pub_number="CN99000001A", title="一种电解铜箔表面粗化处理方法", patent_kind="invention", holder="安徽某某大学",
        region_code=city_a.code, declared_on=dt.date(2025, 6, 1), fee_type="free"))

    w.ids = {
        "need_id": need.pk, "match_id": transfer_match.pk, "declaration_id": declaration.pk,
        "pub_number": "CN99000001A",
        "project_id": nav.pk, "number": 1, "table": "position",
        "program_id": pa.pk, "indicator_id": i1.pk, "actual_id": actual.pk, "department_id": d1.pk,
        "round_id": rnd.pk, "task_id": task1.pk, "report_id": report.pk, "attachment_id": attachment.pk,
        "user_id": w.users["reporter_a"].pk, "token_id": token.pk,
        "object_type": "programs.indicator", "object_id": i1.pk, "fmt": "csv", "kind": "indicators", "index": 0,
        "version_id": whitepaper.pk, "ext": "pdf", "case_id": case.pk, "template_id": word_template.pk,
        "type_id": case.case_type_id,
    }
    w.import_ids = {"monitoring:import": program_import.pk, "monitoring:department_import": department_import.pk,
                    "programs:importing:": plan_import.pk}
    # A case ledger (台账) dry run by office_a: only its uploader may open or confirm it.
    from ipcity.protection.models import LedgerImport

    ledger_draft = LedgerImport.objects.create(created_by=w.users["office_a"], filename="台账.xlsx", sha256="0" * 64)
    w.import_ids["protection:ledger_import_review"] = ledger_draft.pk
    # A dataset import by office_a (city A): A's office and the site admin open it, office_b does not see it.
    from ipcity.datasets.models import DatasetImport

    dataset_import = DatasetImport(dataset="matrix", kind="patent", original_name="专利.csv", size=10,
                                   region=city_a, created_by=w.users["office_a"], creates_dataset=True,
                                   status=DatasetImport.Status.FAILED, error="not a CSV, XLSX or XLS file")
    dataset_import.file.save("patents.csv", ContentFile(b"a,b\n1,2\n"), save=False)
    dataset_import.save()
    w.import_ids["datasets:import"] = dataset_import.pk
    # A district of city A: its office and leader see the district's departments, not the city's.
    district = Region.objects.get_or_create(code="340705", defaults={"name": "铜官区", "level": Region.Level.DISTRICT,
                                                                     "parent": city_a})[0]
    dd = Department.objects.create(region=district, name="铜官区市场监管局")
    w.users["office_district"] = _user("m_office_district", Role.OFFICE, region=district)
    w.objects = {"pa": pa, "pb": pb, "i1": i1, "i2": i2, "d1": d1, "d2": d2, "db": db, "dd": dd,
                 "report": report, "actual": actual, "attachment": attachment}
    return w


def navigation_result(body: dict, city: str) -> dict:
    """The navigation project's analysis as this version of ``compute.run`` gives it (so that it is
    current, ``compute.is_current``: its pages show the city beside its province and the country),
    computed once per process over a few authored patents (the worlds of a run share it)."""
    return copy.deepcopy(_navigation_result(json.dumps(body, ensure_ascii=False, sort_keys=True), city))


@functools.cache
def _navigation_result(body: str, city: str) -> dict:
    import tempfile

    import pyarrow as pa

    from ipcity.analytics import datasets
    from ipcity.analytics.schema import CANONICAL_SCHEMA
    from ipcity.navigation import compute
    from tests.analytics_compute.builders import record

    # 铜陵 (a district of the city), 合肥 (the same province), 北京 and 长沙: copper alloys (C22C9)
    # and one patent outside the industry; one local applicant files abroad too, one with a
    # university, so that each table has rows, the two counting bases differ and the network has a link.
    local, hf, bj, cs = "340705", "340104", "110108", "430105"
    rows = [record(app_date=f"{year}-03-01", ipc=ipc, region_code=region, applicants=applicants, **extra)
            for year, ipc, region, applicants, extra in (
                (2014, "C22C9/00", local, "铜陵有色金属集团股份有限公司", {}),
                (2016, "C22C9/02", local, "铜陵有色金属集团股份有限公司|安徽大学", {}),
                (2018, "C22C9/04", local, "铜陵某铜箔科技有限公司", {"kind": "utility"}),
                (2019, "C22C9/00", local, "铜陵某铜箔科技有限公司", {"office": "US", "pub_number": "US1000001B2"}),
                (2020, "C22C9/06", local, "铜陵有色金属集团股份有限公司", {"status": "pending", "grant_date": None}),
                (2021, "A45D1/00", local, "铜陵某铜箔科技有限公司", {}),
                (2015, "C22C9/00", hf, "安徽大学", {}),
                (2017, "C22C9/02", hf, "合肥某合金材料有限公司", {"status": "invalid"}),
                (2013, "C22C9/00", bj, "北京某铜业有限公司", {}),
                (2018, "C22C9/06", bj, "北京某铜业有限公司", {}),
                (2016, "C22C9/04", cs, "中南大学", {}),
                (2022, "C22C9/00", cs, "中南大学", {"status": "pending", "grant_date": None}),
            )]
    with tempfile.TemporaryDirectory() as root:
        table = pa.Table.from_pylist(rows, schema=CANONICAL_SCHEMA)
        datasets.write_dataset("matrix", table, {"source": {"file": "matrix.csv"}, "format": "canonical"}, root)
        return compute.run(dataset="matrix", body=json.loads(body), region=city, data_dir=root)


def url_kwargs(world: World, key: str, names: list[str]) -> dict[str, object]:
    """The values of a pattern's URL keywords; a keyword the world does not know fails loudly."""
    values = {}
    for name in names:
        if name == "import_id":
            match = [v for prefix, v in world.import_ids.items() if key == prefix or key.startswith(prefix)
                     and prefix.endswith(":")]
            if not match:
                raise KeyError(f"{key}: add which import 'import_id' means to world.import_ids")
            values[name] = match[0]
        elif name in world.ids:
            values[name] = world.ids[name]
        else:
            raise KeyError(f"{key}: URL keyword '{name}' unknown; add an object of city A/D1 for it to world.ids")
    return values


def fetch(client, method: str, path: str, **kwargs):
    """One request in a transaction that is rolled back; returns (status, body, response)."""
    from django.db import transaction

    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = getattr(client, method.lower())(path, **kwargs)
        # Reading a stream to its end closes it; response.close() would fire request_finished
        # again and close the test's database connection on PostgreSQL.
        body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code, body, response
