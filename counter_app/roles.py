"""Who may do what: the one role table of the office.

Every rule of the form "only a supervisor may ..." is a row here; the core checks it with
require() before it writes, and the desktop app asks allowed() only to hide what the core
would refuse anyway. A rule that is not in this table is not a rule.
"""

from __future__ import annotations

from enum import StrEnum

from counter_app.i18n import _

from .errors import PermissionDenied
from .lifecycle import Status
from .models import Role, User


class Action(StrEnum):
    # At the counter
    INTAKE = "intake"  # take in or refuse a dossier (Mẫu 01, 03)
    CHANGE_STATUS = "change_status"  # any next status of the life cycle, except stopping
    STOP_DOSSIER = "stop_dossier"  # "Dừng xử lý" ends a dossier for good
    RETURN_RESULT = "return_result"
    APOLOGY = "apology"  # Mẫu 04, a new appointment
    PRINT = "print"
    RATE = "rate"
    CHANGE_OWN_PASSWORD = "change_own_password"
    # Running the office
    MANAGE_USERS = "manage_users"  # add, disable, enable, unlock, reset a password
    IMPORT_PROCEDURES = "import_procedures"
    EDIT_CALENDAR = "edit_calendar"  # work sessions, days off, the province's calendar file
    CHANGE_SETTINGS = "change_settings"  # receipt paper, idle lock, printers
    MANAGE_SYNC = "manage_sync"  # provincial server, background sync, sync now, conflicts


_EVERYONE = frozenset({Role.CLERK, Role.SUPERVISOR})
_SUPERVISOR = frozenset({Role.SUPERVISOR})

ROLE_TABLE: dict[Action, frozenset[Role]] = {
    Action.INTAKE: _EVERYONE,
    Action.CHANGE_STATUS: _EVERYONE,
    Action.STOP_DOSSIER: _SUPERVISOR,
    Action.RETURN_RESULT: _EVERYONE,
    Action.APOLOGY: _EVERYONE,
    Action.PRINT: _EVERYONE,
    Action.RATE: _EVERYONE,
    Action.CHANGE_OWN_PASSWORD: _EVERYONE,
    Action.MANAGE_USERS: _SUPERVISOR,
    Action.IMPORT_PROCEDURES: _SUPERVISOR,
    Action.EDIT_CALENDAR: _SUPERVISOR,
    Action.CHANGE_SETTINGS: _SUPERVISOR,
    Action.MANAGE_SYNC: _SUPERVISOR,
}

# A status change is its own action when the status asks more than an ordinary change.
STATUS_ACTIONS: dict[Status, Action] = {Status.STOPPED: Action.STOP_DOSSIER}


def allowed(user: User | None, action: Action) -> bool:
    return user is not None and user.active and user.role in ROLE_TABLE[action]


def require(user: User, action: Action) -> None:
    if not allowed(user, action):
        raise PermissionDenied(_("Chỉ lãnh đạo/giám sát được làm việc này"))


def status_action(to: Status) -> Action:
    return STATUS_ACTIONS.get(to, Action.CHANGE_STATUS)


def may_set_status(user: User | None, to: Status) -> bool:
    return allowed(user, status_action(to))


def require_supervisor(actor: User) -> None:
    """Supervisors' business (the sync commands, the access log, the backup passphrase)."""
    require(actor, Action.MANAGE_SYNC)
