"""The two files of a period: the .xlsx ranking list and the Word draft of the decision.

``period_export(request, pk)`` (``?unit=<id>`` for one cell) and
``ranking_decision(request, pk)`` (``?org=<deciding body id>&kind=member|
organization``). A period is found for the user as the pages find it (its
organisation in their subtree or above one of their organisations, else 404);
the rows written are those the user may see. Both are in the access log.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dangvu.core.docx_layout import docx_response
from dangvu.core.http import client_ip
from dangvu.core.models import AccessLog, log_access
from dangvu.evaluations.choices import SubjectKind
from dangvu.evaluations.documents import decision_filename, ranking_decision_docx
from dangvu.evaluations.exporting import XLSX_TYPE, export_filename, export_period
from dangvu.evaluations.models import Evaluation, EvaluationPeriod
from dangvu.evaluations.summary import periods_visible_to
from dangvu.organizations.models import Organization

MAX_ID = 2**63 - 1


def _id(value: str | None) -> int | None:
    """A positive id from the query string, or ``None`` when it is not one."""
    if value is None or not value.strip().isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def _period(request: HttpRequest, pk: int) -> EvaluationPeriod:
    if pk > MAX_ID:
        raise Http404
    period = periods_visible_to(request.user).select_related("organization").filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def _visible_org(request: HttpRequest, pk: int) -> Organization:
    found = Organization.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _bad(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def period_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The period's rankings as .xlsx: members, organisations, the quota per deciding body."""
    period = _period(request, pk)
    unit = None
    if request.GET.get("unit"):
        unit_id = _id(request.GET["unit"])
        if unit_id is None:
            return _bad(_("Mã chi bộ (unit) phải là một số."))
        unit = _visible_org(request, unit_id)
        if not unit.path.startswith(period.org_path):
            raise Http404
    content = export_period(period, user=request.user, unit=unit, ip_address=client_ip(request))
    return xlsx_response(content, export_filename(period, unit))


@login_required
@require_GET
def ranking_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The Word draft of the decision on one group's rankings (``?org=&kind=``)."""
    period = _period(request, pk)
    org_id, kind = _id(request.GET.get("org")), request.GET.get("kind", "")
    if org_id is None:
        return _bad(_("Cần ghi cấp quyết định: ?org=<mã số tổ chức>."))
    if kind not in SubjectKind.values:
        return _bad(_("Đối tượng (kind) phải là member (đảng viên) hoặc organization (tổ chức)."))
    deciding_org = _visible_org(request, org_id)
    group = Evaluation.objects.filter(period=period, deciding_org=deciding_org, kind=kind)
    if not group.exists():
        raise Http404
    content = ranking_decision_docx(period, deciding_org, kind, user=request.user)
    log_access(
        request.user,  # type: ignore[arg-type]
        AccessLog.Action.EXPORT,
        org_path=deciding_org.path,
        organization=deciding_org,
        detail=_("Dự thảo quyết định công nhận kết quả xếp loại %(label)s của %(org)s")
        % {"label": period.label, "org": deciding_org.name},
        ip_address=client_ip(request),
    )
    return docx_response(content, decision_filename(period, deciding_org, kind))
