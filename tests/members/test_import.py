"""Importing members from .xlsx and .csv: good files write, every bad file writes nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from dangvu.members.importing import ImportResult, import_members
from dangvu.members.models import Member, Placement
from dangvu.members.rules import make_national_id
from tests.fixtures.cast import Cast
from tests.members.spreadsheets import csv_file, person, xlsx

BIRTH = date(1992, 3, 12)
Login = Callable[[str], Client]


def run(cast: Cast, file: io.BytesIO, name: str = "ds.xlsx", **kw: Any) -> ImportResult:
    user = cast.user(kw.pop("user", "alice"))
    return import_members(file, name, actor=user, dry_run=kw.pop("dry_run", False))


def messages(result: ImportResult) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


def test_it_creates_members_with_placements_from_xlsx(cast: Cast) -> None:
    rows = [person("Vũ Văn Mới", BIRTH), person("Đặng Thị Hoa", BIRTH, "XA-TH", 101)]
    rows[1].update({"Giới tính*": "Nữ", "Số CCCD": make_national_id(25, "female", BIRTH, 101)})
    result = run(cast, xlsx(rows))
    assert result.ok, messages(result)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    hoa = cast.member("Đặng Thị Hoa")
    assert hoa.cell.code == "XA-TH" and hoa.gender == "female" and hoa.org_path == hoa.cell.path
    assert Placement.objects.get(member=hoa).start_date == date(2017, 3, 12)


def test_it_creates_members_from_a_semicolon_csv_with_bom(cast: Cast) -> None:
    row = person("Vũ Văn Mới", BIRTH, **{"Chuyên môn nghiệp vụ": "dai hoc"})
    result = run(cast, csv_file([row]), "ds.csv")
    assert result.ok, messages(result)
    member = cast.member("Vũ Văn Mới")
    assert member.qualification == "university" and member.placements.count() == 1


def test_it_reads_a_comma_csv_with_folded_headers(cast: Cast) -> None:
    text = "ho va ten,GIOI TINH,Ngay sinh,ma chi bo\nVũ Văn Mới,nam,1992-03-12,XA-TH\n"
    result = run(cast, io.BytesIO(text.encode()), "ds.csv")
    assert result.ok, messages(result)
    assert cast.member("Vũ Văn Mới").birth_date == BIRTH


def test_it_accepts_excel_dates_and_restores_leading_zeros(cast: Cast) -> None:
    national_id = make_national_id(1, "male", BIRTH, 7)  # "001…": Excel keeps it as a number.
    row = person("Vũ Văn Mới", BIRTH, **{"Ngày sinh*": datetime(1992, 3, 12)})
    row.update({"Số CCCD": int(national_id), "Số điện thoại": 912345678, "Số thẻ đảng viên": 4321})
    result = run(cast, xlsx([row]))
    assert result.ok, messages(result)
    member = cast.member("Vũ Văn Mới")
    assert (member.national_id, member.phone, member.card_number) == (
        national_id,
        "0912345678",
        "00004321",
    )


def test_it_writes_nothing_in_a_dry_run(cast: Cast) -> None:
    before = Member.objects.count()
    result = run(cast, xlsx([person("Vũ Văn Mới", BIRTH)]), dry_run=True)
    assert result.ok and result.dry_run and result.created == 1
    assert Member.objects.count() == before


def test_it_refuses_wrong_headers(cast: Cast) -> None:
    before = Member.objects.count()
    headers = ["Họ tên", "Giới tính*", "Ngày sinh*", "Mã chi bộ*"]
    result = run(cast, xlsx([person("Vũ Văn Mới", BIRTH)], headers))
    assert (1, "Họ tên", "Cột không có trong mẫu nhập.") in messages(result)
    assert (1, "Họ và tên*", "Thiếu cột bắt buộc.") in messages(result)
    assert Member.objects.count() == before


def test_it_refuses_bad_dates_naming_row_and_column(cast: Cast) -> None:
    before = Member.objects.count()
    rows = [person("Vũ Văn Mới", BIRTH), person("Đinh Văn Sai", BIRTH, serial=102)]
    rows[1]["Ngày sinh*"] = "31/02/1990"
    result = run(cast, xlsx(rows))
    assert messages(result) == [(3, "Ngày sinh*", "Ngày không hợp lệ (dạng dd/mm/yyyy).")]
    assert Member.objects.count() == before


def test_it_refuses_a_two_digit_year(cast: Cast) -> None:
    result = run(cast, xlsx([person("Vũ Văn Mới", BIRTH, **{"Ngày sinh*": "12/03/92"})]))
    assert messages(result) == [(2, "Ngày sinh*", "Năm phải viết đủ 4 chữ số (dạng dd/mm/yyyy).")]


def test_it_refuses_an_id_and_a_card_of_two_different_members(cast: Cast) -> None:
    an, dung = cast.member("Nguyễn Văn An"), cast.member("Phạm Thị Dung")
    row = person(an.full_name, an.birth_date, **{"Số CCCD": an.national_id})
    row["Số thẻ đảng viên"] = dung.card_number
    result = run(cast, xlsx([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Số CCCD")]


def test_it_refuses_duplicate_ids_in_the_file_naming_both_rows(cast: Cast) -> None:
    before = Member.objects.count()
    rows = [person("Vũ Văn Mới", BIRTH), person("Vũ Văn Khác", BIRTH)]
    result = run(cast, xlsx(rows))
    assert (3, "Số CCCD", "Số CCCD trùng với dòng 2 của tệp.") in messages(result)
    assert Member.objects.count() == before


def test_it_refuses_a_seventeen_year_old(cast: Cast) -> None:
    before = Member.objects.count()
    row = person("Vũ Văn Trẻ", date(2000, 6, 15), **{"Ngày vào Đảng": "14/12/2017"})
    result = run(cast, xlsx([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Ngày sinh*")]
    assert "Chưa đủ 18 tuổi" in result.errors[0].message
    assert Member.objects.count() == before


def test_it_refuses_an_empty_file_and_a_file_with_only_headers(cast: Cast) -> None:
    before = Member.objects.count()
    assert messages(run(cast, io.BytesIO(b""))) == [(0, "", "Tệp trống, không có dữ liệu.")]
    only_headers = run(cast, xlsx([]))
    assert only_headers.errors[0].message == "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."
    assert not run(cast, csv_file([]), "ds.csv").ok
    assert Member.objects.count() == before


def test_it_refuses_files_that_are_not_excel_or_csv(cast: Cast) -> None:
    before = Member.objects.count()
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    noise = bytes(range(256)) * 8
    assert not run(cast, io.BytesIO(noise), "ds.xlsx").ok
    assert not run(cast, io.BytesIO(docx.getvalue()), "ds.xlsx").ok
    assert "Chỉ nhận tệp" in run(cast, io.BytesIO(docx.getvalue()), "ds.docx").errors[0].message
    assert not run(cast, io.BytesIO(noise), "ds.csv").ok
    assert Member.objects.count() == before


def test_it_refuses_a_national_id_already_in_the_database(cast: Cast) -> None:
    before = Member.objects.count()
    outsider = cast.member("Hoàng Văn Em")  # Bình Minh: out of alice's scope.
    row = person("Vũ Văn Mới", BIRTH, **{"Số CCCD": outsider.national_id})
    result = run(cast, xlsx([row]))
    assert messages(result) == [(2, "Số CCCD", "Số CCCD này đã có trong danh sách đảng viên.")]
    assert Member.objects.count() == before


def test_it_refuses_same_name_and_birth_date_as_a_member(cast: Cast) -> None:
    dung = cast.member("Phạm Thị Dung")
    row = person("PHẠM THỊ DUNG", dung.birth_date, "XA-TH", **{"Số CCCD": None})
    row["Giới tính*"] = "Nữ"
    row["Số thẻ đảng viên"] = "99999999"
    result = run(cast, xlsx([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Họ và tên*")]


def test_it_refuses_a_cell_out_of_scope_like_an_unknown_one(cast: Cast) -> None:
    before = Member.objects.count()
    rows = [person("Vũ Văn Mới", BIRTH, "XB-BAC"), person("Vũ Văn Hai", BIRTH, "NOPE", 103)]
    result = run(cast, xlsx(rows))
    assert messages(result) == [
        (2, "Mã chi bộ*", "Không có chi bộ mã “XB-BAC” trong phạm vi bạn quản lý."),
        (3, "Mã chi bộ*", "Không có chi bộ mã “NOPE” trong phạm vi bạn quản lý."),
    ]
    assert Member.objects.count() == before


def test_it_refuses_an_organisation_that_is_not_a_cell(cast: Cast) -> None:
    result = run(cast, xlsx([person("Vũ Văn Mới", BIRTH, "XA")]))
    assert "không phải là chi bộ" in result.errors[0].message


def test_it_writes_nothing_when_one_row_of_many_is_bad(cast: Cast) -> None:
    before = Member.objects.count()
    rows = [person("Vũ Văn Mới", BIRTH), person("Vũ Văn Hai", BIRTH, serial=103)]
    rows[1]["Giới tính*"] = "Không rõ"
    result = run(cast, xlsx(rows))
    assert messages(result) == [(3, "Giới tính*", "Giới tính phải là Nam hoặc Nữ.")]
    assert Member.objects.count() == before


def test_it_updates_only_changed_fields_of_a_member_found_by_national_id(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    row = person(an.full_name, an.birth_date, **{"Số CCCD": an.national_id})
    row.update({"Ngày vào Đảng": "19/05/1995", "Nghề nghiệp": "Nông dân"})
    result = run(cast, xlsx([row]))
    assert result.ok, messages(result)
    assert (result.created, result.updated) == (0, 1)
    assert result.outcomes[0].changed == ("Nghề nghiệp",)
    an.refresh_from_db()
    assert an.occupation == "Nông dân" and an.phone == "0912000001"  # Absent column kept.


def test_it_reports_an_unchanged_row_and_writes_nothing(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    row = person(an.full_name, an.birth_date, **{"Số CCCD": an.national_id})
    row["Ngày vào Đảng"] = "19/05/1995"
    history = an.history.count()
    result = run(cast, xlsx([row]))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert an.history.count() == history


def test_it_refuses_a_transfer_through_the_import(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    row = person(an.full_name, an.birth_date, "XA-TH", **{"Số CCCD": an.national_id})
    row["Ngày vào Đảng"] = None
    result = run(cast, xlsx([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "Mã chi bộ*")]
    assert "XA-DONG" in result.errors[0].message


def test_it_refuses_two_rows_updating_one_member(cast: Cast) -> None:
    an = cast.member("Nguyễn Văn An")
    first = person(an.full_name, an.birth_date, **{"Ngày vào Đảng": "19/05/1995"})
    first["Số CCCD"] = an.national_id
    second = {**first, "Số CCCD": None, "Số thẻ đảng viên": 1}
    result = run(cast, xlsx([first, second]))
    assert (3, "Họ và tên*", "Dòng này và dòng 2 cùng cập nhật một đảng viên.") in messages(result)
    assert {e.row for e in result.errors} == {3}


@override_settings(DANGVU_IMPORT_MAX_ROWS=1)
def test_it_limits_the_number_of_rows(cast: Cast) -> None:
    rows = [person("Vũ Văn Mới", BIRTH), person("Vũ Văn Hai", BIRTH, serial=103)]
    result = run(cast, xlsx(rows))
    assert result.errors[0].message == "Tệp có quá 1 dòng dữ liệu; hãy chia thành nhiều tệp."


# The import page ------------------------------------------------------------------

IMPORT = reverse("members:import")


def upload(client: Client, file: io.BytesIO, name: str = "ds.xlsx", **data: str) -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, file.getvalue()), **data})


def test_it_imports_from_the_page_and_shows_the_summary(cast: Cast, login: Login) -> None:
    response = upload(login("alice"), xlsx([person("Vũ Văn Mới", BIRTH)]))
    assert response.status_code == 200
    assert (
        "Đã nhập xong: thêm 1, cập nhật 0, không thay đổi 0 đảng viên." in response.content.decode()
    )
    assert Member.objects.filter(full_name="Vũ Văn Mới").exists()


def test_it_previews_a_dry_run_on_the_page(cast: Cast, login: Login) -> None:
    before = Member.objects.count()
    response = upload(login("alice"), xlsx([person("Vũ Văn Mới", BIRTH)]), dry_run="on")
    page = response.content.decode()
    assert "chỉ kiểm tra, chưa ghi" in page and "Vũ Văn Mới" in page and "Thêm mới" in page
    assert Member.objects.count() == before


def test_it_lists_errors_by_row_and_column_on_the_page(cast: Cast, login: Login) -> None:
    row = person("Vũ Văn Mới", BIRTH, **{"Ngày sinh*": "hôm qua"})
    page = upload(login("alice"), xlsx([row])).content.decode()
    assert "Có 1 lỗi; chưa ghi dòng nào." in page
    assert "<td>Ngày sinh*</td><td>Ngày không hợp lệ (dạng dd/mm/yyyy).</td>" in page


def test_it_refuses_a_file_over_ten_megabytes(cast: Cast, login: Login) -> None:
    before = Member.objects.count()
    response = upload(login("alice"), io.BytesIO(b"x" * (10 * 1024 * 1024 + 1)), "ds.csv")
    assert response.status_code == 400
    assert "Tệp lớn hơn 10 MB" in response.content.decode()
    assert Member.objects.count() == before


def test_it_shows_the_form_with_a_template_link(cast: Cast, login: Login) -> None:
    page = login("alice").get(IMPORT).content.decode()
    assert reverse("members:import_template") in page and "Chỉ kiểm tra (không ghi)" in page
