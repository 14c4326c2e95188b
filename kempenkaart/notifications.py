"""Every mail the Kempenkaart sends about projects, from this one module.

Moderation runs through the project's Wagtail workflow, whether it is driven from the
admin (Publiceren, Goedkeuren, Afwijzen) or from `kempenkaart.services` (the site,
the API, the demo). So the mails follow the workflow's own events, whoever caused
them, and go out after the commit (`atelier.mail.mail_send`): a mail server that is
down never undoes a submission or a decision.

- a revision waits for moderation (the task starts) → the moderators
  (`rules.moderators()`: groups, user permissions and superusers);
- published → the submitter;
- changes requested (rejected) → the submitter, with the moderator's comment.

Wagtail's own workflow mails are silenced for projects: they would go to the
submitter's admin account (partners have none) and bypass the rules.
"""

from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.admin import signal_handlers as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from atelier.mail import mail_send

from . import rules
from .models import Project


def moderators_notify(*, project, new):
    """Tell the IOK staff who moderate that a project waits for them."""
    mail_send(
        subject_template="kempenkaart/mail/staff_subject.txt",
        body_template="kempenkaart/mail/staff_body.txt",
        context={
            "project": project,
            "new": new,
            "base_url": settings.WAGTAILADMIN_BASE_URL,
        },
        to=rules.moderators().values_list("email", flat=True),
    )


def submitter_notify(*, project):
    """Tell the submitter that their project was published or sent back."""
    submitter = project.ingediend_door
    if submitter is None or not submitter.email:
        return
    mail_send(
        subject_template="kempenkaart/mail/decision_subject.txt",
        body_template="kempenkaart/mail/decision_body.txt",
        context={"project": project, "base_url": settings.WAGTAILADMIN_BASE_URL},
        to=[submitter.email],
    )


def after_commit(func, project_pk, **kwargs):
    """Run `func(project=…)` after the commit, on the project as it was stored."""

    def run():
        project = Project.objects.filter(pk=project_pk).first()
        if project is not None:
            func(project=project, **kwargs)

    transaction.on_commit(run)


def _project_pk(workflow_state):
    """The project's pk when `workflow_state` moderates a project, else None."""
    project_type = ContentType.objects.get_for_model(Project)
    if workflow_state.base_content_type_id != project_type.pk:
        return None
    return int(workflow_state.object_id)


def on_task_submitted(sender, instance, **kwargs):
    pk = _project_pk(instance.workflow_state)
    if pk is not None:
        # A first submission has one revision; any later one is a change.
        new = Project.objects.get(pk=pk).revisions.count() == 1
        after_commit(moderators_notify, pk, new=new)


def on_published(sender, instance, **kwargs):
    after_commit(submitter_notify, instance.pk)


def on_workflow_rejected(sender, instance, **kwargs):
    pk = _project_pk(instance)
    if pk is not None:
        after_commit(submitter_notify, pk)


def _unless_project(notifier, sender, instance, **kwargs):
    if _project_pk(instance) is None:
        return notifier(sender=sender, instance=instance, **kwargs)
    return False


# Wagtail's workflow mails (wagtail.admin.signal_handlers), by dispatch_uid.
WAGTAIL_NOTIFIERS = [
    (
        workflow_submitted,
        wagtail_mail.workflow_submission_email_notifier,
        "workflow_state_submitted_email_notification",
    ),
    (
        workflow_rejected,
        wagtail_mail.workflow_rejection_email_notifier,
        "workflow_state_rejected_email_notification",
    ),
    (
        workflow_approved,
        wagtail_mail.workflow_approval_email_notifier,
        "workflow_state_approved_email_notification",
    ),
]


def connect():
    """Called once from `KempenkaartConfig.ready()`."""
    task_submitted.connect(
        on_task_submitted, sender=TaskState, dispatch_uid="kempenkaart_task_submitted"
    )
    published.connect(
        on_published, sender=Project, dispatch_uid="kempenkaart_project_published"
    )
    workflow_rejected.connect(
        on_workflow_rejected,
        sender=WorkflowState,
        dispatch_uid="kempenkaart_workflow_rejected",
    )
    for signal, notifier, uid in WAGTAIL_NOTIFIERS:
        # Same dispatch_uid: replaces Wagtail's receiver, or (when this runs
        # first) makes Wagtail's own connect() a no-op.
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(
            partial(_unless_project, notifier),
            sender=WorkflowState,
            dispatch_uid=uid,
            weak=False,
        )
