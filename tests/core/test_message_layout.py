"""Messages laid out to be read on a phone: a stale form's changes under their
headline, a file refused whole across the import's error table (issue 14, items 4 and 1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse

from tests.fixtures.cast import Cast
from tests.members.spreadsheets import person, xlsx

Login = Callable[[str], Client]
HEADLINE = "Hồ sơ này đã được người khác sửa sau khi anh/chị mở trang."
CHANGE = "Quê quán: — → Nghệ An"


class _Form(forms.Form):
    home_town = forms.CharField(required=False)


def _errors(stale: bool) -> str:
    form = _Form(data={})
    form.is_valid()
    form.add_error(None, ValidationError([HEADLINE, CHANGE]))
    if stale:
        form.stale = True  # type: ignore[attr-defined]
    return render_to_string("includes/form_errors.html", {"form": form})


def test_it_heads_the_changes_of_a_stale_form_with_its_message() -> None:
    html = _errors(stale=True)
    assert f'<p class="alert-lead">{HEADLINE}</p><ul><li>{CHANGE}</li></ul>' in html


def test_it_lists_the_other_errors_of_a_form_as_before() -> None:
    html = _errors(stale=False)
    assert f"<ul><li>{HEADLINE}</li><li>{CHANGE}</li></ul>" in html
    assert "alert-lead" not in html


@override_settings(DANGVU_IMPORT_MAX_ROWS=2)
def test_it_spans_the_error_table_with_a_file_refused_whole(cast: Cast, login: Login) -> None:
    rows = [person(f"Vũ Văn Số {n}", date(1992, 3, 12), serial=n) for n in range(3)]
    response = login("alice").post(
        reverse("members:import"), {"file": SimpleUploadedFile("ds.xlsx", xlsx(rows).getvalue())}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<td colspan="3" class="table-wide">Tệp có quá 2 dòng dữ liệu' in html


def test_it_keeps_the_row_and_column_of_a_cell_error(cast: Cast, login: Login) -> None:
    bad = person("Vũ Văn Mới", date(1992, 3, 12), **{"Ngày sinh*": "hôm qua"})
    response = login("alice").post(
        reverse("members:import"), {"file": SimpleUploadedFile("ds.xlsx", xlsx([bad]).getvalue())}
    )
    assert response.status_code == 400
    assert "table-wide" not in response.content.decode()
