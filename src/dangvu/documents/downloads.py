"""An outgoing document leaves the system as Word or PDF, and the access log says so.

The page and the API serve the same two files; both come through here, so the
file name, the rendering and the log entry (issue 14, item 11) are decided once.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from dangvu.core.docx_layout import docx_response
from dangvu.core.downloads import logged_download
from dangvu.documents.models import Document
from dangvu.documents.pdf import document_pdf, pdf_response
from dangvu.documents.rendering import document_docx

Format = Literal["docx", "pdf"]


def outgoing_file(request: HttpRequest, document: Document, fmt: Format) -> HttpResponse:
    """The document in the official layout as ``fmt``, its download in the access log."""
    filename = f"van-ban-{document.pk}.{fmt}"
    if fmt == "docx":
        response, what = docx_response(document_docx(document), filename), _("văn bản đi (Word)")
    else:
        response, what = pdf_response(document_pdf(document), filename), _("văn bản đi (PDF)")
    return logged_download(
        request,
        response,
        what=what,
        org_path=document.org_path,
        organization=document.organization,
        filename=filename,
    )
