"""Model documents are reviewed by the partners and experts, then published by IOK:
a Wagtail workflow of two group approval tasks. Partners and experts enter the admin
for their review tasks."""

from django.db import migrations

from atelier import roles

WORKFLOW = "Partnerreview modeldocumenten"
REVIEW_TASK = "Review door partners en experten"
PUBLISH_TASK = "Publicatie door IOK"


def create_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    roles.grant(apps, roles.PARTNER, ["wagtailadmin.access_admin"])
    roles.grant(apps, roles.KWALITEITSKAMER_LID, ["wagtailadmin.access_admin"])

    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    tasks = []
    for name, group_names in (
        (REVIEW_TASK, [roles.PARTNER, roles.KWALITEITSKAMER_LID]),
        (PUBLISH_TASK, [roles.IOK_MEDEWERKER]),
    ):
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=name, defaults={"content_type": content_type, "active": True}
        )
        task.groups.set(Group.objects.filter(name__in=group_names))
        tasks.append(task)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    for order, task in enumerate(tasks):
        WorkflowTask.objects.get_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": order}
        )


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("modeldocumenten", "0002_seed_taxonomies"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]
    operations = [migrations.RunPython(create_workflow, remove_workflow)]
