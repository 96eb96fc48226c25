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
from counter_app.models import Channel, Dossier, Event, Office

SERVICE = "DongBoHoSoMC"
CHANNEL_CODE = {Channel.IN_PERSON: "1", Channel.ONLINE: "2", Channel.POST: "3"}


def portal_date(value: str | None) -> str:
    """ISO-8601 -> yyyyMMddHHmmss in Vietnam time; empty when there is no such date."""
    if not value:
        return ""
    return clock.parse_iso(value).strftime("%Y%m%d%H%M%S")


def _id_kind(number: str) -> str:
    # "1" = 12-digit personal ID number, "2" = 9-digit old CMND.
    return "2" if len(number) == 9 else "1"


def to_portal(
    d: Dossier, events: list[Event], office: Office, applicant_type: str = "1"
) -> dict[str, Any]:
    a = d.applicant
    owner_id = d.owner_id_number or a.id_number
    supplements = [
        {"NguoiYeuCauBoSung": e.username, "NoiDungBoSung": e.note or "",
         "NgayBoSung": portal_date(e.at), "NgayHenTraTruoc": "", "NgayHenTraMoi": ""}
        for e in events if e.new_status == Status.SUPPLEMENT_REQUESTED.value
    ]  # fmt: skip
    return {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure_code,
        "TenTTHC": d.procedure_name,
        "MaLinhVuc": "",
        "TenLinhVuc": "",
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
        "NgayHenTra": portal_date(d.due_at),
        "TrangThaiHoSo": str(d.national_status),
        "NgayTra": portal_date(d.returned_at),
        "ThongTinTra": d.returned_to or "",
        "HinhThuc": "0",
        "NgayKetThucXuLy": portal_date(d.result_at),
        "DonViXuLy": d.resolving_unit,
        "GhiChu": d.notes or "",
        "TaiLieuNop": [
            {
                "TepDinhKemId": "",
                "TenTepDinhKem": doc.name,
                "IsDeleted": False,
                "MaThanhPhanHoSo": "",
                "DuongDanTaiTepTin": "",
            }
            for doc in d.documents
        ],
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
        "DanhSachGiayToKetQua": [],
        "KenhThucHien": CHANNEL_CODE[d.channel],
        "SoGiayToChuHoSo": owner_id,
        "NoiNopHoSo": office.agency_code,
        "NgayNopHoSo": portal_date(d.received_at),
        "NgayTuChoi": portal_date(d.received_at) if d.status is Status.REFUSED else "",
        "HoSoCoThanhPhanSoHoa": "0",
        "DuocThanhToanTrucTuyen": "0",
        "TaiKhoanDuocXacThucVoiVNeID": "0",
        "DinhDanhCHS": [{"LoaiDinhDanh": _id_kind(owner_id), "SoDinhDanh": owner_id}],
    }


def portal_request(session: str, records: list[dict[str, Any]], office: Office) -> dict[str, Any]:
    """The legacy adapter envelope: POST {session, madonvi, service, data}."""
    return {"session": session, "madonvi": office.agency_code, "service": SERVICE,
            "data": records}  # fmt: skip
