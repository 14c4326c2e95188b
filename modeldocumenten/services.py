"""Telling users about model documents: newer versions of what they downloaded, new
documents on the themes they follow."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from atelier.mail import mail_send

from .models import Download, Melding, ThemaVolger


def document_published_notify(*, page):
    """After a model document is published: tell who downloaded an earlier version
    that a newer one exists, and who follows one of its themes that it is new."""
    current = page.current_version()
    if current is None:
        return 0
    User = get_user_model()
    downloaded_before = User.objects.filter(
        pk__in=Download.objects.filter(versie__page=page, user__isnull=False)
        .exclude(versie=current)
        .values("user")
    )
    following = User.objects.filter(
        pk__in=ThemaVolger.objects.filter(thema__in=page.themas.all()).values("user")
    )
    is_new = page.versies.count() == 1
    recipients = {u.pk: (u, "versie") for u in downloaded_before}
    if is_new:
        recipients.update(
            {u.pk: (u, "thema") for u in following if u.pk not in recipients}
        )
    sent = 0
    for user, reason in recipients.values():
        if not user.is_active or not user.email:
            continue
        try:
            with transaction.atomic():
                Melding.objects.create(user=user, versie=current)
        except IntegrityError:  # already told of this version
            continue
        context = {
            "user": user,
            "page": page,
            "versie": current,
            "reason": reason,
            "base_url": settings.WAGTAILADMIN_BASE_URL,
        }
        sent += mail_send(
            subject_template="modeldocumenten/mail/subject.txt",
            body_template="modeldocumenten/mail/body.txt",
            context=context,
            to=[user.email],
        )
    return sent


def newer_versions_for(user):
    """[(page, downloaded version, current version)] for the documents this user
    downloaded of which a newer version is now published."""
    result = []
    seen = set()
    downloads = (
        Download.objects.filter(user=user, versie__page__live=True)
        .select_related("versie__page")
        .order_by("-created_at")
    )
    for download in downloads:
        page = download.versie.page
        if page.pk in seen:
            continue
        seen.add(page.pk)
        current = page.current_version()
        if current and current.pk != download.versie_id:
            result.append((page, download.versie, current))
    return result
