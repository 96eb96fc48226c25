"""A dossier accepted with the scans staged on its items: one transaction, all or nothing; items
only shown (xuất trình) need no scan and do not keep a dossier from counting as digitised."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
from attachment_files import make_pdf, make_png

from counter_app.attachments import StagedFile, check_file, shown_only
from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.intake import IntakeRequest
from counter_app.models import DocumentReceived, User
from counter_app.resources import load_procedures_file

BIRTH = "1.001193"  # 3 items, the third only shown: "Giấy tờ tùy thân ... (xuất trình)"


def request(counter: Counter) -> IntakeRequest:
    proc = counter.catalogue.procedure(BIRTH)
    return IntakeRequest(
        procedure_code=BIRTH,
        full_name="Đặng Văn Đức",
        id_number="001090123456",
        phone="0912345678",
        documents=tuple(DocumentReceived(d.name, 1, 0, 0) for d in proc.documents),
    )


def table_counts(counter: Counter) -> tuple[int, ...]:
    conn = counter._store.conn
    return tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("dossiers", "attachments", "events", "outbox")
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_accepted_with_its_scans_on_the_right_items(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    form = make_pdf(tmp_path / "to-khai.pdf", pages=2)
    birth = make_png(tmp_path / "giay-chung-sinh.png", "red")
    back = make_png(tmp_path / "mat-sau.png", "blue")
    staged = [StagedFile(1, form), StagedFile(2, birth), StagedFile(2, back, "mặt sau.png")]
    dossier = counter.attachments.accept_intake(
        clerk, request(counter), staged, counter.dossiers.intake
    )
    rows = counter.attachments.of(dossier.code)
    assert [(r.item, r.name, r.kind, r.sha256) for r in rows] == [
        (1, "to-khai.pdf", "intake", sha(form)),
        (2, "giay-chung-sinh.png", "intake", sha(birth)),
        (2, "mặt sau.png", "intake", sha(back)),
    ]
    assert rows[0].pages == 2
    assert counter.attachments.path(rows[1].sha256).read_bytes() == birth.read_bytes()
    kinds = [e.kind for e in counter.dossiers.events(dossier.code)]
    assert kinds == ["intake", "attach", "attach", "attach"]


def test_a_bad_file_refuses_the_whole_intake_and_changes_nothing(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    good = make_pdf(tmp_path / "to-khai.pdf")
    bad = tmp_path / "scan.pdf"
    bad.write_text("không phải PDF, chỉ là chữ\n", encoding="utf-8")
    before = table_counts(counter)
    with pytest.raises(ValidationError) as refused:
        counter.attachments.accept_intake(
            clerk,
            request(counter),
            [StagedFile(1, good), StagedFile(2, bad)],
            counter.dossiers.intake,
        )
    assert "scan.pdf" in refused.value.errors["file"]
    assert "không phải PDF, JPEG, PNG hay TIFF" in refused.value.errors["file"]
    assert table_counts(counter) == before


def test_a_file_gone_before_accepting_refuses_with_its_name(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    gone = tmp_path / "da-xoa.pdf"
    before = table_counts(counter)
    with pytest.raises(ValidationError) as refused:
        counter.attachments.accept_intake(
            clerk, request(counter), [StagedFile(1, gone)], counter.dossiers.intake
        )
    assert "da-xoa.pdf: không đọc được tệp" in refused.value.errors["file"]
    assert table_counts(counter) == before


def test_a_failure_inside_the_transaction_leaves_no_dossier_and_no_row(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    def intake_then_fail(actor: User, req: IntakeRequest) -> object:
        counter.dossiers.intake(actor, req)
        raise RuntimeError("cut")

    before = table_counts(counter)
    with pytest.raises(RuntimeError):
        counter.attachments.accept_intake(
            clerk,
            request(counter),
            [StagedFile(1, make_pdf(tmp_path / "a.pdf"))],
            intake_then_fail,  # type: ignore[arg-type]
        )
    assert table_counts(counter) == before


def test_an_item_out_of_range_is_refused(counter: Counter, clerk: User, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        counter.attachments.accept_intake(
            clerk,
            request(counter),
            [StagedFile(4, make_pdf(tmp_path / "a.pdf"))],
            counter.dossiers.intake,
        )
    assert "thành phần số 4" in refused.value.errors["documents"]


def test_shown_only_items_need_no_scan_for_the_digitisation_count(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    names = [d.name for d in counter.catalogue.procedure(BIRTH).documents]
    assert [shown_only(n) for n in names] == [False, False, True]
    assert shown_only("BẢN CHÍNH CĂN CƯỚC (XUẤT TRÌNH)")
    pdf, png = make_pdf(tmp_path / "1.pdf"), make_png(tmp_path / "2.png")
    scanned = [StagedFile(1, pdf), StagedFile(2, png)]
    counter.attachments.accept_intake(clerk, request(counter), scanned, counter.dossiers.intake)
    # Accepted with item 2 unscanned: allowed (the paper is there), counted as not digitised.
    counter.attachments.accept_intake(
        clerk, request(counter), [StagedFile(1, pdf)], counter.dossiers.intake
    )
    rates = counter.attachments.digitisation("2000-01-01", "2100-01-01")
    assert (rates["received"], rates["digitised_at_intake"]) == (2, 1)


def test_check_file_says_what_a_file_is_without_storing_it(
    counter: Counter, tmp_path: Path
) -> None:
    facts = check_file(make_pdf(tmp_path / "a.pdf", pages=3), counter.attachments.max_bytes())
    assert (facts.media_type, facts.pages) == ("application/pdf", 3)
    assert not counter.attachments.files.has(facts.sha256)
    with pytest.raises(ValidationError) as refused:
        check_file(tmp_path / "a.pdf", 100)
    assert "quá giới hạn" in refused.value.errors["file"]


def catalogue_file(tmp_path: Path, shown: object) -> Path:
    """A catalogue whose second line says shown_only in so many words, under a neutral name."""
    proc = {
        "code": "9.000001",
        "name": "Thủ tục thử",
        "time_unit": "working_days",
        "time_value": 3,
        "documents": [
            {"name": "Tờ khai", "originals": 1},
            {"name": "Bản chính giấy phép lái xe", "originals": 1, "shown_only": shown},
            {"name": "Căn cước (xuất trình)", "originals": 1},  # says nothing: the name rule
        ],
    }
    path = tmp_path / "procedures.json"
    path.write_text(json.dumps({"procedures": [proc]}, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_line_the_catalogue_marks_shown_only_needs_no_scan_for_the_figures(
    counter: Counter, clerk: User, tmp_path: Path
) -> None:
    counter.catalogue.load_procedures(load_procedures_file(catalogue_file(tmp_path, True)))
    proc = counter.catalogue.procedure("9.000001")  # as stored and read back
    assert [d.shown_only for d in proc.documents] == [False, True, True]
    docs = tuple(DocumentReceived(d.name, 1, 0, 0) for d in proc.documents)
    req = replace(request(counter), procedure_code="9.000001", documents=docs)
    form = make_pdf(tmp_path / "to-khai.pdf")
    counter.attachments.accept_intake(clerk, req, [StagedFile(1, form)], counter.dossiers.intake)
    rates = counter.attachments.digitisation("2000-01-01", "2100-01-01")
    assert (rates["received"], rates["digitised_at_intake"]) == (1, 1)

    # The same line said not shown: its missing scan keeps the dossier from counting.
    counter.catalogue.load_procedures(load_procedures_file(catalogue_file(tmp_path, False)))
    rates = counter.attachments.digitisation("2000-01-01", "2100-01-01")
    assert (rates["received"], rates["digitised_at_intake"]) == (1, 0)


def test_a_shown_only_that_is_not_true_or_false_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as refused:
        load_procedures_file(catalogue_file(tmp_path, "có"))
    assert "shown_only của 'Bản chính giấy phép lái xe' phải là true hoặc false" in str(
        refused.value.errors
    )
