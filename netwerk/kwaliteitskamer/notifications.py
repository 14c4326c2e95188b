"""Every mail the kwaliteitskamer sends, from this one module, through
`atelier.mail.mail_send` (a mail server that is down never undoes a write):

- the chair approved the advice → the municipality (its officials and the one who
  submitted), after the commit;
- advice past its deadline → IOK staff, one mail each (`manage.py
  kwaliteitskamer_te_laat`).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from atelier.mail import mail_send

from . import rules


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def municipality_addresses(dossier):
    """The dossier's municipality: its officials who may book, and the submitter."""
    addresses = set()
    organisatie = getattr(dossier.gemeente, "organisatie", None)
    if organisatie is not None:
        for lid in organisatie.lidmaatschappen.select_related("user"):
            if lid.user.is_active and lid.user.email and lid.user.has_perm(rules.BOOK):
                addresses.add(lid.user.email)
    if dossier.ingediend_door and dossier.ingediend_door.email:
        addresses.add(dossier.ingediend_door.email)
    return sorted(addresses)


def staff_addresses():
    app_label, codename = rules.MANAGE.split(".")
    permission = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    staff = get_user_model().objects.filter(permission, is_active=True).distinct()
    return sorted({user.email for user in staff if user.email})


def advies_approved(dossier, advies):
    """After the commit: the advice letter is ready for the municipality."""
    context = {
        "dossier": dossier,
        "advies": advies,
        "url": absolute(reverse("kwaliteitskamer:dossier", kwargs={"pk": dossier.pk})),
    }
    to = municipality_addresses(dossier)
    transaction.on_commit(
        lambda: mail_send(
            subject_template="kwaliteitskamer/mail/advies_subject.txt",
            body_template="kwaliteitskamer/mail/advies_body.txt",
            context=context,
            to=to,
        )
    )


def advies_overdue(dossiers):
    """The list of overdue advice to each staff member; the addresses mailed."""
    to = staff_addresses()
    for address in to:  # one mail per person: they need not see each other
        mail_send(
            subject_template="kwaliteitskamer/mail/te_laat_subject.txt",
            body_template="kwaliteitskamer/mail/te_laat_body.txt",
            context={"dossiers": dossiers},
            to=[address],
        )
    return to
