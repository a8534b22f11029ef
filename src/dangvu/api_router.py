"""The one router of /api/v1/: each app's ``api.py`` registers its viewsets here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

# Importing the modules registers their viewsets.
from dangvu.members import api as _members_api  # noqa: E402, F401
from dangvu.organizations import api as _organizations_api  # noqa: E402, F401
