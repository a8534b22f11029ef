from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from dangvu.accounts.entry import refused_as_demo


class DemoAwareModelBackend(ModelBackend):
    """Django's password login, refusing demo accounts outside demo mode.

    ``get_user`` asks ``user_can_authenticate`` too, so a session opened while
    demo mode was on stops working once the server runs without it.
    """

    def user_can_authenticate(self, user: Any) -> bool:
        if refused_as_demo(user):
            return False
        return super().user_can_authenticate(user)
