"""Who may use the Wagtail admin views that Wagtail leaves open to everyone with admin
access.

Partners and experts enter the admin only to review model documents (their workflow
tasks: the dashboard, the page they review, its preview and the review actions).
Wagtail's own views check their own permissions (pages, documents, images, snippets,
users), but a few generic views assume that whoever enters the admin is an editor: they
list or name any object by id. Each gets its rule here, in terms of Wagtail's permission
policies, and `check_admin_view_rules` (applied to the admin's URLs in atelier/urls.py)
refuses the others with a 403:

- the page chooser (browse, search, "chosen" by id): for who may edit pages;
- the site history report and its CSV/XLSX export: for whom Wagtail's menu shows it
  (an explorable part of the page tree);
- every snippet chooser: for whom the snippet's permission policy grants any
  permission (so partners never list others' unpublished projects);
- the embed chooser and the tag autocompletion: for editors of pages or files;
- the workflow task chooser: for who may manage workflows;
- a page's workflow action, preview and cancellation views, which name the page in
  their messages: for who may edit it (its reviewers included);
- Wagtail's error test page (a deliberate 500): for superusers.

The file listings of Wagtail's admin API follow the document and image choosers
(`FileAdminAPIMixin`, registered in atelier/wagtail_hooks.py), and moving a page needs
the right to move it (hook there too). tests/test_access_matrix.py tries every admin URL
as a reviewer: a new generic view that shows too much fails there.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, Workflow
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

ADMIN_ACCESS = "wagtailadmin.access_admin"


def may_edit_pages(user, **kwargs):
    return policy_registry.get_by_type(Page).user_has_any_permission(
        user, ["add", "change", "publish"]
    )


def may_manage_files(user, **kwargs):
    return any(
        policy_registry.get_by_type(model).user_has_any_permission(
            user, ["add", "change", "choose"]
        )
        for model in (get_document_model(), get_image_model())
    )


def sees_site_history(user, **kwargs):
    """Wagtail's own condition for the report's menu item."""
    return policy_registry.get_by_type(Page).explorable_root_instance(user) is not None


def may_manage_workflows(user, **kwargs):
    return policy_registry.get_by_type(Workflow).user_has_any_permission(
        user, ["add", "change", "delete"]
    )


def may_edit_pages_or_files(user, **kwargs):
    return may_edit_pages(user) or may_manage_files(user)


def may_edit_page(user, page_id, **kwargs):
    """The page's editors, and its reviewers while their task runs (Wagtail lets them
    into the editor); an unknown page is left to Wagtail's 404."""
    page = Page.objects.filter(pk=page_id).first()
    return page is None or page.permissions_for_user(user).can_edit()


def is_superuser(user, **kwargs):
    return user.is_superuser


VIEW_RULES = {
    "wagtailadmin_choose_page": may_edit_pages,
    "wagtailadmin_choose_page_child": may_edit_pages,
    "wagtailadmin_choose_page_search": may_edit_pages,
    "wagtailadmin_choose_page_chosen_multiple": may_edit_pages,
    "wagtailadmin_reports:site_history": sees_site_history,
    "wagtailadmin_reports:site_history_results": sees_site_history,
    "wagtailembeds:chooser": may_edit_pages_or_files,
    "wagtailembeds:chooser_upload": may_edit_pages_or_files,
    "wagtailadmin_tag_autocomplete": may_edit_pages_or_files,
    "wagtailadmin_tag_model_autocomplete": may_edit_pages_or_files,
    "wagtailadmin_workflows:task_chooser": may_manage_workflows,
    "wagtailadmin_workflows:task_chooser_results": may_manage_workflows,
    "wagtailadmin_workflows:task_chooser_create": may_manage_workflows,
    "wagtailadmin_workflows:task_chosen": may_manage_workflows,
    # They name the page in their "not awaiting moderation" message.
    "wagtailadmin_pages:workflow_action": may_edit_page,
    "wagtailadmin_pages:collect_workflow_action_data": may_edit_page,
    "wagtailadmin_pages:workflow_preview": may_edit_page,
    "wagtailadmin_pages:confirm_workflow_cancellation": may_edit_page,
    # Wagtail's deliberate error, to test error reporting.
    "wagtailadmin_error_test": is_superuser,
}
SNIPPET_ACTIONS = ["add", "change", "delete", "view"]


def snippet_chooser_rule(namespace):
    """The rule of a snippet's chooser views: its permission policy grants the user
    some permission on the model."""
    for model in get_snippet_models():
        if model.snippet_viewset.get_chooser_admin_url_namespace() == namespace:
            policy = policy_registry.get_by_type(model)
            return lambda user, **kwargs: policy.user_has_any_permission(
                user, SNIPPET_ACTIONS
            )
    return None


def rule_for(resolver_match):
    rule = VIEW_RULES.get(resolver_match.view_name)
    if rule is None and resolver_match.namespace.startswith("wagtailsnippetchoosers_"):
        rule = snippet_chooser_rule(resolver_match.namespace)
    return rule


def check_admin_view_rules(view_func):
    """Decorator for the admin's views: a user with admin access must also pass the
    view's rule (see above). Users without admin access go on to Wagtail's own check,
    which sends them to the login page."""

    @wraps(view_func)
    def checked(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and user.has_perm(ADMIN_ACCESS):
            match = request.resolver_match
            rule = rule_for(match)
            if rule is not None and not rule(user, **match.kwargs):
                raise PermissionDenied
        return view_func(request, *args, **kwargs)

    return checked


class FileAdminAPIMixin:
    """The documents or images of Wagtail's admin API: the ones the user may choose
    (collection permissions, as in the choosers), not every file."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return (
            policy.instances_user_has_any_permission_for(self.request.user, ["choose"])
            .exclude(collection__in=get_restricted_collection_ids(self.request))
            .order_by("id")
        )


class DocumentsAPIViewSet(FileAdminAPIMixin, DocumentsAdminAPIViewSet):
    pass


class ImagesAPIViewSet(FileAdminAPIMixin, ImagesAdminAPIViewSet):
    pass
