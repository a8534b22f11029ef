"""A document template saved from a page opened before someone else's change is refused
(issue 14, item 4)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from dangvu.documents.models import DocumentTemplate
from dangvu.documents.services import save_template
from tests.fixtures.cast import Cast
from tests.stale_forms import check_stale_form


def test_it_refuses_a_template_form_opened_before_another_change(
    cast: Cast, login: Callable[[str], Client]
) -> None:
    xa = cast.org("XA")
    fields = {"organization": xa, "kind": "resolution", "signature_prefix": "T/M ĐẢNG ỦY"}
    template = save_template(cast.user("alice"), **fields, signer_title="BÍ THƯ")
    check_stale_form(
        login("alice"),
        reverse("documents:template_edit", args=[xa.pk, "resolution"]),
        template,
        mine={"recipients": "- Như trên,\n- Lưu Văn phòng Đảng ủy."},
        theirs=lambda: save_template(cast.user("alice"), **fields, signer_title="PHÓ BÍ THƯ"),
        shows=["BÍ THƯ → PHÓ BÍ THƯ"],
        saved=lambda row: (
            isinstance(row, DocumentTemplate)
            and row.recipients.startswith("- Như trên")
            and row.signer_title == "PHÓ BÍ THƯ"
        ),
    )
