from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    # This module holds more than one AppConfig (see UsersAppConfig), so Django needs telling.
    default = True
    name = "lantoa.core"
    label = "core"
    verbose_name = _("Tổ chức và người dùng")

    def ready(self):
        post_migrate.connect(ensure_wagtail_roots, sender=apps.get_app_config("wagtailcore"))
        post_migrate.connect(ensure_schedules, sender=apps.get_app_config("django_celery_beat"))
        from .admin.choices import plain_filter_choices_install
        from .admin.chooser_links import chooser_links_install
        from .admin.moments import local_moments_install
        from .admin.shortcuts_dialog import shortcuts_dialog_cache_install
        from .admin.sidebar import sidebar_cache_install
        from .admin.usage_scope import usage_scope_install
        from .files import file_cleanup_connect
        from .public_cache import signals_connect

        signals_connect()
        file_cleanup_connect()
        sidebar_cache_install()
        shortcuts_dialog_cache_install()
        plain_filter_choices_install()
        chooser_links_install()
        usage_scope_install()
        local_moments_install()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the user's unit on the forms."""

    user_viewset = "lantoa.core.users.UserViewSet"


def ensure_schedules(sender, **kwargs):
    """Every app's periodic work exists after each `migrate` (and after a flush), on any
    database and without the demo loader: `core.beat`."""
    from .beat import schedules_ensure  # models are loaded only once the apps are ready

    schedules_ensure()


# The title of Wagtail's page root and the name of its collection root, as staff read them in the
# explorer and the collection lists (migration core 0004 renames Wagtail's "Root").
ROOT_TITLE = "Gốc"


def ensure_wagtail_roots(sender, using="default", **kwargs):
    """Wagtail's page root, collection root, default locale and wagtail-localize's permission are
    rows that data migrations create once.

    A database flush (`flush`, or a transactional test tearing down) empties them and emits
    post_migrate, like Django does for content types and permissions; without a root the admin
    dashboard fails (NoReverseMatch on the explorer). Recreate them; a no-op after `migrate`.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    locale, _ = Locale.objects.using(using).get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.using(using).filter(depth=1).exists():
        Page.add_root(instance=Page(title=ROOT_TITLE, slug="root", locale=locale))
    if not Collection.objects.using(using).filter(depth=1).exists():
        Collection.add_root(name=ROOT_TITLE)
    # wagtail-localize hangs its "submit translations" permission on a content type of its own,
    # made by a data migration, so a flush loses it too.
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_type, _ = ContentType.objects.using(using).get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.using(using).get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
