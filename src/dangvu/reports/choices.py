"""Bands of the maintained statistics (GLOSSARY.md, Statistics)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyAgeBand(models.TextChoices):
    """Years since admission, in the steps the badges mark (30, 40, 50 years)."""

    UNDER_10 = "under_10", _("Dưới 10 năm")
    FROM_10_TO_29 = "10_29", _("Từ 10 đến 29 năm")
    FROM_30_TO_39 = "30_39", _("Từ 30 đến 39 năm")
    FROM_40_TO_49 = "40_49", _("Từ 40 đến 49 năm")
    FROM_50 = "50_plus", _("Từ 50 năm trở lên")


# (lowest, highest) whole years since the admission date, inclusive.
PARTY_AGE_BAND_LIMITS: dict[str, tuple[int, int]] = {
    PartyAgeBand.UNDER_10: (0, 9),
    PartyAgeBand.FROM_10_TO_29: (10, 29),
    PartyAgeBand.FROM_30_TO_39: (30, 39),
    PartyAgeBand.FROM_40_TO_49: (40, 49),
    PartyAgeBand.FROM_50: (50, 200),
}
