"""The command line of one ordinary intake, shared by the tests that drive `counter-app`."""

from __future__ import annotations


def intake_args(procedure: str = "1.001193") -> list[str]:
    return [
        "intake",
        "--procedure",
        procedure,
        "--name",
        "Đặng Văn Đức",
        "--id-number",
        "001090123456",
        "--phone",
        "0912345678",
    ]


INTAKE = intake_args()
