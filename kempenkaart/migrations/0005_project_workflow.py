"""Projects are moderated by a Wagtail workflow, assigned to the Project model by a
WorkflowContentType (found by reference: renaming the workflow keeps it). Projects
that wait for moderation get a workflow in progress; rejected ones a workflow that
needs changes, with the rejection reason as the moderator's comment."""

from django.db import migrations

WORKFLOW_NAME = "Projecten op de Kempenkaart modereren"
TASK_NAME = "IOK modereert het project"


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def assign_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    ProjectModeratie = apps.get_model("kempenkaart", "ProjectModeratie")
    Project = apps.get_model("kempenkaart", "Project")

    project_type = content_type(apps, "kempenkaart", "project")
    if WorkflowContentType.objects.filter(content_type=project_type).exists():
        return
    task = ProjectModeratie.objects.create(
        name=TASK_NAME,
        active=True,
        content_type=content_type(apps, "kempenkaart", "projectmoderatie"),
    )
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    WorkflowContentType.objects.create(workflow=workflow, content_type=project_type)

    task_state_type = content_type(apps, "wagtailcore", "taskstate")
    waiting = Project.objects.filter(live=False, latest_revision__isnull=False)
    for project in waiting:
        rejected = project.afgewezen_op is not None
        state = WorkflowState.objects.create(
            content_type=project_type,
            base_content_type=project_type,
            object_id=str(project.pk),
            workflow=workflow,
            status="needs_changes" if rejected else "in_progress",
            requested_by_id=project.ingediend_door_id,
        )
        state.current_task_state = TaskState.objects.create(
            workflow_state=state,
            revision_id=project.latest_revision_id,
            task_id=task.pk,
            status="rejected" if rejected else "in_progress",
            finished_at=project.afgewezen_op,
            comment=project.afwijzingsreden if rejected else "",
            content_type=task_state_type,
        )
        state.save()


class Migration(migrations.Migration):
    dependencies = [
        ("kempenkaart", "0004_projectmoderatie"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(assign_workflow, migrations.RunPython.noop)]
