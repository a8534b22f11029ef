"""Files attached to records (meetings, congresses, documents, tasks): what is taken, how served.

Documents, spreadsheets, scans and photos up to 20 MB; they are served back
only as downloads (``as_attachment``), after the caller has checked the scope.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from dangvu.core.services import add_error

FILE_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "jpg", "jpeg", "png"}
)
FILE_MAX_BYTES = 20 * 1024 * 1024


def check_upload(upload: Any, field: str, errors: dict[str, list[str]]) -> str:
    """Add to ``errors`` what is wrong with an uploaded file; returns its base name."""
    name = str(getattr(upload, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload is None or not name:
        add_error(errors, field, _("Chọn một tệp để tải lên."))
    elif extension not in FILE_EXTENSIONS:
        add_error(
            errors,
            field,
            _("Chỉ nhận tệp %(types)s.") % {"types": ", ".join(sorted(FILE_EXTENSIONS))},
        )
    elif (getattr(upload, "size", 0) or 0) > FILE_MAX_BYTES:
        add_error(errors, field, _("Tệp lớn hơn 20 MB."))
    return name.rsplit("/", 1)[-1]


def download(attached: Any) -> FileResponse:
    """The stored file of a row already read in the user's scope (None or no file: 404)."""
    if attached is None or not attached.file:
        raise Http404
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = attached.file.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)
