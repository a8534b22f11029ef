"""May this user see this document: the one answer every page, API field, draft and list asks.

A document is seen by whoever's scope holds the book it is entered in (the scope
rule, ``core.scope``), and a document above “Thường” only by staff and leaders
of that subtree and superusers (the confidentiality rule). A secret is “lộ”
as soon as someone without the duty to know it learns it (Luật Bảo vệ bí mật
nhà nước, Điều 2 khoản 3: Luật 29/2018/QH14, the same words in Luật
117/2025/QH15) — its number and summary included, not only its body. So the
same answer holds wherever a document is cited: a programme carrying it
out, a task linking it, a target given by it, a review's Word draft, the API's
nested fields. A document the user may not see is left out entirely there — no
number, no summary, no “hidden document” placeholder — so a link tells nobody
that a secret exists (decision 0015).

Two forms of the one rule, held equal by ``tests/documents/test_confidential_links.py``:

* ``visible_q(user)`` / ``confidential_q(user)``: filters for querysets and
  prefetches (``Document.objects.visible_to`` is built on them);
* ``may_see(user, document)``: one loaded document, in Python, no query (the
  user's roles are read once per request by ``core.scope.grants``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q

from dangvu.core import scope
from dangvu.documents.choices import Confidentiality

if TYPE_CHECKING:
    from dangvu.documents.models import Document

# The order a list of linked documents is shown in: the latest first, as in the registry.
LINK_ORDER = ("-issued_on", "-id")


def confidential_q(user: Any) -> Q:
    """A document that is not “Thường” is read only by staff and leaders of its subtree."""
    readers = scope.role_subtrees(user, scope.SENSITIVE_ROLES)
    if readers is None:  # a superuser: everywhere (``Q() | q`` would be ``q`` alone)
        return Q()
    return Q(confidentiality=Confidentiality.NORMAL) | scope.subtrees_q("org_path", readers)


def visible_q(user: Any) -> Q:
    """The documents ``user`` may see, as a filter on ``Document``: scope and confidentiality."""
    from dangvu.documents.models import Document

    return scope.visibility_q(user, Document) & confidential_q(user)


def may_see(user: Any, document: Document | None) -> bool:
    """Whether ``user`` may see ``document`` — its number, summary, page, files, drafts."""
    if document is None or not scope.can(user, scope.VIEW, document):
        return False
    if document.confidentiality == Confidentiality.NORMAL:
        return True
    return scope.can(user, scope.SENSITIVE, document)


def shown(user: Any, document: Document | None) -> Document | None:
    """The document when ``user`` may see it, else None (a link reads as no link)."""
    return document if may_see(user, document) else None


def shown_all(user: Any, documents: Iterable[Document]) -> list[Document]:
    """The documents of a list that ``user`` may see, in the list's order."""
    return [document for document in documents if may_see(user, document)]


def linked_prefetch(user: Any, lookup: str = "documents") -> Prefetch:
    """Prefetch the linked documents ``user`` may see: the others are never read."""
    from dangvu.documents.models import Document

    return Prefetch(lookup, queryset=Document.objects.filter(visible_q(user)).order_by(*LINK_ORDER))


def hidden_ids(user: Any, linked: Any) -> list[int]:
    """Ids among ``linked`` (a queryset of documents) that ``user`` may not see.

    A writer replacing a list of links keeps these: they cannot see them, so
    they cannot mean to remove them.
    """
    return list(linked.exclude(visible_q(user)).values_list("pk", flat=True))
