"""The member registry and the member lifecycle, one module per concern."""

from dangvu.members.models.badges import BadgeAward
from dangvu.members.models.dues import DuesPayment, DuesProfile, DuesReduction
from dangvu.members.models.lifecycle import MembershipEvent
from dangvu.members.models.registry import (
    SENSITIVE_FIELDS,
    Member,
    MemberQuerySet,
    Placement,
    PlacementQuerySet,
)
from dangvu.members.models.transfers import Transfer

__all__ = [
    "SENSITIVE_FIELDS",
    "BadgeAward",
    "DuesPayment",
    "DuesProfile",
    "DuesReduction",
    "Member",
    "MemberQuerySet",
    "MembershipEvent",
    "Placement",
    "PlacementQuerySet",
    "Transfer",
]
