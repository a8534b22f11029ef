"""Login and logout; the lockout page is rendered by django-axes (AXES_LOCKOUT_TEMPLATE)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from dangvu.accounts.forms import LoginForm

login_view = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)

# Django's LogoutView accepts POST only, so a link or an image cannot log anyone out.
logout_view = auth_views.LogoutView.as_view()
