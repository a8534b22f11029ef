"""The one router of /api/v1/: each app's ``api.py`` registers its viewsets here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()

# Importing the modules registers their viewsets.
from dangvu.admissions import api as _admissions_api  # noqa: E402, F401
from dangvu.congresses import api as _congresses_api  # noqa: E402, F401
from dangvu.congresses import api_progress as _congress_progress_api  # noqa: E402, F401
from dangvu.congresses import api_records as _congress_records_api  # noqa: E402, F401
from dangvu.core import api_deadlines as _deadlines_api  # noqa: E402, F401
from dangvu.core import api_workdays as _workdays_api  # noqa: E402, F401
from dangvu.documents import api as _documents_api  # noqa: E402, F401
from dangvu.evaluations import api as _evaluations_api  # noqa: E402, F401
from dangvu.meetings import api as _meetings_api  # noqa: E402, F401
from dangvu.members import api as _members_api  # noqa: E402, F401
from dangvu.members import api_badges as _badges_api  # noqa: E402, F401
from dangvu.members import api_dues as _dues_api  # noqa: E402, F401
from dangvu.members import api_lifecycle as _lifecycle_api  # noqa: E402, F401
from dangvu.organizations import api as _organizations_api  # noqa: E402, F401
from dangvu.programs import api as _programs_api  # noqa: E402, F401
from dangvu.programs import api_reviews as _program_reviews_api  # noqa: E402, F401
