"""Every mail of the model documents, sent from this one module through
`atelier.mail.mail_send` after the commit of what it reports (a failing mail server
never undoes a publication), to the recipients `rules.recipients` allows:

- a newer version of a document they downloaded (signed in);
- a new document on a theme they follow.

The account page tells the first as well (`newer_versions_for`).

Each user is told of a version once (`Melding`). Wagtail's own workflow mails (a
review task waiting, changes requested with the reviewer's comment) are Wagtail's.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from atelier.mail import mail_send

from . import rules
from .models import DocumentVersie, Download, Melding, ThemaVolger


def document_published(page):
    """A model document was published (through the admin, a workflow or a service):
    tell who should know, once the publication is committed."""
    transaction.on_commit(lambda: document_published_notify(page=page))


def document_published_notify(*, page):
    """Tell who downloaded an earlier version that a newer one exists, and who follows
    one of its themes that it is new. Returns the number of mails sent."""
    current = page.current_version()
    if current is None:
        return 0
    User = get_user_model()
    downloaded_before = User.objects.filter(
        pk__in=Download.objects.filter(versie__page=page, user__isnull=False)
        .exclude(versie=current)
        .values("user")
    )
    reasons = {user.pk: (user, "versie") for user in downloaded_before}
    if page.versies.count() == 1:  # a new document, not a new version
        following = User.objects.filter(
            pk__in=ThemaVolger.objects.filter(thema__in=page.themas.all()).values(
                "user"
            )
        ).exclude(pk__in=list(reasons))
        reasons.update({user.pk: (user, "thema") for user in following})
    allowed = rules.recipients([user for user, _reason in reasons.values()], page)
    sent = 0
    for user in allowed:
        try:
            with transaction.atomic():
                Melding.objects.create(user=user, versie=current)
        except IntegrityError:  # already told of this version
            continue
        context = {
            "user": user,
            "page": page,
            "versie": current,
            "reason": reasons[user.pk][1],
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
    """What the account page tells `user`: [(page, downloaded version, current
    version)] for the documents they downloaded (and may still see) of which a newer
    version is now published; in two questions, however many there are."""
    downloads = (
        Download.objects.filter(
            user=user, versie__page__in=rules.documents_visible_to(user)
        )
        .select_related("versie__page")
        .order_by("-created_at")
    )
    last_taken = {}  # page pk: the download of it that came last
    for download in downloads:
        last_taken.setdefault(download.versie.page_id, download)
    current = {
        versie.page_id: versie
        for versie in DocumentVersie.objects.filter(page__in=list(last_taken))
        .order_by("page", "-datum", "-pk")
        .distinct("page")
    }
    return [
        (download.versie.page, download.versie, current[page])
        for page, download in last_taken.items()
        if page in current and current[page].pk != download.versie_id
    ]
