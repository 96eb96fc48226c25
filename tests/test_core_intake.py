"""Intake, roles, login lockout, search and Unicode normalisation through the Counter API."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta

import pytest
from conftest import PASSWORD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app import clock
from counter_app.counter import Counter
from counter_app.errors import AuthError, PermissionDenied, ValidationError
from counter_app.intake import IntakeRequest
from counter_app.models import DocumentReceived, Procedure, Role, TimeUnit, User
from counter_app.text import fold

NAME = "Đặng Văn Đức"


def req(**changes: object) -> IntakeRequest:
    base: dict[str, object] = dict(
        procedure_code="1.001193", full_name=NAME, id_number="001090123456", phone="0912345678"
    )
    base.update(changes)
    return IntakeRequest(**base)  # type: ignore[arg-type]


def counts(c: Counter) -> tuple[int, ...]:
    return tuple(
        c._store.conn.execute(
            "SELECT (SELECT count(*) FROM dossiers), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM outbox), (SELECT count(*) FROM sequences), "
            "(SELECT count(*) FROM dossier_search)"
        ).fetchone()
    )


def test_an_intake_writes_dossier_event_outbox_and_index_together(
    counter: Counter, clerk: User
) -> None:
    d = counter.dossiers.intake(
        clerk,
        req(
            email="duc@example.vn",
            birth_date="1990-01-01",
            gender="Nam",
            address="Thôn 3, xã Tân Phú",
            notes="ghi chú",
        ),
    )
    assert counts(counter) == (1, 1, 1, 1, 1)
    assert d.status.value == "received" and d.national_status == 2 and d.due_at
    assert d.received_by == "lan" and d.sync_state.value == "waiting"
    assert d.applicant.birth_date == "1990-01-01" and d.documents  # the full checklist by default
    [event] = counter.dossiers.events(d.code)
    assert (event.kind, event.new_status, event.username) == ("intake", "received", "lan")
    outbox = counter._store.conn.execute("SELECT entity, entity_uuid FROM outbox").fetchone()
    assert outbox == ("dossier", d.uuid)
    assert counter.dossiers.get(d.code) == d


def test_an_invalid_intake_names_every_bad_field_and_writes_nothing(
    counter: Counter, clerk: User
) -> None:
    before = counter._store.conn.total_changes, counts(counter)
    future = clock.now() + timedelta(hours=2)
    with pytest.raises(ValidationError) as exc:
        counter.dossiers.intake(
            clerk,
            req(
                procedure_code="9.999999",
                full_name="  ",
                id_number="12345",
                phone="12",
                email="not-an-email",
                birth_date="31/02/1990",
                sets=0,
                received_at=future,
                owner_id_number="abc",
                address="x" * 301,
            ),
        )
    assert set(exc.value.errors) == {
        "procedure",
        "full_name",
        "id_number",
        "phone",
        "email",
        "birth_date",
        "sets",
        "received_at",
        "owner_id_number",
        "address",
    }
    assert (counter._store.conn.total_changes, counts(counter)) == before


def test_id_number_must_agree_with_birth_date_and_gender(counter: Counter, clerk: User) -> None:
    with pytest.raises(ValidationError) as exc:
        counter.dossiers.intake(clerk, req(birth_date="1985-05-05", gender="Nữ"))
    assert "id_number" in exc.value.errors
    assert counter.dossiers.intake(
        clerk, req(id_number="001190123456", birth_date="1990-05-05", gender="Nữ")
    )


def test_refused_intake_is_recorded_without_a_due_date(counter: Counter, clerk: User) -> None:
    d = counter.dossiers.refuse_intake(clerk, req(), "Không thuộc thẩm quyền")
    assert d.status.value == "refused" and d.due_at is None and d.national_status == 3
    with pytest.raises(ValidationError):
        counter.dossiers.refuse_intake(clerk, req(), "   ")


def test_all_text_is_stored_composed(counter: Counter, clerk: User) -> None:
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    d = counter.dossiers.intake(
        clerk,
        req(
            full_name=nfd(NAME),
            address=nfd("Thôn Đông, xã Hòa Bình"),
            owner_name=nfd("Đặng Thị Ánh"),
            gender=nfd("Nam"),
            notes=nfd("Đủ giấy tờ"),
        ),
    )
    stored = counter._store.conn.execute(
        "SELECT applicant_name, address, owner_name, notes FROM dossiers"
    ).fetchone()
    assert stored == (NAME, "Thôn Đông, xã Hòa Bình", "Đặng Thị Ánh", "Đủ giấy tờ")
    assert all(unicodedata.is_normalized("NFC", v) for v in stored)
    changed = counter.dossiers.change_status(
        clerk, d.code, counter.dossiers.get(d.code).status.PROCESSING, nfd("Chuyển phòng Tư pháp")
    )
    assert counter.dossiers.events(changed.code)[-1].note == "Chuyển phòng Tư pháp"


def test_a_decomposed_user_name_and_password_still_log_in(
    counter: Counter, supervisor: User
) -> None:
    counter.accounts.add(supervisor, "hương", "Lê Thị Hương", Role.CLERK, "mật-khẩu-dài")
    user = counter.accounts.login(
        unicodedata.normalize("NFD", "hương"), unicodedata.normalize("NFD", "mật-khẩu-dài")
    )
    assert user.username == "hương"


def test_clerks_cannot_manage_users_or_the_catalogue(counter: Counter, clerk: User) -> None:
    proc = Procedure(code="9.000001", name="Thử", time_value=1, time_unit=TimeUnit.WORKING_DAYS)
    before = counter._store.conn.total_changes
    with pytest.raises(PermissionDenied):
        counter.accounts.add(clerk, "minh", "Minh", Role.CLERK, PASSWORD)
    with pytest.raises(PermissionDenied):
        counter.catalogue.import_procedures(clerk, [proc])
    with pytest.raises(PermissionDenied):
        counter.accounts.disable(clerk, "admin")
    assert counter._store.conn.total_changes == before
    assert [u.username for u in counter.accounts.users()] == ["admin", "lan"]


def test_supervisors_manage_users_and_the_catalogue(counter: Counter, supervisor: User) -> None:
    counter.accounts.add(supervisor, "minh", "Phan Minh", Role.SUPERVISOR, PASSWORD)
    counter.accounts.disable(supervisor, "lan")
    with pytest.raises(AuthError, match="vô hiệu hóa"):
        counter.accounts.login("lan", PASSWORD)
    proc = Procedure(
        code="9.000001",
        name=unicodedata.normalize("NFD", "Chứng thực"),
        time_value=1,
        time_unit=TimeUnit.WORKING_DAYS,
    )
    assert counter.catalogue.import_procedures(supervisor, [proc]) == 1
    assert counter.catalogue.procedure("9.000001").name == "Chứng thực"


def test_a_bad_catalogue_names_each_bad_entry_and_loads_nothing(
    counter: Counter, supervisor: User
) -> None:
    good = Procedure(code="9.000001", name="Tốt", time_value=1, time_unit=TimeUnit.WORKING_DAYS)
    bad = Procedure(code="9.000002", name="", time_value=-1, time_unit=TimeUnit.WORKING_DAYS)
    with pytest.raises(ValidationError) as exc:
        counter.catalogue.import_procedures(supervisor, [good, bad, good])
    assert set(exc.value.errors) == {"procedures[2]", "procedures[3]"}
    assert all(p.code != "9.000001" for p in counter.catalogue.procedures())


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = datetime(2026, 3, 10, 9, 0, tzinfo=clock.VN_TZ)
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(start))
    for _ in range(4):
        with pytest.raises(AuthError, match="Sai tên đăng nhập hoặc mật khẩu"):
            counter.accounts.login("lan", "sai-mat-khau")
    assert counter.accounts.login("lan", PASSWORD).username == "lan"  # success resets the count
    for _ in range(3):
        with pytest.raises(AuthError, match="Sai tên đăng nhập hoặc mật khẩu"):
            counter.accounts.login("lan", "sai-mat-khau")
    with pytest.raises(AuthError, match="Còn 1 lần thử"):  # warned before the last try
        counter.accounts.login("lan", "sai-mat-khau")
    with pytest.raises(AuthError, match="khóa đến 09:15"):  # the fifth locks at once
        counter.accounts.login("lan", "sai-mat-khau")
    with pytest.raises(AuthError, match="khóa đến 09:15"):
        counter.accounts.login("lan", PASSWORD)
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(start + timedelta(minutes=14, seconds=59)))
    with pytest.raises(AuthError, match="khóa đến"):
        counter.accounts.login("lan", PASSWORD)
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(start + timedelta(minutes=15)))
    assert counter.accounts.login("lan", PASSWORD).username == "lan"
    assert counter.accounts.login("admin", PASSWORD).username == "admin"  # others were never locked


def test_unknown_users_get_the_same_answer_as_wrong_passwords(counter: Counter) -> None:
    with pytest.raises(AuthError, match="Sai tên đăng nhập hoặc mật khẩu"):
        counter.accounts.login("nobody", PASSWORD)


def test_passwords_are_stored_as_memory_hard_hashes(counter: Counter) -> None:
    stored = counter._store.conn.execute("SELECT password_hash FROM users").fetchall()
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for (h,) in stored)


# --- search ------------------------------------------------------------------------------


@pytest.fixture
def filled(counter: Counter, clerk: User) -> dict[str, str]:
    people = [
        ("Đặng Văn Đức", "001090123456", "0912345678"),
        ("Nguyễn Thị Hoa", "079190654321", "0987654321"),
        ("Trần Đức Anh", "123456789", "02838123456"),
    ]
    return {
        name: counter.dossiers.intake(clerk, req(full_name=name, id_number=idn, phone=phone)).code
        for name, idn, phone in people
    }


@pytest.mark.parametrize(
    "query",
    [
        "dang van duc",
        "Đặng Văn Đức",
        "DANG VAN DUC",
        "ĐẶNG",  # the procedure, Đăng ký khai sinh, is not searched
        unicodedata.normalize("NFD", "Đặng Văn Đức"),
        "dan va du",
    ],
)
def test_search_folds_case_diacritics_and_d_with_stroke(
    counter: Counter, filled: dict[str, str], query: str
) -> None:
    assert [d.code for d in counter.dossiers.search(query)] == [filled["Đặng Văn Đức"]]


def test_search_by_id_number_phone_prefix_and_code(
    counter: Counter, filled: dict[str, str]
) -> None:
    hoa = filled["Nguyễn Thị Hoa"]
    assert [d.code for d in counter.dossiers.search("0791")] == [hoa]
    assert [d.code for d in counter.dossiers.search("098765")] == [hoa]
    assert [d.code for d in counter.dossiers.search("123456789")] == [filled["Trần Đức Anh"]]
    assert [d.code for d in counter.dossiers.search(hoa)] == [hoa]
    assert [d.code for d in counter.dossiers.search(hoa.lower())] == [hoa]
    assert {d.code for d in counter.dossiers.search("duc")} == {
        filled["Đặng Văn Đức"],
        filled["Trần Đức Anh"],
    }


def test_search_limits_newest_first_and_zero_means_all(counter: Counter, clerk: User) -> None:
    made = [counter.dossiers.intake(clerk, req()).code for _ in range(5)]
    assert [d.code for d in counter.dossiers.search("duc", limit=2)] == made[:-3:-1]
    assert (
        len(counter.dossiers.search("duc", limit=0))
        == len(counter.dossiers.search("duc", limit=None))
        == 5
    )
    assert counter.dossiers.search("   ") == [] and counter.dossiers.search('*"(') == []


vietnamese = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
    "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ",
    min_size=2,
    max_size=8,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(vietnamese, min_size=2, max_size=3))
def test_any_vietnamese_name_is_found_by_its_folded_words(
    counter: Counter, clerk: User, words: list[str]
) -> None:
    name = " ".join(w.capitalize() for w in words)
    code = counter.dossiers.intake(clerk, req(full_name=name)).code
    assert code in {d.code for d in counter.dossiers.search(fold(name), limit=0)}
    assert code in {d.code for d in counter.dossiers.search(name.upper(), limit=0)}


def test_known_applicant_fills_the_form_from_the_latest_dossier(
    counter: Counter, clerk: User
) -> None:
    counter.dossiers.intake(clerk, req(address="Cũ"))
    counter.dossiers.intake(clerk, req(address="Mới"))
    known = counter.dossiers.known_applicant("001090123456")
    assert known is not None and known.address == "Mới"
    assert counter.dossiers.known_applicant("000000000") is None


def test_documents_received_are_kept_with_their_counts(counter: Counter, clerk: User) -> None:
    docs = (DocumentReceived("Tờ khai", 1, 0, 0), DocumentReceived("Giấy chứng sinh", 0, 1, 2))
    d = counter.dossiers.intake(clerk, req(documents=docs, sets=2))
    assert counter.dossiers.get(d.code).documents == docs and counter.dossiers.get(d.code).sets == 2
    with pytest.raises(ValidationError) as exc:
        counter.dossiers.intake(clerk, req(documents=(DocumentReceived("Tờ khai", -1, 0, 0),)))
    assert "documents" in exc.value.errors


def test_the_dossier_snapshot_is_what_asdict_would_give(counter: Counter, clerk: User) -> None:
    """Dossier.to_dict is built by hand for speed; it must stay the asdict shape."""
    from dataclasses import asdict

    d = counter.dossiers.intake(clerk, req(documents=(DocumentReceived("Tờ khai", 1, 0, 2),)))
    d.extra["nested"] = {"list": [1, {"x": 2}]}
    expected = asdict(d) | {
        "status": "received",
        "national_status": 2,
        "channel": "in_person",
        "sync_state": "waiting",
        "holder": d.holder,
    }
    snapshot = d.to_dict()
    assert snapshot == expected
    snapshot["extra"]["nested"]["list"].append(3)
    assert d.extra["nested"]["list"] == [1, {"x": 2}]  # a copy, not a view
