"""Maintained counts of the members an organisation counts, by dimension and value."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tally(models.Model):
    """How many counted members of ``organization``'s subtree have ``value`` in ``dimension``.

    Kept for every organisation from the cell up to the root by
    ``reports/tallies.py``, always equal to a recount from the members
    (docs/decisions/0004-maintained-tallies.md). Rows with a zero count are deleted.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("tổ chức"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        # Derived rows: no database constraint, so a rebuild writing tens of
        # millions of rows queues no deferred foreign-key checks.
        db_constraint=False,
    )
    org_path = models.CharField(_("đường dẫn tổ chức"), max_length=255)
    dimension = models.CharField(_("chiều thống kê"), max_length=30)
    value = models.CharField(_("giá trị"), max_length=40)
    count = models.IntegerField(_("số lượng"))

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "dimension", "value"], name="tally_org_dimension_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_path} {self.dimension}={self.value}: {self.count}"
