"""The province's console: its staff's pages over the hub (login, figures, late list, desks,
publishing), server-rendered, no JavaScript.

Every page needs a session (a random token in a Secure, HttpOnly, SameSite=Strict cookie,
stored hashed); without one a page sends the browser to the login page and a form is refused.
Every form carries the session's CSRF token and is refused (403) without it. Viewers read;
administrators also enrol and revoke desks and publish the catalogue and the calendar.
"""

from __future__ import annotations

import io
import secrets
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import segno
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from counter_app import clock
from counter_app.calendar import calendar_data, parse_calendar_file
from counter_app.errors import CounterError
from counter_app.resources import load_procedures_file

from ..console_accounts import LoginRefused, Session, log_in, log_out, session_of
from ..figures import SORTS, Figures, office_figures
from ..service import Hub, token_hash
from . import TEMPLATES
from .poster import poster_link

BASE = "/tinh"
LOGIN = f"{BASE}/dang-nhap"
COOKIE = "mc_console"
UPLOAD_MAX = 2 * 1024 * 1024
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'",
}
COLUMNS = (
    ("office", "Cơ quan"),
    ("received", "Tiếp nhận"),
    ("settled", "Đã giải quyết"),
    ("on_time_or_early", "Đúng và trước hạn"),
    ("late", "Trễ hạn"),
    ("on_time_rate", "Tỷ lệ đúng hạn (%)"),
    ("satisfaction_index", "Chỉ số hài lòng (%)"),
)

Handler = Callable[[Request, Session], Awaitable[Response]]


class Refused(Exception):
    pass


def period(request: Request) -> tuple[date, date]:
    today = clock.now().date()
    try:
        first = date.fromisoformat(
            request.query_params.get("from") or today.replace(day=1).isoformat()
        )
        last = date.fromisoformat(request.query_params.get("to") or today.isoformat())
    except ValueError:
        first, last = today.replace(day=1), today
    return (first, last) if first <= last else (last, first)


