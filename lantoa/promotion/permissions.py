"""Role permissions of promotion (found by `manage.py roles_ensure`): the library, the calendar,
and the site's pages when the home page exists."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from lantoa.core.constants import Role
from lantoa.core.services import role_grant_permissions

from .models import HomePage


@transaction.atomic
def permissions_grant() -> None:
    """Editors may add, edit, publish and translate pages of every language, use the library and
    keep the editorial calendar. Without a home page yet, the page part waits for one."""
    home = HomePage.objects.filter(depth=2).first()
    editors = Group.objects.get(name=Role.EDITOR.value)
    page_perms = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    )
    for locale_home in home.get_translations(inclusive=True) if home else []:
        for permission in page_perms:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=locale_home, permission=permission
            )
    collection = Collection.get_first_root_node()
    for app_label, codenames in (
        ("wagtailimages", ["add_image", "change_image", "choose_image"]),
        ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
    ):
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=permission
            )
    role_grant_permissions(
        role=Role.EDITOR, app_label="wagtail_localize", codenames=["submit_translation"]
    )
    model_perms = []
    for model in ("contentplanitem", "campaign", "channelpost", "mediaasset"):
        model_perms += [f"{action}_{model}" for action in ("add", "change", "view")]
    role_grant_permissions(
        role=Role.EDITOR,
        app_label="promotion",
        codenames=[*model_perms, "view_theme", "view_officialterm"],
    )
    role_grant_permissions(
        role=Role.LEADER,
        app_label="promotion",
        codenames=[
            "view_contentplanitem",
            "view_campaign",
            "view_channelpost",
            "view_mediaasset",
            *(f"{action}_officialterm" for action in ("add", "change", "view")),
        ],
    )
