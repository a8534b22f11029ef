"""The stale-form scenario for any edit page (issue 14, item 4).

Someone opens an edit page; someone else changes the record; the first person
saves. The save must be refused with 409, the page shown again with what
changed (field: old → new), nothing written; saving again from that page (it
now carries the current version) goes through.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time
from typing import Any

from django import forms
from django.db.models import Model
from django.test import Client

from dangvu.core.versioning import row_version

STALE_MESSAGE = "đã được người khác sửa sau khi anh/chị mở trang"


def form_data(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts back for ``form`` as it is shown (initial or bound values)."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, date | time):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = str(value)
    return data


def fresh(record: Model) -> Model:
    return type(record)._base_manager.get(pk=record.pk)


def check_stale_form(
    client: Client,
    url: str,
    record: Model,
    *,
    mine: dict[str, Any],
    theirs: Callable[[], object],
    shows: Sequence[str],
    saved: Callable[[Model], bool],
    page: str | None = None,
    form_key: str = "form",
) -> None:
    """The whole scenario on one edit page.

    ``mine``: the fields the first person changes (form names and posted values);
    ``theirs``: another person's change, made through the services; ``shows``:
    what the refusal must say (the changed field's label, old and new values);
    ``saved``: true once the first person's change is in the record. ``page``: where
    the form is shown when not at ``url`` (a detail page), ``form_key`` its name there.
    """
    opened = client.get(page or url)
    assert opened.status_code == 200
    form = opened.context[form_key]
    version = form["version"].value()
    assert version == row_version(fresh(record))
    data = {**form_data(form), **mine}

    theirs()
    current = row_version(fresh(record))
    assert current != version, "the other person's change must change the version"

    refused = client.post(url, data)
    assert refused.status_code == 409
    text = refused.content.decode()
    assert STALE_MESSAGE in text
    for part in shows:
        assert part in text, part
    assert row_version(fresh(record)) == current, "nothing may be written"
    assert not saved(fresh(record))

    again = client.post(url, {**form_data(refused.context[form_key]), **mine})
    assert again.status_code == 302, again.content.decode()[:2000]
    assert saved(fresh(record))
