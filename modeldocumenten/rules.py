"""Who may see and do what with the model documents: the one place for these rules.
The library and document pages, downloads, feeds, the portal search, the sections
(home, municipality, account) and the mails' recipients all ask here.

- A model document is seen by who may see its live page (`atelier.visibility`:
  outside the private sections they may not enter); a version and its download by
  who may see the page it belongs to, once it is live. What a user may not see does
  not exist for them (404).
- A draft (a new version under review) is seen by its editors and by the reviewers
  whose task it waits on; reviewing is Wagtail's workflow (the partner review,
  assigned to the library page: migration 0008).
- Following a theme is for signed-in users; a mail goes only to an active user with an
  address who may see the document it tells of.
"""

from django.contrib.auth.models import AnonymousUser
from wagtail.models import TaskState

from atelier.visibility import visible_pages


def documents_visible_to(user):
    """The live model documents `user` may see (the public's for an anonymous user)."""
    from .models import ModelDocumentPage

    return visible_pages(user, ModelDocumentPage.objects.all())


def public_documents():
    """What everyone may see: the feeds' and the public pages' documents."""
    return documents_visible_to(AnonymousUser())


def may_view_page(user, page):
    return documents_visible_to(user).filter(pk=page.pk).exists()


def may_view_version(user, versie):
    """A saved (live) version of a document `user` may see."""
    return versie.pk is not None and may_view_page(user, versie.page)


def may_download(user, versie, kind):
    """The file `kind` ("bestand", "pdf") of a version `user` may see."""
    return kind in dict(versie.files()) and may_view_version(user, versie)


def may_review(user, page):
    """`user` may act on the workflow task the page waits on now."""
    if not user.is_authenticated:
        return False
    return TaskState.objects.reviewable_by(user).for_instance(page).exists()


def may_view_draft(user, page):
    """The page's editors, and its reviewers while their task runs."""
    if not user.is_authenticated:
        return False
    return page.permissions_for_user(user).can_edit() or may_review(user, page)


def may_follow(user):
    """Following a theme (and hearing of new documents on it) needs an account."""
    return user.is_authenticated and user.is_active


def may_be_told(user, page):
    """`user` may get a mail about `page`."""
    return bool(user.is_active and user.email) and may_view_page(user, page)


def recipients(users, page):
    """The users of `users` who may get a mail about `page`."""
    if may_view_page(AnonymousUser(), page):  # public: no need to ask per user
        return [user for user in users if user.is_active and user.email]
    return [user for user in users if may_be_told(user, page)]
