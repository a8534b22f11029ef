"""Pages of the document registry: the book, issuing and registering, one document, templates.

Thin views (STYLE.md): every read starts from ``Document.objects.visible_to``
(the scope rule and the confidentiality rule), every write goes through
``documents.services``, and the templates only display.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import files, scope
from dangvu.core.forms import (
    add_service_errors,
    carry_version,
    form_status,
    unchanged_since_opened,
)
from dangvu.core.history import history_entries
from dangvu.core.paging import bounded_page, page_number
from dangvu.documents import boilerplate, services
from dangvu.documents.choices import Direction, DocumentKind
from dangvu.documents.downloads import outgoing_file
from dangvu.documents.filters import DocumentFilterSet
from dangvu.documents.forms import FileForm, IncomingForm, IssueForm, TemplateForm
from dangvu.documents.models import Document, DocumentFile, DocumentTemplate
from dangvu.organizations.models import Organization
from dangvu.programs.models import Programme, Target, Task

HISTORY_FIELDS = (
    "kind",
    "type_code",
    "number",
    "issuer_code",
    "issuer_name",
    "issued_on",
    "place",
    "summary",
    "body",
    "signer_name",
    "signer_title",
    "recipients",
    "confidentiality",
    "received_on",
)
LINKED_LIMIT = 100
EDIT_ROLES = scope.DEFAULT_EDIT_ROLES


def _editable_organizations(user: Any) -> QuerySet[Organization]:
    """The organisations whose book the user keeps (staff there or above)."""
    paths = scope.role_subtrees(user, EDIT_ROLES)
    return Organization.objects.filter(scope.subtrees_q("path", paths)).order_by("path")


def _may_edit_somewhere(user: Any) -> bool:
    return bool(user.is_superuser) or any(g.role in EDIT_ROLES for g in scope.grants(user))


def _document(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Document:
    rows = Document.objects.select_related("organization__parent")
    document: Document = scope.for_user(request.user, rows, pk, action)
    return document


def _outgoing(request: HttpRequest, pk: int) -> Document:
    document = _document(request, pk)
    if document.direction != Direction.OUTGOING:
        raise Http404
    return document


# ---------------------------------------------------------------------------
# The book


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    visible = Document.objects.visible_to(request.user)
    filterset = DocumentFilterSet(request.GET, queryset=visible)
    valid = filterset.is_valid()
    found = filterset.qs if valid else Document.objects.none()
    rows = found.select_related("organization").order_by("-issued_on", "-id")
    context = {
        "page": bounded_page(rows, page_number(request)),
        "filter_errors": [] if valid else [str(e) for e in filterset.form.errors.values()],
        "kinds": DocumentKind.choices,
        "directions": Direction.choices,
        "current": {
            key: request.GET.get(key, "") for key in ("search", "direction", "kind", "year")
        },
        "may_edit": _may_edit_somewhere(request.user),
    }
    return render(request, "documents/list.html", context)


# ---------------------------------------------------------------------------
# Issuing an outgoing document, registering an incoming one


def _picked(request: HttpRequest, organizations: QuerySet[Organization]) -> Organization | None:
    chosen = request.GET.get("organization", "")
    picked = organizations.filter(pk=chosen).first() if chosen.isdigit() else None
    return picked or organizations.first()


def _issue_initial(request: HttpRequest, organizations: QuerySet[Organization]) -> dict[str, Any]:
    """Today's date and, for the organisation and kind picked, what its template says."""
    organization = _picked(request, organizations)
    kind = request.GET.get("kind", "")
    kind = kind if kind in DocumentKind.values else DocumentKind.RESOLUTION
    initial: dict[str, Any] = {"kind": kind, "issued_on": timezone.localdate()}
    if organization is not None:
        template = boilerplate.template_for(organization, kind)
        initial.update(
            organization=organization,
            body=template.body,
            signer_title=template.signer_title,
            recipients=template.recipients,
        )
    return initial


