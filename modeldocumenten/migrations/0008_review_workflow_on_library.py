"""The partner review is assigned to the library page through Wagtail's own
WorkflowPage: every model document under it is reviewed, whatever the workflow is
called (renaming it in the admin keeps the review). The library page is made here
when there is none, so the assignment exists from the start."""

from django.db import migrations
from django.utils import timezone
from wagtail.models import Page as TreePage  # treebeard's path arithmetic only

WORKFLOW = "Partnerreview modeldocumenten"  # migration 0003
REVIEW_TASK = "Review door partners en experten"
INTRO = (
    "<p>Het Atelier Ruimte Kempen biedt de 29 Kempense gemeenten concrete en "
    "praktische modeldocumenten, informatie en inspiratie voor hun lokale ruimtelijke "
    "beleid: reglementen, bestekken, checklists, visienota's, sjablonen en "
    "modelbesluiten die u meteen kunt aanpassen aan uw eigen gemeente.</p>"
)


def assign_review(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = (
        Workflow.objects.filter(name=WORKFLOW).first()
        or Workflow.objects.filter(workflow_tasks__task__name=REVIEW_TASK).first()
    )
    library = _library(apps)
    if workflow is None or library is None:
        return
    WorkflowPage.objects.update_or_create(
        page_id=library.pk, defaults={"workflow": workflow}
    )


def _library(apps):
    """The library page: the existing one, or a new one under the home page."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("atelier", "HomePage")
    Library = apps.get_model("modeldocumenten", "ModelDocumentIndexPage")

    library = Library.objects.order_by("path").first()
    home = HomePage.objects.order_by("path").first()
    if library is not None or home is None:
        return library
    content_type, _ = ContentType.objects.get_or_create(
        app_label="modeldocumenten", model="modeldocumentindexpage"
    )
    last = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = last.order_by("-path").first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    now = timezone.now()
    library = Library.objects.create(
        title="Modeldocumenten",
        draft_title="Modeldocumenten",
        slug="modeldocumenten",
        content_type=content_type,
        path=TreePage._get_path(home.path, home.depth + 1, step),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}modeldocumenten/",
        locale_id=home.locale_id,
        intro=INTRO,
        live=True,
        show_in_menus=True,
        first_published_at=now,
        last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(
            path__startswith=home.path, depth=home.depth + 1
        ).count()
    )
    return library


def unassign_review(apps, schema_editor):
    apps.get_model("wagtailcore", "WorkflowPage").objects.filter(
        page__content_type__app_label="modeldocumenten",
        page__content_type__model="modeldocumentindexpage",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("modeldocumenten", "0007_heading_block_template"),
        ("atelier", "0008_unaccent"),
    ]
    operations = [migrations.RunPython(assign_review, unassign_review)]
