"""The page of one election: its list, the ballots one by one or the tally sheet, the
running count, the reconciliation and the count, the next round, the Word minutes.

The running count and the result come from ``counting.count`` on the stored rows
(``services.election_json``), so the page says what the API and the CLI say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.congresses import counting, documents, permissions, services
from dangvu.congresses.choices import ElectionStatus
from dangvu.congresses.forms import (
    BallotForm,
    CountForm,
    DenominatorForm,
    NextRoundForm,
    TallyForm,
)
from dangvu.congresses.models import Ballot, Election
from dangvu.congresses.views import election_for
from dangvu.core import scope
from dangvu.core.docx_layout import docx_response
from dangvu.core.downloads import logged_download
from dangvu.core.forms import add_service_errors
from dangvu.core.text import percent_text

# Ballots listed on the page, newest first (a congress of delegates may enter hundreds).
BALLOTS_SHOWN = 200


def _names(election: Election) -> list[str]:
    return list(election.candidates.order_by("position").values_list("name", flat=True))


def running_count(election: Election) -> tuple[dict[str, Any] | None, str]:
    """The count of what is entered so far, or why it cannot be counted yet."""
    data = services.election_json(election)
    if not data.get("ballots") and "tally" not in data:
        return None, ""
    try:
        return counting.count_json(data), ""
    except counting.CountingError as exc:
        return None, str(exc)


def _vote_rows(result: dict[str, Any] | None, names: list[str]) -> list[dict[str, Any]]:
    """A row per name, highest first: votes, % of the denominator, qualified, elected, tied."""
    if not result:
        return []
    votes, percent = result.get("votes", {}), result.get("percent", {})
    elected, tied = set(result.get("elected", [])), set(result.get("tied", []))
    qualified = set(result.get("qualified", []))
    ordered = sorted(names, key=lambda name: -int(votes.get(name, 0)))
    return [
        {
            "name": name,
            "votes": votes.get(name, 0),
            "percent": percent_text(percent.get(name)),
            "qualified": name in qualified,
            "elected": name in elected,
            "tied": name in tied,
        }
        for name in ordered
    ]


def _forms(election: Election, names: list[str], today: Any) -> dict[str, forms.Form]:
    result = election.result or {}
    unelected = [n for n in names if n not in set(result.get("elected", []))]
    return {
        "ballot_form": BallotForm(names=names),
        "tally_form": TallyForm(names=names, initial=_tally_initial(election, names)),
        "count_form": CountForm(
            initial={
                "on": election.congress.held_on or election.congress.planned_on or today,
                "issued_count": election.issued_count,
                "unreturned": election.unreturned,
            }
        ),
        "next_round_form": NextRoundForm(
            names=unelected, initial={"names": list(result.get("tied", []))}
        ),
        "denominator_form": DenominatorForm(initial={"denominator": election.denominator}),
    }


def _tally_initial(election: Election, names: list[str]) -> dict[str, Any]:
    tally = election.tally or {}
    if not tally:
        return {}
    initial: dict[str, Any] = {"valid": tally.get("valid_ballots")}
    for position, name in enumerate(names, 1):
        initial[f"votes_{position}"] = tally.get("votes", {}).get(name, 0)
    for reason, n in tally.get("invalid_ballots", {}).items():
        initial[f"invalid_{reason}"] = n
    return initial


def election_context(
    request: HttpRequest, election: Election, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    user: Any = request.user
    names = _names(election)
    ballots = list(election.ballots.order_by("-number")[:BALLOTS_SHOWN])
    is_open = election.status == ElectionStatus.OPEN
    may_edit = permissions.can_edit(user, election) and is_open
    counted = election.status == ElectionStatus.COUNTED
    running, running_error = (None, "") if counted else running_count(election)
    result = election.result if counted else None
    congress = election.congress
    context: dict[str, Any] = {
        "election": election,
        "congress": congress,
        "names": names,
        "candidates": list(election.candidates.select_related("member").order_by("position")),
        "ballots": ballots,
        "ballot_count": ballots[0].number if ballots else 0,
        "by_tally": bool(election.tally),
        "running": running,
        "running_error": running_error,
        "running_rows": _vote_rows(running, names),
        "result": result,
        "result_rows": _vote_rows(result, names),
        "invalid_reasons": _invalid(result or running),
        "threshold": counting.threshold(election.denominator),
        "max_candidates": counting.max_candidates(election.seats),
        "may_edit": may_edit,
        "may_enter_ballots": may_edit and not election.tally,
        "may_enter_tally": may_edit and not ballots,
        "may_next_round": counted
        and bool((result or {}).get("unfilled_seats"))
        and permissions.can_edit(user, election)
        and not Election.objects.filter(
            congress=congress, kind=election.kind, round__gt=election.round
        ).exists(),
        "rounds": list(
            Election.objects.filter(congress=congress, kind=election.kind).order_by("round")
        ),
        **_forms(election, names, timezone.localdate()),
    }
    context.update(bound or {})
    return context


def _invalid(result: dict[str, Any] | None) -> list[tuple[str, int]]:
    if not result:
        return []
    labels = result.get("invalid_reason_labels", counting.INVALID_REASON_LABELS)
    reasons = result.get("invalid_reasons", {}).items()
    return [(labels.get(k, k), n) for k, n in reasons if n]


@login_required
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_for(request, pk)
    return render(request, "congresses/election.html", election_context(request, election))


# ---------------------------------------------------------------------------
# Actions


def _action(
    request: HttpRequest,
    pk: int,
    name: str,
    make: Callable[[Election], forms.Form],
    act: Callable[[Election, Any], Any],
    done: Callable[[Any], str],
    anchor: str = "",
) -> HttpResponse:
    election = election_for(request, pk, scope.EDIT)
    form = make(election)
    if form.is_valid():
        try:
            outcome = act(election, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done(outcome))
            target = outcome if isinstance(outcome, Election) else election
            return redirect(reverse("congresses:election", args=[target.pk]) + anchor)
    context = election_context(request, election, {name: form})
    context["failed"] = name
    return render(request, "congresses/election.html", context)


@login_required
@require_POST
def add_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    def act(election: Election, form: Any) -> Ballot:
        names = form.fields["kept"].choices
        chosen = set(form.cleaned_data["kept"])
        kept = [name for name, _label in names if name in chosen]
        issued = not form.cleaned_data["not_issued"]
        return services.add_ballot(request.user, election, kept=kept, issued=issued)

    return _action(
        request, pk, "ballot_form",
        lambda election: BallotForm(request.POST, names=_names(election)),
        act,
        lambda ballot: _("Đã nhập phiếu số %(n)s.") % {"n": ballot.number},
        anchor="#ballot",
    )  # fmt: skip


@login_required
@require_POST
def remove_ballot(request: HttpRequest, pk: int, ballot_pk: int) -> HttpResponse:
    election = election_for(request, pk, scope.EDIT)
    ballot = Ballot.objects.filter(election=election, pk=ballot_pk).first()
    if ballot is None:
        raise Http404
    try:
        services.remove_ballot(request.user, ballot)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Đã xóa phiếu số %(n)s.") % {"n": ballot.number})
    return redirect(reverse("congresses:election", args=[election.pk]) + "#ballot")


@login_required
@require_POST
def enter_tally(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "tally_form",
        lambda election: TallyForm(request.POST, names=_names(election)),
        lambda election, form: services.enter_tally(
            request.user, election,
            votes=form.votes(), valid=form.cleaned_data["valid"], invalid=form.invalid(),
        ),
        lambda _outcome: _("Đã nhập biên bản tổng hợp kết quả kiểm phiếu."),
    )  # fmt: skip


@login_required
@require_POST
def count(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "count_form",
        lambda _election: CountForm(request.POST),
        lambda election, form: services.count_election(
            request.user, election, **form.cleaned_data
        ),
        lambda election: str(election.result.get("outcome", _("Đã kiểm phiếu."))),
        anchor="#result",
    )  # fmt: skip


@login_required
@require_POST
def set_denominator(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, "denominator_form",
        lambda _election: DenominatorForm(request.POST),
        lambda election, form: services.set_denominator(
            request.user, election, **form.cleaned_data
        ),
        lambda election: _("Đã sửa số triệu tập tính kết quả thành %(n)s.")
        % {"n": election.denominator},
    )  # fmt: skip


def _unelected(election: Election) -> list[str]:
    elected = set((election.result or {}).get("elected", []))
    return [name for name in _names(election) if name not in elected]


@login_required
@require_POST
def next_round(request: HttpRequest, pk: int) -> HttpResponse:
    def act(election: Election, form: Any) -> Election:
        chosen = form.cleaned_data["names"] or None
        return services.next_round(request.user, election, candidates=chosen)

    return _action(
        request, pk, "next_round_form",
        lambda election: NextRoundForm(request.POST, names=_unelected(election)),
        act,
        lambda election: _("Đã lập %(kind)s lần %(round)s.")
        % {"kind": election.get_kind_display().lower(), "round": election.round},
    )  # fmt: skip


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    election = election_for(request, pk)
    if election.status != ElectionStatus.COUNTED:
        raise Http404
    content = documents.counting_minutes_docx(election)
    filename = documents.minutes_filename(election)
    return logged_download(
        request,
        docx_response(content, filename),
        what=_("biên bản kiểm phiếu"),
        org_path=election.org_path,
        filename=filename,
    )
