"""The review (sơ kết, tổng kết) of a programme: its conference, notes and frozen figures.

While open, the figures are computed from the tasks as of the review day;
closing freezes them in ``Review.figures`` so the report keeps saying what
the conference was told even if a task changes later. Reopening (with a
reason kept in the history) unfreezes them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from dangvu.core.services import add_error, raise_if, save_as
from dangvu.core.text import fmt_day
from dangvu.meetings.models import Meeting
from dangvu.programs.choices import NoteKind
from dangvu.programs.figures import ReviewFigures, review_figures
from dangvu.programs.models import Programme, Review, ReviewNote
from dangvu.programs.services_base import Errors, clean_reason, clean_text, require_edit

REVIEW_FIELDS = ("held_on", "meeting", "next_programme", "summary", "opinions_count")
MAX_OPINIONS = 32767  # A small positive integer column.


def _check_review(user: Any, programme: Programme, values: dict[str, Any], errors: Errors) -> None:
    held_on = values.get("held_on")
    if not isinstance(held_on, date):
        add_error(errors, "held_on", _("Ghi ngày sơ kết."))
    elif held_on < programme.starts_on:
        add_error(
            errors,
            "held_on",
            _("Ngày sơ kết không được trước ngày bắt đầu kỳ (%(day)s).")
            % {"day": fmt_day(programme.starts_on)},
        )
    meeting = values.get("meeting")
    if meeting is not None and (
        meeting.organization_id != programme.organization_id
        or not Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()
    ):
        add_error(errors, "meeting", _("Hội nghị phải của cùng tổ chức có chương trình."))
    following = values.get("next_programme")
    if following is not None and (
        following.organization_id != programme.organization_id
        or following.starts_on <= programme.starts_on
    ):
        add_error(errors, "next_programme", _("Chương trình kỳ sau phải của cùng tổ chức, kỳ sau."))
    count = values.get("opinions_count")
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_OPINIONS:
        add_error(errors, "opinions_count", _("Số ý kiến là số nguyên không âm."))
    values["summary"] = clean_text(values.get("summary"), "summary", 0, errors)


def _check_open(review: Review, errors: Errors) -> None:
    if review.closed_on is not None:
        add_error(errors, "closed_on", _("Sơ kết đã chốt số liệu: mở lại trước khi sửa."))


def _lock(review: Review) -> Review:
    return Review.objects.select_for_update().select_related("programme").get(pk=review.pk)


@transaction.atomic
def open_review(
    user: Any,
    programme: Programme,
    *,
    held_on: date,
    meeting: Meeting | None = None,
    next_programme: Programme | None = None,
    summary: str = "",
    opinions_count: int = 0,
) -> Review:
    """Start the review of a programme's period (one review per programme)."""
    require_edit(user, programme.org_path)
    values: dict[str, Any] = {
        "held_on": held_on,
        "meeting": meeting,
        "next_programme": next_programme,
        "summary": summary,
        "opinions_count": opinions_count,
    }
    errors: Errors = {}
    if Review.objects.filter(programme=programme).exists():
        add_error(errors, "programme", _("Chương trình này đã có sơ kết."))
    _check_review(user, programme, values, errors)
    raise_if(errors)
    review = Review(programme=programme, org_path=programme.org_path, **values)
    save_as(review, user)
    return review


@transaction.atomic
def update_review(user: Any, review: Review, **fields: Any) -> Review:
    """Change an open review (the same checks as ``open_review``)."""
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ValueError(f"unknown review fields: {sorted(unknown)}")
    require_edit(user, review.org_path)
    review = _lock(review)
    errors: Errors = {}
    _check_open(review, errors)
    raise_if(errors)
    values = {name: getattr(review, name) for name in REVIEW_FIELDS}
    values.update(fields)
    _check_review(user, review.programme, values, errors)
    raise_if(errors)
    for name, value in values.items():
        setattr(review, name, value)
    save_as(review, user)
    return review


@transaction.atomic
def add_review_note(user: Any, review: Review, *, kind: str, text: str) -> ReviewNote:
    """An achievement, a shortcoming, a cause or a direction, appended in its kind's order."""
    require_edit(user, review.org_path)
    review = _lock(review)
    errors: Errors = {}
    _check_open(review, errors)
    if kind not in NoteKind.values:
        add_error(errors, "kind", _("Loại nội dung không hợp lệ."))
    text = clean_text(text, "text", 0, errors, _("Ghi nội dung."))
    raise_if(errors)
    top = review.notes.filter(kind=kind).aggregate(top=Max("order"))["top"] or 0
    note = ReviewNote(review=review, org_path=review.org_path, kind=kind, order=top + 1, text=text)
    save_as(note, user)
    return note


@transaction.atomic
def update_review_note(user: Any, note: ReviewNote, *, text: str) -> ReviewNote:
    require_edit(user, note.org_path)
    note = ReviewNote.objects.select_for_update().select_related("review").get(pk=note.pk)
    errors: Errors = {}
    _check_open(note.review, errors)
    text = clean_text(text, "text", 0, errors, _("Ghi nội dung."))
    raise_if(errors)
    note.text = text
    save_as(note, user)
    return note


@transaction.atomic
def close_review(user: Any, review: Review, *, closed_on: date) -> Review:
    """Freeze the figures as of the review day; the report keeps them from now on."""
    require_edit(user, review.org_path)
    review = _lock(review)
    errors: Errors = {}
    if review.closed_on is not None:
        add_error(errors, "closed_on", _("Sơ kết đã chốt số liệu."))
    elif not isinstance(closed_on, date):
        add_error(errors, "closed_on", _("Ghi ngày chốt số liệu."))
    elif closed_on < review.held_on:
        add_error(
            errors,
            "closed_on",
            _("Ngày chốt không được trước ngày sơ kết (%(day)s).")
            % {"day": fmt_day(review.held_on)},
        )
    raise_if(errors)
    review.figures = review_figures(review.programme, review.held_on).as_dict()
    review.closed_on = closed_on
    save_as(review, user)
    return review


@transaction.atomic
def reopen_review(user: Any, review: Review, *, reason: str) -> Review:
    """Unfreeze a closed review's figures; the reason is kept in its history."""
    require_edit(user, review.org_path)
    review = _lock(review)
    errors: Errors = {}
    if review.closed_on is None:
        add_error(errors, "closed_on", _("Sơ kết chưa chốt số liệu."))
    reason = clean_reason(reason, "reason", errors, _("Ghi lý do mở lại."))
    raise_if(errors)
    review.closed_on = None
    review.figures = {}
    review._change_reason = reason  # type: ignore[attr-defined]
    save_as(review, user)
    return review


def current_figures(review: Review) -> ReviewFigures:
    """The frozen figures of a closed review, else computed as of its day."""
    if review.closed_on is not None and review.figures:
        return ReviewFigures.from_dict(review.figures)
    return review_figures(review.programme, review.held_on)
