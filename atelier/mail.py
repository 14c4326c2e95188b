"""The portal's outgoing mail: one function for every app.

Mail is sent after the action it reports has been saved (usually from
`transaction.on_commit`), so sending must never fail that action: a subject built
from what users type (a project title with a newline) is made one clean line, and a
mail server that is down or refuses the message is logged, not raised. The user who
saved, published or rejected something gets their answer either way.
"""

import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def one_line(text) -> str:
    """`text` with every run of whitespace (newlines, tabs, CR) as one space."""
    return " ".join(str(text).split())


def mail_send(
    *, subject_template: str, body_template: str, context: dict, to: Iterable[str]
) -> bool:
    """Render and send one plain-text mail to the addresses `to` (each sees all of
    them: send one mail per person when they must not). True when it went out;
    False, with the error in the log, when it did not."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    subject = ""
    try:
        subject = one_line(render_to_string(subject_template, context))
        send_mail(
            subject=subject,
            message=render_to_string(body_template, context),
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:  # the mail server, a header, a template: never the action
        logger.exception(
            "Mail not sent: %r (%s) to %d recipient(s)",
            subject,
            subject_template,
            len(recipients),
        )
        return False
    return True
