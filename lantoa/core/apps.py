from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CoreConfig(AppConfig):
    name = "lantoa.core"
    label = "core"
    verbose_name = _("Tổ chức và người dùng")


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the user's unit on the forms."""

    user_viewset = "lantoa.core.users.UserViewSet"
