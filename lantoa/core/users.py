"""Wagtail's user admin with the user's unit on the form."""

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class UnitUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"unit"}


class UnitUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"unit"}


class UserViewSet(WagtailUserViewSet):
    template_prefix = "core/users/"

    def get_form_class(self, for_update=False):
        return UnitUserEditForm if for_update else UnitUserCreationForm
