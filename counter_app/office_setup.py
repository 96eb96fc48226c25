"""Setting up an office in one go: office, desk, first supervisor, catalogue and server.

The desktop wizard and `counter-app setup` both end here, so the checks each wizard page
makes are the ones the core makes, and the whole setup is one transaction: a refused token or
catalogue leaves no half-set-up office behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from counter_app.i18n import _

from . import office_heading
from .accounts import new_user_problems
from .errors import ValidationError
from .models import Office, Procedure, Role, User
from .resources import RESOURCES
from .text import nfc

if TYPE_CHECKING:
    from .counter import Counter

BUNDLED_CATALOGUE = RESOURCES / "procedures.json"


def catalogue_hint() -> str:
    return _(
        "Chưa có danh mục thủ tục. Nhập danh mục của tỉnh: "
        "'counter-app procedures import {path}' (kèm theo ứng dụng) hoặc tệp tỉnh gửi; "
        "hoặc trong ứng dụng: Quản trị → Thủ tục → Nhập danh mục từ tệp"
    ).format(path=BUNDLED_CATALOGUE)


@dataclass(frozen=True)
class SetupPlan:
    office: Office
    desk_name: str
    desk_number: int
    admin: str
    admin_full_name: str
    password: str
    procedures: tuple[Procedure, ...] = ()
    server_url: str = ""
    server_token: str = ""
    # Further users (user name, full name, role) with the same first password: the demo's clerk.
    extra_users: tuple[tuple[str, str, Role], ...] = field(default=())
    # The name heading the forms; empty: the commune's service center (office_heading).
    form_heading: str = ""
    # A demo or training office: its clock may be pinned (COUNTER_APP_NOW); a real one refuses.
    training: bool = False


def office_problems(office: Office, form_heading: str = "") -> dict[str, str]:
    errors = office_heading.problems(form_heading) if form_heading.strip() else {}
    if not nfc(office.name):
        errors["office_name"] = _("tên cơ quan không được để trống")
    if not office.agency_code or not is_agency_code(office.agency_code):
        errors["agency_code"] = _("mã cơ quan gồm chữ in hoa, chữ số và dấu chấm, tối đa 35 ký tự")
    return errors


def unit_problems(office: Office) -> dict[str, str]:
    """The commune unit's codes and phone, all optional but digits when given."""
    errors = {}
    for key, value, most in (
        ("province_code", office.province_code, 2),
        ("commune_code", office.commune_code, 5),
    ):
        if value and not (value.isdigit() and len(value) <= most):
            errors[key] = _("tối đa {most} chữ số").format(most=most)
    phone = office.phone.replace(" ", "").replace(".", "")
    if phone and not (phone.isdigit() and 8 <= len(phone) <= 12):
        errors["phone"] = _("cần 8–12 chữ số")
    return errors


def desk_problems(desk_name: str, desk_number: int) -> dict[str, str]:
    errors = {}
    if not nfc(desk_name):
        errors["desk_name"] = _("tên quầy không được để trống")
    if not 1 <= desk_number <= 9:
        errors["desk_number"] = _("số quầy phải từ 1 đến 9")
    return errors


def supervisor_problems(username: str, full_name: str, password: str, again: str) -> dict[str, str]:
    return new_user_problems(username, full_name, password, again)


def server_problems(url: str, token: str) -> dict[str, str]:
    """Both or neither: a desk without a server works offline and is enrolled later."""
    url, token = url.strip(), token.strip()
    if not url and not token:
        return {}
    errors = {}
    parts = urlsplit(url)
    if not url:
        errors["server"] = _("cần địa chỉ máy chủ")
    elif parts.scheme not in ("http", "https") or not parts.netloc:
        errors["server"] = _("địa chỉ dạng https://ten-may-chu")
    if not token:
        errors["token"] = _("cần mã truy cập của quầy")
    return errors


def plan_problems(plan: SetupPlan) -> dict[str, str]:
    return {
        **office_problems(plan.office, plan.form_heading),
        **unit_problems(plan.office),
        **desk_problems(plan.desk_name, plan.desk_number),
        **supervisor_problems(plan.admin, plan.admin_full_name, plan.password, plan.password),
        **server_problems(plan.server_url, plan.server_token),
    }


def set_up_office(counter: Counter, plan: SetupPlan) -> User:
    """Everything or nothing; returns the first supervisor."""
    if errors := plan_problems(plan):
        raise ValidationError(errors)
    with counter._store.write():  # one transaction: the core writes nest as savepoints
        admin = counter.setup(
            plan.office,
            plan.desk_name,
            plan.admin,
            plan.admin_full_name,
            plan.password,
            plan.desk_number,
            training=plan.training,
        )
        if plan.form_heading.strip():
            counter.set_form_heading(admin, plan.form_heading)
        if plan.procedures:
            counter.catalogue.load_procedures(list(plan.procedures))
        for username, full_name, role in plan.extra_users:
            counter.accounts.add(admin, username, full_name, role, plan.password)
        if plan.server_url.strip():
            counter.sync_book.set_server(plan.server_url.strip(), plan.server_token.strip())
    return admin


def is_agency_code(code: str) -> bool:
    return len(code) <= 35 and all(c.isdigit() or ("A" <= c <= "Z") or c == "." for c in code)
