"""Fixtures of the import tests: users of each role, gold plans from ../shared, built with the ORM."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from ipcity.core.models import Department, Profile, Region, Role

GOLD_NAMES = [
    "000_3c8ebd50ad477ee4",
    "001_4400fa42a0319d09",
    "002_ff6ca61ff1d0173b",
    "003_ad1ce068d66b7838",
    "004_3e7befcbca53493b",
]


PASSWORD = "x-Test-pass-9"


def make_user(username: str, role: str, department: Department | None = None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    Profile.objects.create(user=user, role=role, department=department, display_name=username)
    return user


def sign_in_and_upload(page, live_server, username: str, document: Path) -> None:
    """In a browser: sign in as ``username`` (made by ``make_user``), upload ``document`` on the import
    page and wait for its review page."""
    page.goto(f"{live_server.url}/accounts/login/?next=/import/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/import/$"))
    page.set_input_files("input[name=document]", str(document))
    page.click("text=上传并读取")
    page.wait_for_url(re.compile(r"/import/\d+/$"))


@pytest.fixture
def office_user(db):
    return make_user("office", Role.OFFICE)


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


@pytest.fixture
def tongling(db) -> Region:
    province = Region.objects.create(code="340000", name="安徽省", level=Region.Level.PROVINCE)
    return Region.objects.create(code="340700", name="铜陵市", level=Region.Level.CITY, parent=province)


@pytest.fixture
def gold_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds" / "gold"


@pytest.fixture
def load_gold(gold_dir: Path):
    def load(name: str) -> dict:
        return copy.deepcopy(json.loads((gold_dir / f"{name}.json").read_text(encoding="utf-8")))

    return load


@pytest.fixture
def plan_schema(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "spec" / "plan-format.schema.json").read_text(encoding="utf-8"))
