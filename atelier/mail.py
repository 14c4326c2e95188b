"""The portal's outgoing mail: one function for every app.

Mail is sent after the action it reports has been saved (usually from
`transaction.on_commit`), so sending must never fail that action: a subject built
from what users type (a project title with a newline) is made one clean line, and a
mail server that is down or refuses the message is logged, not raised. The user who
saved, published or rejected something gets their answer either way.

The mail is rendered at once and sent by a background task (`send_rendered_mail`,
atelier/tasks.py): in production the worker sends it once the write that caused it is
committed (the task is a row in the same transaction), so a slow or absent mail
server costs the request nothing; a failed send stays in the queue as FAILED, with
its error, and in the log.
"""

import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)


def one_line(text) -> str:
    """`text` with every run of whitespace (newlines, tabs, CR) as one space."""
    return " ".join(str(text).split())


@task()
def send_rendered_mail(*, subject: str, body: str, to: list[str]):
    """Send one rendered mail (a background task)."""
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
    except Exception:
        logger.exception("Mail not sent: %r to %d recipient(s)", subject, len(to))
        raise  # the task is recorded as failed, with the error


def mail_send(
    *, subject_template: str, body_template: str, context: dict, to: Iterable[str]
) -> bool:
    """Render one plain-text mail to the addresses `to` (each sees all of them: send
    one mail per person when they must not) and hand it to the background task. True
    when it was queued (or, run at once, sent); False, with the error in the log,
    when it was not."""
    recipients = [address for address in to if address]
    if not recipients:
        return False
    subject = ""
    try:
        subject = one_line(render_to_string(subject_template, context))
        body = render_to_string(body_template, context)
        result = send_rendered_mail.enqueue(subject=subject, body=body, to=recipients)
    except Exception:  # a template, the queue: never the action
        logger.exception(
            "Mail not sent: %r (%s) to %d recipient(s)",
            subject,
            subject_template,
            len(recipients),
        )
        return False
    return result.status != TaskResultStatus.FAILED
