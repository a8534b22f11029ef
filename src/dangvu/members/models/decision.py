"""The fields every dated decision carries: who decided, its number and its date."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionFields(models.Model):
    """A decision of a party body: the deciding body, the document number and date."""

    decided_by = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)

    class Meta:
        abstract = True
