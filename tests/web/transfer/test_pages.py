"""The transfer pages through the test client: the matchmaking path by hand (upload → add →
curate → publish → public page → contract), contacts masked for leaders, refusals shown."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ipcity.transfer import services
from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed
from tests.web.transfer.transfer_fixtures import declaration_input, need_input

HEADER = "企业名称,需求描述,产品,行业代码,所在地区,预算（万元）,合作方式\n"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client, name: str, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("transfer:needs_import"),
                       {"file": SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")})


def test_upload_with_a_bad_row_lists_it_on_the_page_and_writes_nothing(transfer_world):
    office = client_for(transfer_world.office_a)
    response = _upload(office, "needs.csv", HEADER + "某公司,低轮廓电解铜箔表面粗化,铜箔,3985,340700,300,许可\n"
                                                      "某电缆公司,,线缆,3831,340700,,转让\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-problems"' in page and "第 3 行" in page
    assert not TechNeed.objects.exists()


@pytest.mark.parametrize(("name", "data", "said"), [
    ("needs.xlsx", b"PK\x03\x04 not really a workbook", "Excel"),  # a zip that is not an Office file
    ("needs.csv", b"\x7fELF\x02\x01\x01 an executable renamed", "控制字符"),
    ("needs.pdf", b"%PDF-1.7", "Excel"),  # a kind the import does not take
])
def test_an_upload_that_is_not_what_it_claims_is_refused_by_its_content(transfer_world, name, data, said):
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = client_for(transfer_world.office_a)
    for url in ("transfer:needs_import", "transfer:declarations_import"):
        response = office.post(reverse(url), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 400
        problems = response.content.decode().split('id="import-problems"', 1)
        assert len(problems) == 2 and said in problems[1][:600]
    assert not TechNeed.objects.exists() and not LicenceDeclaration.objects.exists()


def test_the_matchmaking_path(transfer_world):
    w = transfer_world
    office = client_for(w.office_a)
    response = _upload(office, "needs.csv", HEADER + "铜陵某铜箔科技有限公司,低轮廓电解铜箔的表面粗化处理工艺,铜箔,3985,,300,许可\n")
    assert response.status_code == 302
    need = TechNeed.objects.get()
    assert need.region_code == "340700"  # the office's region when the row names none
    services.declaration_create(user=w.office_a, data=declaration_input())
    office.post(reverse("transfer:need_add_match", args=[need.pk]), {"pub_number": "CN99000001A"})
    office.post(reverse("transfer:need_add_match", args=[need.pk]), {"pub_number": "CN99000010A", "title": "一种铜箔"})
    other = Match.objects.get(pub_number="CN99000010A")
    office.post(reverse("transfer:match_curate", args=[other.pk]), {"keep": "0"})
    office.post(reverse("transfer:need_publish", args=[need.pk]))
    page = office.get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert 'id="need-published"' in page and "CN99000001A" in page

    public = Client().get(reverse("transfer_public:index")).content.decode()
    assert "CN99000001A" in public and "CN99000010A" not in public  # the removed one is not published
    assert "低轮廓电解铜箔的表面粗化处理工艺" in public

    match = Match.objects.get(pub_number="CN99000001A")
    for stage in ("contacted", "negotiating"):
        office.post(reverse("transfer:match_stage", args=[match.pk]), {"stage": stage})
    response = office.post(reverse("transfer:match_stage", args=[match.pk]), {"stage": "contract"}, follow=True)
    assert "请选择合同类型" in response.content.decode()
    office.post(reverse("transfer:match_stage", args=[match.pk]), {
        "stage": "contract", "contract_kind": "licence", "filing_number": "2025340700000123",
        "contract_date": "2025-07-01", "amount_wan": "80"})
    match.refresh_from_db()
    assert (match.stage, match.filing_number, match.contract_date) == ("contract", "2025340700000123",
                                                                       dt.date(2025, 7, 1))
    page = office.get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert "备案未核验" in page  # no dataset licence records hold it


def test_contacts_are_shown_to_the_office_and_masked_for_leaders_and_never_public(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A")
    services.need_publish(user=w.office_a, need_id=need.pk)
    assert "13905621234" in client_for(w.office_a).get(reverse("transfer:need", args=[need.pk])).content.decode()
    leader_page = client_for(w.leader_a).get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert "13905621234" not in leader_page and "139****1234" in leader_page and "赵*" in leader_page
    public = Client().get(reverse("transfer_public:index")).content.decode()
    assert "1390562" not in public and "赵" not in public


def test_export_has_contacts_only_for_the_office(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A", title="一种铜箔")
    services.need_publish(user=w.office_a, need_id=need.pk)

    def rows(user):
        response = client_for(user).get(reverse("transfer:export"))
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        return [list(r) for r in sheet.iter_rows(values_only=True)]

    office_rows = rows(w.office_a)
    assert office_rows[0][-2:] == ["联系人", "联系电话"]
    assert office_rows[1][:5] == [need.description, "铜陵某铜箔科技有限公司", "CN99000010A", "一种铜箔", None]
    assert office_rows[1][-2:] == ["赵敏", "13905621234"]
    leader_rows = rows(w.leader_a)
    assert "联系电话" not in leader_rows[0] and len(leader_rows) == 2


def test_declaration_form_shows_fee_flags_as_warnings(transfer_world):
    office = client_for(transfer_world.office_a)
    response = office.post(reverse("transfer:declaration_create"), {
        "pub_number": "CN99000001A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
        "holder": "安徽某某大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "one_off",
        "fixed_fee_wan": "2500"}, follow=True)
    page = response.content.decode()
    assert 'id="fee-flags"' in page and "2,000" in page
    assert LicenceDeclaration.objects.get().fee_flags
    refused = office.post(reverse("transfer:declaration_create"), {
        "pub_number": "CN99000002U", "title": "一种铜排焊接夹具", "patent_kind": "utility", "holder": "某某工业大学",
        "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "free"})
    assert refused.status_code == 400 and "专利权评价报告" in refused.content.decode()
    assert LicenceDeclaration.objects.count() == 1


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_pages_render_in_both_languages(transfer_world, language):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    declaration = services.declaration_create(user=w.office_a, data=declaration_input())
    services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000001A")
    office = client_for(w.office_a)
    office.cookies["django_language"] = language
    for url in (reverse("transfer:needs"), reverse("transfer:need", args=[need.pk]),
                reverse("transfer:need_create"), reverse("transfer:declarations"),
                reverse("transfer:declaration", args=[declaration.pk]), reverse("transfer:declaration_create"),
                reverse("transfer:supply"), reverse("transfer:patent", args=["CN99000001A"]),
                reverse("transfer_public:index")):
        response = office.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()[:300]


def test_a_contracts_filing_number_is_verified_against_the_datasets_licence_records(transfer_world, settings, tmp_path):
    import pyarrow as pa

    from ipcity.analytics import datasets
    from ipcity.analytics.record_kinds import canonical_schema

    w = transfer_world
    settings.DATA_DIR = tmp_path
    schema = canonical_schema("licence")
    rows = [{name: None for name in schema.names} | {
        "record_id": "2025340700000123", "record_type": "licence", "right_kind": "patent", "rights": "CN99000010A",
        "date": dt.date(2025, 7, 3)}]
    datasets.write_kind("authored", "licence", pa.Table.from_pylist(rows, schema=schema), {"source": "authored"},
                        tmp_path)
    need = services.need_create(user=w.office_a, data=need_input())
    held = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000010A", dataset="authored")
    other = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000011A", dataset="authored")
    for match, filing in ((held, "2025340700000123"), (other, "2025340700000999")):
        for stage in ("contacted", "negotiating"):
            services.match_stage_step(user=w.office_a, match_id=match.pk, stage=stage)
        services.match_stage_step(user=w.office_a, match_id=match.pk, stage="contract", contract_kind="licence",
                                  filing_number=filing, contract_date=dt.date(2025, 7, 1))
    page = client_for(w.office_a).get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert page.count("备案已核验") == 1 and page.count("备案未核验") == 1
    held_row = page[page.index('data-match="CN99000010A"'):page.index('data-match="CN99000011A"')]
    assert "备案已核验" in held_row


def test_fees_read_as_numbers_are_written_not_as_floats(transfer_world):
    """Walk 24: the public list showed 一次性 50.0 万元 and 净销售额 3.0%; a fee reads 50 万元, 3%,
    and a fraction keeps its digits (12.5 万元)."""
    w = transfer_world
    services.declaration_create(user=w.office_a, data=declaration_input())  # one-off 50.0 万元
    services.declaration_create(user=w.office_a, data=declaration_input(
        pub_number="CN99000003A", title="一种磷酸铁锂的碳包覆方法", fee_type="royalty", fixed_fee_wan=None,
        entry_fee_wan=12.5, royalty_sales_pct=3.0))
    public = Client().get(reverse("transfer_public:index")).content.decode()
    office = client_for(w.office_a).get(reverse("transfer:declarations")).content.decode()
    for page in (public, office):
        assert "50 万元" in page and "12.5 万元" in page and "3%" in page
        assert "50.0" not in page and "3.0%" not in page
    need = services.need_create(user=w.office_a, data=need_input())  # budget 300.0 万元
    need_page = client_for(w.office_a).get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert "<dd>300</dd>" in need_page and "300.0" not in need_page


def test_a_patents_several_holders_are_listed_as_chinese_lists_them(transfer_world):
    # Field test: the need page and the public list showed a patent's holders as 叶桂|罗志, the
    # canonical records' separator, where the office and the public read 叶桂、罗志.
    w = transfer_world
    office = client_for(w.office_a)
    need = services.need_create(user=w.office_a, data=need_input())
    office.post(reverse("transfer:need_add_match", args=[need.pk]),
                {"pub_number": "CN99000010A", "title": "一种铜箔", "holder": "叶桂|罗志"})
    office.post(reverse("transfer:need_publish", args=[need.pk]))
    for page in (office.get(reverse("transfer:need", args=[need.pk])).content.decode(),
                 Client().get(reverse("transfer_public:index")).content.decode()):
        assert "叶桂、罗志" in page and "叶桂|罗志" not in page
