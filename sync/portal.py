"""The adapter to the national portal's dossier record (DongBoHoSoMC).

A province whose system is another vendor's maps our dossier through here; the field names,
the status codes 1–10 and the `yyyyMMddHHmmss` dates (Asia/Ho_Chi_Minh) follow the portal's
integration documents as summarised in the domain notes. Values that differ between provinces
(LoaiDoiTuong, the fee type) are parameters.
"""

from __future__ import annotations

from typing import Any

from counter_app import clock
from counter_app.lifecycle import Status
from counter_app.models import Channel, Dossier, Event, Office, Procedure

SERVICE = "DongBoHoSoMC"
CHANNEL_CODE = {Channel.IN_PERSON: "1", Channel.ONLINE: "2", Channel.POST: "3"}
# The three levels the counter records; 1 best (a province on a five-level scale maps here).
RATING_CODE = {"rat_hai_long": "1", "hai_long": "2", "khong_hai_long": "3"}
RATING_NAME = {
    "rat_hai_long": "Rất hài lòng",
    "hai_long": "Hài lòng",
    "khong_hai_long": "Không hài lòng",
}


def portal_date(value: str | None) -> str:
    """ISO-8601 -> yyyyMMddHHmmss in Vietnam time; empty when there is no such date."""
    if not value:
        return ""
    return clock.parse_iso(value).strftime("%Y%m%d%H%M%S")


def _id_kind(number: str) -> str:
    # "1" = 12-digit personal ID number, "2" = 9-digit old CMND.
    return "2" if len(number) == 9 else "1"


def to_portal(
    d: Dossier,
    events: list[Event],
    office: Office,
    applicant_type: str = "1",
    procedure: Procedure | None = None,
) -> dict[str, Any]:
    """The record of one dossier. NgayHenTra is the original due date, the one the on-time
    statistics judge; an apology's extension goes in its own fields (NgayHenTraGiaHan, and
    DanhSachGiaHan with each letter). Field names not in the legacy record (the extension, the
    stop notice, the receiving office, the rating) are ours until Circular 04/2025's data annex
    is found: they live here only."""
    a = d.applicant
    owner_id = d.owner_id_number or a.id_number
    files = _attached(events)
    scans = [f for f in files if f.get("kind") == "intake"]
    results = [f for f in files if f.get("kind") == "result"]
    supplements = [
        {
            "NguoiYeuCauBoSung": e.username,
            "NoiDungBoSung": e.note or "",
            "NgayBoSung": portal_date(e.at),
            "NgayHenTraTruoc": "",
            "NgayHenTraMoi": "",
        }
        for e in events
        if e.new_status == Status.SUPPLEMENT_REQUESTED.value
    ]
    return {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure_code,
        "TenTTHC": d.procedure_name,
        "MaLinhVuc": procedure.field_code if procedure else "",
        "TenLinhVuc": procedure.field if procedure else "",
        "SoBienNhan": d.code,
        "ChuHoSo": d.owner_name or a.full_name,
        "LoaiDoiTuong": applicant_type,
        "MaDoiTuong": "",
        "ThongTinKhac": "",
        "Email": a.email or "",
        "Fax": "",
        "SoDienThoai": a.phone,
        "TrichYeuHoSo": d.procedure_name,
        "NgayTiepNhan": portal_date(d.received_at),
        "NgayHenTra": portal_date(d.due_at or d.extra.get("due_at_when_ended")),
        "NgayHenTraGiaHan": portal_date(d.extended_due_at),
        "DanhSachGiaHan": _extensions(events),
        "TrangThaiHoSo": str(d.national_status),
        "NgayTra": portal_date(d.returned_at),
        "ThongTinTra": d.returned_to or "",
        "HinhThuc": "0",
        "NgayKetThucXuLy": portal_date(d.result_at),
        "DonViXuLy": d.resolving_unit,
        "DonViTiepNhan": d.receiving_unit,
        "DonViTraKetQua": d.handout_office,
        "GhiChu": d.notes or "",
        "TaiLieuNop": _submitted(d, scans),
        "DanhSachLePhi": (
            [
                {
                    "TenPhiLePhi": "Lệ phí",
                    "MaPhiLePhi": "",
                    "HinhThucThu": "1",
                    "Gia": d.fee,
                    "LoaiPhiLePhi": "1",
                }
            ]
            if d.fee
            else []
        ),
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": supplements,
        "DanhSachGiayToKetQua": [_file(f, d.procedure_name) for f in results],
        "KenhThucHien": CHANNEL_CODE[d.channel],
        "SoGiayToChuHoSo": owner_id,
        "NoiNopHoSo": office.agency_code,
        "NgayNopHoSo": portal_date(d.received_at),
        "NgayTuChoi": portal_date(d.received_at) if d.status is Status.REFUSED else "",
        "HoSoCoThanhPhanSoHoa": "1" if scans else "0",
        "DuocThanhToanTrucTuyen": "0",
        "TaiKhoanDuocXacThucVoiVNeID": "0",
        "DinhDanhCHS": [{"LoaiDinhDanh": _id_kind(owner_id), "SoDinhDanh": owner_id}],
        "ThongBaoDungGiaiQuyet": _stop_notice(d, events),
        "DanhGiaHaiLong": _rating(d),
    }


