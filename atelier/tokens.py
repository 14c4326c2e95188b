"""Personal API tokens (DRF's `rest_framework.authtoken`): a signed-in user makes one
on /account/ and sends it as `Authorization: Token <key>`. Making a new one replaces
the old; the key is shown once, on the page that made it."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rest_framework.authtoken.models import Token


@transaction.atomic
def api_token_renew(*, user) -> Token:
    """A new token for `user`; the previous one stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def api_token_revoke(*, user) -> bool:
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)


class ApiTokenView(LoginRequiredMixin, View):
    """POST `actie=maak`: a new token, shown once; `actie=trek-in`: no token."""

    http_method_names = ["post"]

    def post(self, request):
        action = request.POST.get("actie")
        if action == "maak":
            token = api_token_renew(user=request.user)
            response = render(request, "account/api_token.html", {"sleutel": token.key})
            response["Cache-Control"] = "no-store"  # the key stays out of caches
            return response
        if action == "trek-in":
            if api_token_revoke(user=request.user):
                messages.success(request, _("Uw API-sleutel is ingetrokken."))
            return redirect("account:profile")
        return HttpResponseBadRequest(_("Onbekende actie."))
