"""Log-in and 忘记密码: Django's auth views with our templates, the platform's name and an audit event.

A forgotten password is reset by an e-mailed link when the platform has mail
(``GONGKAI_PASSWORD_RESET_EMAIL``); otherwise the page says who resets accounts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import path, reverse_lazy

from gongkai.core.audit import record_event


class PlatformNameMixin:
    """Django's auth views set ``site_name`` to the host (no sites framework): use the platform's name."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["site_name"] = settings.GONGKAI_SITE_NAME
        context["password_reset_by_email"] = settings.GONGKAI_PASSWORD_RESET_EMAIL
        context["account_help"] = settings.GONGKAI_ACCOUNT_HELP
        return context


class LoginView(PlatformNameMixin, auth_views.LoginView):
    pass


class PasswordForgotView(PlatformNameMixin, auth_views.PasswordResetView):
    template_name = "workspace/password_forgot.html"
    email_template_name = "workspace/password_reset_email.txt"
    subject_template_name = "workspace/password_reset_subject.txt"
    success_url = reverse_lazy("workspace:password_sent")

    @property
    def extra_email_context(self) -> dict[str, Any]:
        return {"site_name": settings.GONGKAI_SITE_NAME}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.GONGKAI_PASSWORD_RESET_EMAIL:
            return password_help(request)
        return super().dispatch(request, *args, **kwargs)


def password_help(request: HttpRequest) -> HttpResponse:
    """No mail configured: who resets a forgotten password."""
    context = {"account_help": settings.GONGKAI_ACCOUNT_HELP}
    return render(request, "workspace/password_help.html", context)


class PasswordSentView(PlatformNameMixin, auth_views.PasswordResetDoneView):
    template_name = "workspace/password_sent.html"


class PasswordResetView(PlatformNameMixin, auth_views.PasswordResetConfirmView):
    template_name = "workspace/password_reset.html"
    success_url = reverse_lazy("workspace:password_done")

    def form_valid(self, form: Form) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            user = self.user  # set by the parent from the link's uid
            record_event(actor=user, action="account.password_reset", obj=user, via="web", details={"by": "email"})
        return response


class PasswordDoneView(PlatformNameMixin, auth_views.PasswordResetCompleteView):
    template_name = "workspace/password_done.html"


urlpatterns = [
    path("password/forgot/", PasswordForgotView.as_view(), name="password_forgot"),
    path("password/forgot/sent/", PasswordSentView.as_view(), name="password_sent"),
    path("password/reset/<uidb64>/<token>/", PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/done/", PasswordDoneView.as_view(), name="password_done"),
]