def console_routes(hub: Hub) -> list[Route]:
    storage = hub.storage

    def render(
        request: Request, name: str, session: Session | None, status: int = 200, **context: Any
    ) -> Response:
        context.update(session=session, base=BASE)
        return TEMPLATES.TemplateResponse(request, name, context, status, HEADERS)

    async def current(request: Request) -> Session | None:
        return await run_in_threadpool(session_of, storage, request.cookies.get(COOKIE, ""))

    def page(handler: Handler, admin: bool = False) -> Callable[[Request], Awaitable[Response]]:
        async def guarded(request: Request) -> Response:
            session = await current(request)
            if request.method == "POST":
                form = await request.form(max_files=1, max_fields=20, max_part_size=UPLOAD_MAX)
                sent = str(form.get("csrf") or "")
                if session is None or not secrets.compare_digest(sent, session.csrf):
                    return Response(
                        "Yêu cầu bị từ chối (phiên hoặc mã chống giả mạo không đúng).", 403, HEADERS
                    )
                request.state.form = form
            elif session is None:
                return RedirectResponse(LOGIN, 303, headers=HEADERS)
            assert session is not None
            if admin and session.user.role != "administrator":
                return Response("Chỉ quản trị viên làm được việc này.", 403, HEADERS)
            try:
                return await handler(request, session)
            finally:
                if request.method == "POST":
                    await request.state.form.close()  # an upload's spooled file

        return guarded

    async def login_form(request: Request) -> Response:
        return render(request, "login.html", None)

    async def login(request: Request) -> Response:
        async with request.form(max_files=0, max_fields=5, max_part_size=1024) as form:
            username, password = str(form.get("username") or ""), str(form.get("password") or "")
        try:
            session = await run_in_threadpool(log_in, storage, username, password)
        except LoginRefused as exc:
            return render(request, "login.html", None, 401, message=str(exc), username=username)
        response = RedirectResponse(BASE, 303, headers=HEADERS)
        response.set_cookie(
            COOKIE, session.token, httponly=True, secure=True, samesite="strict", path=BASE
        )
        return response

    async def logout(request: Request, session: Session) -> Response:
        await run_in_threadpool(log_out, storage, session.token)
        response = RedirectResponse(LOGIN, 303, headers=HEADERS)
        response.delete_cookie(COOKIE, path=BASE, secure=True, httponly=True, samesite="strict")
        return response

    async def figures_page(request: Request, session: Session) -> Response:
        first, last = period(request)
        figures = await run_in_threadpool(office_figures, storage, first, last)
        sort = request.query_params.get("sort", "office")
        descending = request.query_params.get("desc") == "1"
        return render(
            request,
            "figures.html",
            session,
            figures=figures,
            columns=COLUMNS,
            rows=figures.sorted_by(sort, descending),
            sort=sort if sort in SORTS else "office",
            desc=descending,
        )

    async def figures_xlsx(request: Request, session: Session) -> Response:
        first, last = period(request)
        figures = await run_in_threadpool(office_figures, storage, first, last)
        body = await run_in_threadpool(workbook, figures)
        name = f"so-lieu-dung-han-{first}-{last}.xlsx"
        return Response(
            body,
            headers={**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

    async def late_page(request: Request, session: Session) -> Response:
        first, last = period(request)
        figures = await run_in_threadpool(office_figures, storage, first, last)
        return render(request, "late.html", session, figures=figures)

    async def desks_page(request: Request, session: Session, **context: Any) -> Response:
        desks = await run_in_threadpool(storage.desk_health)
        return render(request, "desks.html", session, desks=desks, **context)

    async def enrol(request: Request, session: Session) -> Response:
        form: FormData = request.state.form
        agency, desk = (
            str(form.get("agency_code") or "").strip(),
            str(form.get("desk") or "").strip(),
        )
        try:
            token = await run_in_threadpool(hub.enroll, agency, desk)
        except CounterError as exc:
            return await desks_page(request, session, message=str(exc))
        return await desks_page(request, session, token=token, enrolled=f"{desk} / {agency}")

    async def revoke(request: Request, session: Session) -> Response:
        form: FormData = request.state.form
        try:
            desk_id = int(str(form.get("desk_id") or ""))
        except ValueError:
            return await desks_page(request, session, message="Không rõ quầy cần thu hồi.")

        def run() -> bool:
            with storage.transaction():
                unusable = token_hash(secrets.token_urlsafe(32))
                return storage.revoke_desk(desk_id, unusable, clock.iso(clock.now()))

        done = await run_in_threadpool(run)
        return await desks_page(
            request,
            session,
            message="Đã thu hồi quyền đồng bộ của quầy."
            if done
            else "Quầy này đã bị thu hồi từ trước.",
        )

    async def poster(request: Request, session: Session) -> Response:
        desk_id = request.path_params["desk_id"]
        desk = next(
            (
                d
                for d in await run_in_threadpool(storage.desk_health)
                if d.id == desk_id and not d.revoked_at
            ),
            None,
        )
        if desk is None:
            return Response("Không có quầy này.", 404, HEADERS)
        link = poster_link(str(request.base_url), desk.agency_code, desk.desk)
        svg = segno.make(link, error="m").svg_inline(border=2, omitsize=True)
        return render(request, "poster.html", session, desk=desk, link=link, svg=svg)

    async def publish_page(request: Request, session: Session, **context: Any) -> Response:
        latest = {
            kind: await run_in_threadpool(storage.publication, kind)
            for kind in ("calendar", "procedures")
        }
        versions = {k: (v[0] if v else None) for k, v in latest.items()}
        return render(request, "publish.html", session, versions=versions, **context)

    async def publish(request: Request, session: Session) -> Response:
        form: FormData = request.state.form
        kind = str(form.get("kind") or "")
        upload = form.get("file")
        if kind not in ("calendar", "procedures") or not isinstance(upload, UploadFile):
            return await publish_page(request, session, message="Chọn loại và tệp cần công bố.")
        data = await upload.read(UPLOAD_MAX + 1)
        if len(data) > UPLOAD_MAX:
            return await publish_page(request, session, message="Tệp quá lớn (tối đa 2 MB).")
        try:
            done = await run_in_threadpool(publish_file, hub, kind, data)
        except CounterError as exc:
            return await publish_page(request, session, message=str(exc))
        return await publish_page(request, session, published=done)

    return [
        Route(LOGIN, login_form, methods=["GET"]),
        Route(LOGIN, login, methods=["POST"]),
        Route(f"{BASE}/dang-xuat", page(logout), methods=["POST"]),
        Route(BASE, page(figures_page), methods=["GET"]),
        Route(f"{BASE}/so-lieu.xlsx", page(figures_xlsx), methods=["GET"]),
        Route(f"{BASE}/tre-han", page(late_page), methods=["GET"]),
        Route(f"{BASE}/quay", page(desks_page), methods=["GET"]),
        Route(f"{BASE}/quay/ghi-danh", page(enrol, admin=True), methods=["POST"]),
        Route(f"{BASE}/quay/thu-hoi", page(revoke, admin=True), methods=["POST"]),
        Route(f"{BASE}/quay/{{desk_id:int}}/ap-phich", page(poster), methods=["GET"]),
        Route(f"{BASE}/cong-bo", page(publish_page), methods=["GET"]),
        Route(f"{BASE}/cong-bo", page(publish, admin=True), methods=["POST"]),
    ]


def publish_file(hub: Hub, kind: str, data: bytes) -> str:
    """What `province-hub publish-calendar` / `publish-procedures` do, from an uploaded file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.json"
        path.write_bytes(data)
        if kind == "calendar":
            version, days = parse_calendar_file(path)
            number = hub.publish("calendar", calendar_data(version, days))
            return f"Đã công bố lịch {version} ({len(days)} ngày), lần #{number}."
        procedures = load_procedures_file(path)
        number = hub.publish("procedures", [p.to_dict() for p in procedures])
        return f"Đã công bố {len(procedures)} thủ tục, lần #{number}."


def workbook(figures: Figures) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Đúng hạn"
    sheet.append([f"Số liệu từ {figures.date_from:%d/%m/%Y} đến {figures.date_to:%d/%m/%Y}"])
    sheet.append([words for _, words in COLUMNS])
    for o in [*figures.offices, figures.total]:
        row = o.to_dict()
        sheet.append(
            [
                row[key] if key != "office" or o.office != "total" else "Tổng cộng"
                for key, _ in COLUMNS
            ]
        )
    late = book.create_sheet("Trễ hạn")
    late.append(["Cơ quan", "Mã hồ sơ", "Thủ tục", "Hẹn trả", "Kết thúc", "Lý do"])
    for d in figures.late:
        late.append([d.office, d.code, d.procedure, d.due_at, d.ended_at, d.reason])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