@login_required
def issue(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _may_edit_somewhere(user):
        raise PermissionDenied
    organizations = _editable_organizations(user)
    if request.method == "POST":
        form = IssueForm(request.POST, organizations=organizations)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["type_code"] = data["type_code"] or None
            try:
                document = services.issue_outgoing(user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã ban hành văn bản, cấp số: %(number)s.")
                    % {"number": document.number_line},
                )
                return redirect("documents:detail", pk=document.pk)
    else:
        form = IssueForm(
            initial=_issue_initial(request, organizations), organizations=organizations
        )
    context = {
        "form": form,
        "organizations": organizations,
        "kinds": DocumentKind.choices,
        "picked": form["organization"].value(),
        "picked_kind": form["kind"].value(),
    }
    return render(request, "documents/issue.html", context)


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _may_edit_somewhere(user):
        raise PermissionDenied
    organizations = _editable_organizations(user)
    if request.method == "POST":
        form = IncomingForm(request.POST, organizations=organizations)
        if form.is_valid():
            try:
                document = services.register_incoming(user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã vào sổ văn bản đến %(code)s.") % {"code": document.code}
                )
                return redirect("documents:detail", pk=document.pk)
    else:
        form = IncomingForm(
            initial={"organization": organizations.first(), "received_on": timezone.localdate()},
            organizations=organizations,
        )
    return render(request, "documents/register.html", {"form": form})


# ---------------------------------------------------------------------------
# One document


def _linked(user: Any, document: Document) -> dict[str, list[Any]]:
    """The programmes, tasks and targets the document drives, as far as the user sees them."""
    programmes = Programme.objects.visible_to(user).filter(document=document)
    tasks = Task.objects.visible_to(user).filter(documents=document)
    targets = Target.objects.visible_to(user).filter(document=document)
    return {
        "programmes": list(programmes.order_by("-starts_on", "id")[:LINKED_LIMIT]),
        "tasks": list(tasks.select_related("programme").order_by("deadline", "id")[:LINKED_LIMIT]),
        "targets": list(targets.order_by("-year", "order", "id")[:LINKED_LIMIT]),
    }


def _detail(request: HttpRequest, document: Document, file_form: FileForm) -> HttpResponse:
    user: Any = request.user
    context = {
        "document": document,
        "files": list(document.files.order_by("id")),
        "file_form": file_form,
        "may_edit": scope.can(user, scope.EDIT, document),
        "history": history_entries(document, fields=HISTORY_FIELDS),
        "recipients": [r.strip() for r in document.recipients.splitlines() if r.strip()],
        "paragraphs": [p.strip() for p in document.body.splitlines() if p.strip()],
        **_linked(user, document),
    }
    return render(request, "documents/detail.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _document(request, pk), FileForm())


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk, scope.EDIT)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attached = services.attach_file(
                request.user,
                document,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã đính kèm “%(title)s”.") % {"title": attached.title})
            return redirect("documents:detail", pk=document.pk)
    return _detail(request, document, form)


@login_required
def download(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    document = _document(request, pk)
    return files.download(DocumentFile.objects.filter(document=document, pk=file_pk).first())


@login_required
def docx(request: HttpRequest, pk: int) -> HttpResponse:
    return outgoing_file(request, _outgoing(request, pk), "docx")


@login_required
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return outgoing_file(request, _outgoing(request, pk), "pdf")


# ---------------------------------------------------------------------------
# Templates per kind


def _template_organization(request: HttpRequest) -> Organization | None:
    chosen = request.GET.get("organization", "")
    if chosen:
        organization: Organization = scope.for_user(
            request.user, Organization.objects.all(), chosen
        )
        return organization
    editable = _editable_organizations(request.user).first()
    if editable is not None:
        return editable
    return Organization.objects.visible_to(request.user).order_by("path").first()


@login_required
def templates(request: HttpRequest) -> HttpResponse:
    organization = _template_organization(request)
    context = {
        "organization": organization,
        "rows": boilerplate.templates_of(organization) if organization else [],
        "organizations": list(_editable_organizations(request.user)[:300]),
        "may_edit": organization is not None
        and scope.can_in_subtree(request.user, EDIT_ROLES, organization.path),
    }
    return render(request, "documents/templates.html", context)


@login_required
def template_edit(request: HttpRequest, organization_pk: int, kind: str) -> HttpResponse:
    organization: Organization = scope.for_user(
        request.user, Organization.objects.all(), organization_pk
    )
    if kind not in DocumentKind.values:
        raise Http404
    if not scope.can_in_subtree(request.user, EDIT_ROLES, organization.path):
        raise PermissionDenied
    current = boilerplate.template_for(organization, kind)
    stored = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if request.method == "POST":
        form = carry_version(TemplateForm(request.POST), stored)
        if form.is_valid():
            try:
                with unchanged_since_opened(form, stored):
                    services.save_template(
                        request.user, organization=organization, kind=kind, **form.cleaned_data
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã lưu mẫu %(kind)s.") % {"kind": current.kind_label.lower()}
                )
                return redirect(f"{reverse('documents:templates')}?organization={organization.pk}")
    else:
        form = TemplateForm(
            initial={
                "signature_prefix": current.signature_prefix,
                "signer_title": current.signer_title,
                "recipients": current.recipients,
                "body": current.body,
            }
        )
        carry_version(form, stored)
    context = {"form": form, "organization": organization, "template": current}
    return render(request, "documents/template_edit.html", context, status=form_status(form))
