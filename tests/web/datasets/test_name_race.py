"""Two offices of different regions ask for the same new dataset name at the same moment: one gets
it, the other is refused (PostgreSQL: both passed the check and both claimed the name; SQLite runs
the two transactions one after the other). Run on PostgreSQL with tests/pgcluster.py."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from ipcity.core.models import Region, Role
from ipcity.datasets import services
from ipcity.datasets.models import DatasetImport
from tests.web.datasets import test_upload as base

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def users(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "uploads"
    city_a = Region.objects.get_or_create(code="340700", defaults={"name": "铜陵市", "level": Region.Level.CITY})[0]
    city_b = Region.objects.get_or_create(code="341700", defaults={"name": "池州市", "level": Region.Level.CITY})[0]
    return {"office_a": base._user("r_office_a", Role.OFFICE, region=city_a),
            "office_b": base._user("r_office_b", Role.OFFICE, region=city_b)}


def test_two_regions_asking_for_one_new_name_at_once_one_gets_it(users, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs write transactions one at a time; the race is PostgreSQL's")
    checking = threading.Event()
    real = services.import_refusal

    def slow_refusal(user, name):
        answer = real(user, name)
        if not checking.is_set():  # the first request: the second one starts while this one decides
            checking.set()
            time.sleep(1.0)
        return answer

    monkeypatch.setattr(services, "import_refusal", slow_refusal)
    outcomes: dict[str, str] = {}

    def ask(who: str) -> None:
        try:
            services.dataset_import_request(user=users[who], dataset="fresh", kind="patent",
                                            upload=SimpleUploadedFile("a.csv", base.patent_csv()))
            outcomes[who] = "queued"
        except PermissionDenied:
            outcomes[who] = "refused"
        finally:
            connections.close_all()

    first = threading.Thread(target=ask, args=("office_a",))
    first.start()
    assert checking.wait(10)
    second = threading.Thread(target=ask, args=("office_b",))
    second.start()
    first.join(30)
    second.join(30)
    assert outcomes == {"office_a": "queued", "office_b": "refused"}
    assert list(DatasetImport.objects.values_list("region__code", "creates_dataset")) == [("340700", True)]
