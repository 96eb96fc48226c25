"""The province's console over a real hub: accounts, sessions, CSRF, figures, desks, publishing."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import requests
from citizen_support import desk
from console_support import (
    ADMIN,
    PASSWORD,
    VIEWER,
    Console,
    add_users,
    calendar_file,
    mixed_set,
    period_of,
    province,
)
from openpyxl import load_workbook
from sync_support import OFFICE_A, HubServer, make_counter

from counter_app import clock
from sync.engine import sync_now

PAGES = [
    "/tinh",
    "/tinh/tre-han",
    "/tinh/quay",
    "/tinh/cong-bo",
    "/tinh/so-lieu.xlsx",
    "/tinh/quay/1/ap-phich",
]
FORMS = ["/tinh/dang-xuat", "/tinh/quay/ghi-danh", "/tinh/quay/thu-hoi", "/tinh/cong-bo"]


@pytest.fixture
def hub(hub_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    add_users(server, monkeypatch)
    yield server
    server.stop()


def test_login_sets_a_secure_session_and_wrong_passwords_lock_the_account(
    hub: HubServer,
) -> None:
    admin = Console(hub, ADMIN)
    assert admin.login.status_code == 303 and admin.login.headers["location"] == "/tinh"
    cookie = admin.login.headers["set-cookie"]
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/tinh"):
        assert flag.lower() in cookie.lower()
    assert "Cán bộ so-noi-vu" in admin.get("/tinh").text
    for _ in range(5):
        wrong = Console(hub, VIEWER, "sai-mat-khau")
        assert wrong.login.status_code == 401 and not wrong.cookie
        assert "Sai tên đăng nhập hoặc mật khẩu" in wrong.login.text
    locked = Console(hub, VIEWER)
    assert locked.login.status_code == 401 and "bị khóa" in locked.login.text
    unknown = Console(hub, "khong-co-ai")
    assert unknown.login.status_code == 401 and "Sai tên đăng nhập" in unknown.login.text
    stored = hub.reader()
    try:
        user = stored.console_user(ADMIN)
        assert user is not None and user.password_hash.startswith("$argon2id$")
    finally:
        stored.close()


def test_user_add_refuses_a_short_password_or_a_taken_name(
    hub: HubServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert province(hub, "user", "add", "moi", stdin="ngan\n", monkeypatch=monkeypatch) == 1
    assert "8" in capsys.readouterr().err
    assert province(hub, "user", "add", ADMIN, stdin=PASSWORD + "\n", monkeypatch=monkeypatch) == 1
    assert "already exists" in capsys.readouterr().err


def test_every_console_page_refuses_without_a_session_or_with_a_wrong_csrf(
    hub: HubServer,
) -> None:
    for path in PAGES:
        answer = requests.get(hub.url + path, allow_redirects=False, timeout=10)
        assert answer.status_code == 303 and answer.headers["location"] == "/tinh/dang-nhap"
        forged = requests.get(
            hub.url + path,
            allow_redirects=False,
            timeout=10,
            headers={"Cookie": "mc_console=forged"},
        )
        assert forged.status_code == 303
    admin = Console(hub, ADMIN)
    for path in FORMS:
        data = {"agency_code": OFFICE_A, "desk": "9", "desk_id": "1", "kind": "calendar"}
        nobody = requests.post(
            hub.url + path, data={"csrf": admin.csrf, **data}, allow_redirects=False, timeout=10
        )
        assert nobody.status_code == 403, path
        assert admin.post(path, data, csrf="wrong").status_code == 403, path
        assert admin.post(path, data, csrf="").status_code == 403, path
    stored = hub.reader()
    try:
        assert stored.desk_health() == [] and stored.publication("calendar") is None
    finally:
        stored.close()
    assert admin.get("/tinh").status_code == 200  # the session survived the refusals


def test_figures_match_stats_json_and_download_as_xlsx(
    hub: HubServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c, clerk = desk(tmp_path, hub)
    mixed_set(c, clerk, monkeypatch)
    first, last = period_of(clock.now())
    capsys.readouterr()
    assert province(hub, "stats", "--json", "--from", first, "--to", last) == 0
    stats = json.loads(capsys.readouterr().out)["on_time"]
    office = stats["offices"][OFFICE_A]
    assert (office["received"], office["settled"], office["late"]) == (3, 2, 1)
    assert office["on_time_or_early"] == 1 and office["on_time_rate"] == 50.0
    assert office["rated"] == 0 and [d["code"] for d in stats["late"]]
    viewer = Console(hub, VIEWER)
    page = viewer.get("/tinh", **{"from": first, "to": last})
    assert page.status_code == 200 and f'data-office="{OFFICE_A}"' in page.text
    xlsx = viewer.get("/tinh/so-lieu.xlsx", **{"from": first, "to": last})
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Đúng hạn"]
    rows = [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == [OFFICE_A, 3, 2, 1, 1, 50.0, office["satisfaction_index"]]
    late = viewer.get("/tinh/tre-han", **{"from": first, "to": last}).text
    assert stats["late"][0]["code"] in late and "trả kết quả sau hạn" in late


def test_administrators_enrol_revoke_and_publish_viewers_only_read(
    hub: HubServer, tmp_path: Path
) -> None:
    viewer, admin = Console(hub, VIEWER), Console(hub, ADMIN)
    assert (
        viewer.post("/tinh/quay/ghi-danh", {"agency_code": OFFICE_A, "desk": "3"}).status_code
        == 403
    )
    enrolled = admin.post("/tinh/quay/ghi-danh", {"agency_code": OFFICE_A, "desk": "3"})
    assert enrolled.status_code == 200 and 'id="token"' in enrolled.text
    token = enrolled.text.split('id="token">')[1].split("<")[0]
    c, _ = make_counter(tmp_path / "desk-3", OFFICE_A, 3)
    c.sync_book.set_server(hub.url, token)
    assert sync_now(c).ok
    files = {"file": ("lich.json", calendar_file(tmp_path))}
    refused = viewer.post("/tinh/cong-bo", {"kind": "calendar"}, files=files)
    assert refused.status_code == 403
    done = admin.post("/tinh/cong-bo", {"kind": "calendar"}, files=files)
    assert done.status_code == 200 and "Đã công bố lịch 5" in done.text
    bad = admin.post(
        "/tinh/cong-bo", {"kind": "procedures"}, files={"file": ("x.json", b"not json")}
    )
    assert bad.status_code == 200 and 'class="msg"' in bad.text
    assert sync_now(c).ok and c.calendar_book.published_version() == 5
    assert not c.calendar_book.current().is_working_day(date(2027, 1, 4))
    desks = admin.get("/tinh/quay").text
    assert "Đang hoạt động" in desks
    desk_id = desks.split('name="desk_id" value="')[1].split('"')[0]
    assert admin.post("/tinh/quay/thu-hoi", {"desk_id": desk_id}).status_code == 200
    assert "Đã thu hồi" in admin.get("/tinh/quay").text
    assert not sync_now(c).ok
    out = admin.post("/tinh/dang-xuat", {})
    assert out.status_code == 303 and admin.get("/tinh").status_code == 303