def _attached(events: list[Event]) -> list[dict[str, Any]]:
    return [dict(e.data) for e in events if e.kind == "attach" and e.data.get("sha256")]


def _file(f: dict[str, Any], paper: str) -> dict[str, Any]:
    # The portal fetches files by URL from the provincial system: the hub's path of the file,
    # which the provincial adapter puts behind its own address.
    return {
        "TepDinhKemId": str(f.get("uuid", "")),
        "TenTepDinhKem": str(f.get("name") or paper),
        "IsDeleted": False,
        "MaThanhPhanHoSo": str(f.get("item") or ""),
        "DuongDanTaiTepTin": f"/v1/files/{f['sha256']}",
    }


def _submitted(d: Dossier, scans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each paper received: its scanned files, or one line without a file when not scanned."""
    listed: list[dict[str, Any]] = []
    for number, doc in enumerate(d.documents, start=1):
        mine = [_file(f, doc.name) for f in scans if f.get("item") == number]
        listed += mine or [
            {
                "TepDinhKemId": "",
                "TenTepDinhKem": doc.name,
                "IsDeleted": False,
                "MaThanhPhanHoSo": str(number),
                "DuongDanTaiTepTin": "",
            }
        ]
    return listed


def _extensions(events: list[Event]) -> list[dict[str, Any]]:
    """Each apology letter (Mẫu 04): its reason, the date before it and the new one."""
    return [
        {
            "LyDo": e.note or "",
            "NgayXinLoi": portal_date(e.at),
            "NgayHenTraTruoc": portal_date(e.data.get("old_due_at")),
            "NgayHenTraMoi": portal_date(e.data.get("new_due_at")),
        }
        for e in events
        if e.kind == "apology"
    ]


def _stop_notice(d: Dossier, events: list[Event]) -> dict[str, Any] | None:
    """The notice of stopping (Mẫu 05) of a withdrawn or stopped dossier: when and why."""
    if d.status not in (Status.WITHDRAWN, Status.STOPPED):
        return None
    stop = next((e for e in reversed(events) if e.new_status == d.status.value), None)
    reason = (stop.data.get("reason") or stop.note or "") if stop else ""
    return {
        "TrangThai": str(d.national_status),
        "LyDo": reason,
        "NgayDung": portal_date(stop.at if stop else d.extra.get("stopped_at")),
    }


def _rating(d: Dossier) -> dict[str, Any] | None:
    if not d.satisfaction:
        return None
    return {
        "MucDo": RATING_CODE.get(d.satisfaction, ""),
        "TenMucDo": RATING_NAME.get(d.satisfaction, d.satisfaction),
    }


def portal_request(session: str, records: list[dict[str, Any]], office: Office) -> dict[str, Any]:
    """The legacy adapter envelope: POST {session, madonvi, service, data}."""
    return {"session": session, "madonvi": office.agency_code, "service": SERVICE, "data": records}
