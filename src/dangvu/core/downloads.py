"""Downloads of files that carry personal data go to the access log (issue 14, item 11).

Meeting minutes (who attended, who was absent and why), counting minutes and
election results (votes per person), admission and recognition decisions
(a person's file) leave the system as Word files; like an export of members
(``members/exporting.py``) each one is written to the access log, so the
staff of the subtree see who took which file and when (Luật Bảo vệ dữ liệu
cá nhân; Nghị định 13/2023/NĐ-CP). The view builds the response, then hands
it here with what it is and where it belongs.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from dangvu.core.http import client_ip
from dangvu.core.models import AccessLog, log_access


def logged_download(
    request: HttpRequest,
    response: HttpResponse,
    *,
    what: str,
    org_path: str,
    filename: str,
    organization: Any = None,
    member: Any = None,
) -> HttpResponse:
    """Write the download of ``filename`` (``what``: a Vietnamese description) and pass it on."""
    log_access(
        request.user,  # type: ignore[arg-type]
        AccessLog.Action.DOWNLOAD,
        org_path=org_path,
        organization=organization,
        member=member,
        detail=_("Tải %(what)s (tệp %(file)s)") % {"what": what, "file": filename},
        ip_address=client_ip(request),
    )
    return response
