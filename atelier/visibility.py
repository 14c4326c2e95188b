"""Who may see an uploaded file (a Wagtail document or image): the one rule that the
file views, the serve hooks and the admin call.

A file is *public* when content that the public sees refers to it. Wagtail's
ReferenceIndex records what refers to what (a model document's versions, an
instrument's documents, a download or image block or a rich-text link in a page, a
project's images), for the stored rows, that is the live content: a page's or project's
draft exists only in its revision. So the files of a version under review, of a draft
page, of a project that waits for publication, or attached to nothing, are not public.

Beyond the public, a signed-in user also sees:
- every file they may choose or edit in the admin (collection permissions: IOK staff);
- the files they uploaded (a submitter's images in a project that waits for IOK);
- the files of content they may see (their own unpublished project);
- the files of the revisions they review (partners and experts in a workflow task).

Which objects of a model a user may see: live pages outside the private sections they
may not enter, for every page type (`visible_pages`); for
other models each app says so through the `register_visible_objects` hook, a dict of
model → function(user) → QuerySet (for example `Project.objects.visible_to`). A model
that no app registers counts as not public, so a new model never exposes its files by
accident.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, TaskState
from wagtail.permissions import policy_registry

VISIBLE_OBJECTS_HOOK = "register_visible_objects"
STAFF_ACTIONS = ["choose", "change"]


def visibility_rules():
    """{model: function(user) -> QuerySet of what that user may see} from the apps."""
    rules = {}
    for hook in hooks.get_hooks(VISIBLE_OBJECTS_HOOK):
        rules.update(hook())
    return rules


def visible_pages(user, pages=None):
    """The live pages `user` may see: outside every private section, or inside
    sections whose restriction they meet (signed in, or in one of the groups).
    A password restriction is met in a browser session only, not here. `pages`: a
    QuerySet of pages to narrow (of one page type), all pages when not given."""
    pages = (Page.objects.all() if pages is None else pages).live()
    if user.is_superuser:
        return pages
    barred = PageViewRestriction.objects.select_related("page")
    if user.is_authenticated:
        barred = barred.exclude(restriction_type=PageViewRestriction.LOGIN).exclude(
            restriction_type=PageViewRestriction.GROUPS,
            groups__in=user.groups.all(),
        )
    for restriction in barred:
        pages = pages.exclude(pages.descendant_of_q(restriction.page, inclusive=True))
    return pages


def visible_objects(model, user):
    """The objects of `model` (a model with its own table of rows) that `user` may see
    on the site; for an anonymous user, what the public sees."""
    if issubclass(model, Page):
        return visible_pages(user)
    rule = visibility_rules().get(model)
    return rule(user) if rule else model._default_manager.none()


def _referrers_visible_to(user):
    """ReferenceIndex rows whose source object `user` may see."""
    sources = {Page: None, **visibility_rules()}
    condition = Q(pk__in=[])
    for model in sources:
        pks = visible_objects(model, user).annotate(_pk=Cast("pk", CharField()))
        condition |= Q(
            base_content_type=ContentType.objects.get_for_model(model),
            object_id__in=pks.values("_pk"),
        )
    return ReferenceIndex.objects.filter(condition)


def _references_to(obj):
    return ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(obj._meta.concrete_model),
        to_object_id=str(obj.pk),
    )


def is_public(obj):
    """Whether content the public sees refers to this document or image."""
    from django.contrib.auth.models import AnonymousUser

    return (
        _references_to(obj)
        .filter(pk__in=_referrers_visible_to(AnonymousUser()).values("pk"))
        .exists()
    )


def may_manage(obj, user):
    """Staff who may choose or edit this file in the admin (its collection's
    permissions)."""
    policy = policy_registry.get_by_type(obj._meta.concrete_model)
    return policy.user_has_any_permission_for_instance(user, STAFF_ACTIONS, obj)


def reviewed_references(user, model):
    """The pks (as strings) of `model` objects that the revisions `user` reviews now
    refer to: the revision each in-progress task of theirs was started on."""
    if not user.is_authenticated:
        return set()
    content_type = ContentType.objects.get_for_model(model)
    found = set()
    states = TaskState.objects.reviewable_by(user).select_related("revision")
    for state in states:
        if state.revision is None:
            continue
        # The references of an unsaved object: what the ReferenceIndex would store
        # for it, drafts' child objects (a page's new versions) included.
        references = ReferenceIndex._extract_references_from_object(
            state.revision.as_object()
        )
        found.update(pk for ct, pk, *_ in references if ct == content_type.pk)
    return found


def is_visible_to(obj, user):
    """Whether `user` may see (download) this document or image."""
    return is_public(obj) or is_visible_beyond_the_public(obj, user)


def is_visible_beyond_the_public(obj, user):
    """Whether `user` may see this file for a reason of their own (staff, uploader,
    their own content, their review); says nothing of the public."""
    if not user.is_authenticated:
        return False
    if may_manage(obj, user) or obj.uploaded_by_user_id == user.pk:
        return True
    visible = _referrers_visible_to(user).values("pk")
    if _references_to(obj).filter(pk__in=visible).exists():
        return True
    return str(obj.pk) in reviewed_references(user, obj._meta.concrete_model)
