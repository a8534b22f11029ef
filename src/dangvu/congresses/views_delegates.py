"""The delegates of a congress of delegates on the congress page (issue 14, item 16).

Two actions: record a delegate, let an alternate stand in for an official
delegate. Both go through ``services_delegates`` and come back to the congress
page, with the form's errors in place when the service refuses.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from dangvu.congresses import services
from dangvu.congresses.choices import CongressKind, DelegateRole, DelegateSource, Status
from dangvu.congresses.forms import PageForm
from dangvu.congresses.models import Congress, Delegate
from dangvu.congresses.views_congress import _action
from dangvu.members.models import Member

REQUIRED = {"required": _lazy("Trường này là bắt buộc.")}


class DelegateForm(PageForm):
    """One delegate: who, official or alternate, and where from."""

    id_prefix = "delegate"

    member = forms.TypedChoiceField(label=_lazy("Đảng viên"), coerce=int, error_messages=REQUIRED)
    role = forms.ChoiceField(label=_lazy("Loại đại biểu"), choices=DelegateRole.choices)
    source = forms.ChoiceField(label=_lazy("Tư cách"), choices=DelegateSource.choices)
    elected_at = forms.TypedChoiceField(
        label=_lazy("Bầu tại đại hội"), coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(label=_lazy("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Member.objects.filter(placements__cell__path__startswith=congress.org_path)
        self.fields["member"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((m.pk, m.full_name) for m in members.distinct().order_by("sort_key", "pk")),
        ]
        below = (
            Congress.objects.filter(org_path__startswith=congress.org_path)
            .exclude(pk=congress.pk)
            .filter(status__in=[Status.HELD, Status.APPROVED])
            .select_related("organization")
            .order_by("org_path")
        )
        self.fields["elected_at"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((c.pk, str(c)) for c in below),
        ]


class ReplaceForm(PageForm):
    """An alternate standing in for an official delegate."""

    id_prefix = "replace"

    official = forms.TypedChoiceField(
        label=_lazy("Đại biểu chính thức"), coerce=int, error_messages=REQUIRED
    )
    alternate = forms.TypedChoiceField(
        label=_lazy("Đại biểu dự khuyết thay thế"), coerce=int, error_messages=REQUIRED
    )
    reason = forms.CharField(label=_lazy("Lý do thay thế"), max_length=255, error_messages=REQUIRED)

    def __init__(self, *args: Any, congress: Congress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = list(congress.delegates.select_related("member").order_by("id"))
        for field, role in (
            ("official", DelegateRole.OFFICIAL),
            ("alternate", DelegateRole.ALTERNATE),
        ):
            self.fields[field].choices = [  # type: ignore[attr-defined]
                ("", "—"),
                *((d.pk, d.member.full_name) for d in rows if d.role == role),
            ]


def delegates_context(congress: Congress) -> dict[str, Any]:
    """What the congress page shows of its delegates (empty for a congress of members)."""
    if congress.kind != CongressKind.DELEGATES:
        return {}
    rows = list(
        congress.delegates.select_related(
            "member", "elected_at__organization", "replaces__member"
        ).order_by("role", "id")
    )
    return {
        "delegates": rows,
        "delegate_form": DelegateForm(congress=congress),
        "replace_form": ReplaceForm(congress=congress),
    }


@login_required
@require_POST
def add_delegate(request: HttpRequest, pk: int) -> HttpResponse:
    def act(congress: Congress, form: Any) -> Delegate:
        data = form.cleaned_data
        elected_at = (
            Congress.objects.filter(pk=data["elected_at"]).first() if data["elected_at"] else None
        )
        return services.add_delegate(
            request.user,
            congress,
            member=Member.objects.get(pk=data["member"]),
            role=data["role"],
            source=data["source"],
            elected_at=elected_at,
            note=data["note"],
        )

    return _action(
        request,
        pk,
        "delegate_form",
        lambda congress: DelegateForm(request.POST, congress=congress),
        act,
        lambda delegate: _("Đã ghi đại biểu %(name)s.") % {"name": delegate.member.full_name},
    )


@login_required
@require_POST
def replace_delegate(request: HttpRequest, pk: int) -> HttpResponse:
    def act(congress: Congress, form: Any) -> Delegate:
        data = form.cleaned_data
        return services.replace_delegate(
            request.user,
            congress.delegates.get(pk=data["official"]),
            alternate=congress.delegates.get(pk=data["alternate"]),
            reason=data["reason"],
        )

    return _action(
        request,
        pk,
        "replace_form",
        lambda congress: ReplaceForm(request.POST, congress=congress),
        act,
        lambda stand_in: (
            _("Đã ghi đại biểu dự khuyết %(name)s thay thế.") % {"name": stand_in.member.full_name}
        ),
    )
