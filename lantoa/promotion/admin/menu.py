"""Menu items of the promotion admin."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown only to people with `permission`."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
