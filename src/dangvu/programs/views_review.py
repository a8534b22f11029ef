"""The review (sơ kết) of a programme: the figures by body and by person, the notes,
the conference, the next programme's key tasks, closing, and the Word draft.

While the review is open its figures are computed from the tasks as of the
review day; closing freezes them (``services_reviews.current_figures``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import scope
from dangvu.core.docx_layout import docx_response
from dangvu.core.forms import add_service_errors, carry_version, form_status, save_unless_stale
from dangvu.core.history import history_entries
from dangvu.programs import review_report, services_reviews
from dangvu.programs.choices import NoteKind
from dangvu.programs.forms import CloseReviewForm, ReopenReviewForm, ReviewNoteForm
from dangvu.programs.models import Review, ReviewNote, Task
from dangvu.programs.views import review_form, task_row

REVIEW_HISTORY_FIELDS = (
    "held_on",
    "meeting",
    "next_programme",
    "summary",
    "opinions_count",
    "closed_on",
)


def review_for(request: HttpRequest, pk: int, action: str = scope.VIEW) -> Review:
    queryset = Review.objects.select_related("programme__organization", "meeting", "next_programme")
    review: Review = scope.for_user(request.user, queryset, pk, action)
    return review


def _notes(review: Review) -> list[tuple[str, str, list[ReviewNote]]]:
    notes = list(ReviewNote.objects.filter(review=review).order_by("kind", "order", "id"))
    return [
        (kind.value, str(kind.label), [n for n in notes if n.kind == kind]) for kind in NoteKind
    ]


def _next_key_tasks(review: Review) -> list[Any]:
    if review.next_programme_id is None:
        return []
    today = timezone.localdate()
    tasks = (
        Task.objects.filter(programme_id=review.next_programme_id, is_key=True)
        .select_related("owner_org", "owner_agency", "responsible")
        .order_by("order", "id")
    )
    return [task_row(task, today) for task in tasks]


def review_context(
    request: HttpRequest, review: Review, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    user: Any = request.user
    programme = review.programme
    may_edit = scope.can(user, scope.EDIT, review)
    is_open = review.closed_on is None
    context: dict[str, Any] = {
        "review": review,
        "programme": programme,
        "figures": services_reviews.current_figures(review),
        "notes": _notes(review),
        "next_tasks": _next_key_tasks(review),
        "may_edit": may_edit and is_open,
        "may_reopen": may_edit and not is_open,
        "history": history_entries(review, fields=REVIEW_HISTORY_FIELDS),
    }
    if may_edit and is_open:
        context["review_form"] = carry_version(
            review_form(programme, initial=_review_initial(review)), review
        )
        context["note_form"] = ReviewNoteForm()
        context["close_form"] = CloseReviewForm(initial={"closed_on": timezone.localdate()})
    elif may_edit:
        context["reopen_form"] = ReopenReviewForm()
    context.update(bound or {})
    return context


def _review_initial(review: Review) -> dict[str, Any]:
    return {
        "held_on": review.held_on,
        "meeting": review.meeting_id,
        "next_programme": review.next_programme_id,
        "opinions_count": review.opinions_count,
        "summary": review.summary,
    }


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk)
    return render(request, "programs/review.html", review_context(request, review))


def _review_action(
    request: HttpRequest,
    pk: int,
    name: str,
    make: Callable[[Review], forms.Form],
    act: Callable[[Review, Any], Any],
    done: str,
) -> HttpResponse:
    review = review_for(request, pk, scope.EDIT)
    form = make(review)
    if form.is_valid():
        try:
            act(review, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("programs:review", pk=review.pk)
    context = review_context(request, review, {name: form})
    context["failed"] = name
    return render(request, "programs/review.html", context, status=form_status(form))


@login_required
@require_POST
def edit_review(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _review_action(
        request, pk, "review_form",
        lambda review: carry_version(review_form(review.programme, request.POST), review),
        lambda review, form: save_unless_stale(
            form, review, lambda: services_reviews.update_review(user, review, **form.cleaned_data)
        ),
        _("Đã lưu sơ kết."),
    )  # fmt: skip


@login_required
@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _review_action(
        request, pk, "note_form",
        lambda _review: ReviewNoteForm(request.POST),
        lambda review, form: services_reviews.add_review_note(user, review, **form.cleaned_data),
        _("Đã thêm nội dung sơ kết."),
    )  # fmt: skip


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _review_action(
        request, pk, "close_form",
        lambda _review: CloseReviewForm(request.POST),
        lambda review, form: services_reviews.close_review(user, review, **form.cleaned_data),
        _("Đã chốt số liệu sơ kết."),
    )  # fmt: skip


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    return _review_action(
        request, pk, "reopen_form",
        lambda _review: ReopenReviewForm(request.POST),
        lambda review, form: services_reviews.reopen_review(user, review, **form.cleaned_data),
        _("Đã mở lại sơ kết."),
    )  # fmt: skip


@login_required
def review_docx(request: HttpRequest, pk: int) -> HttpResponse:
    review = review_for(request, pk)
    content = review_report.review_docx(review, request.user)
    return docx_response(content, review_report.review_filename(review))
