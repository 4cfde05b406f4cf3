"""Admin: the search page (menu item), its exports and the saved searches."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from . import views
from .models import SavedSearch
from .query import QueryError, parse_query


@hooks.register("register_admin_urls")
def search_admin_urls():
    return [
        path("search/items/", views.ItemSearchView.as_view(), name="search_items"),
        path("search/items/export/<str:fmt>/", views.export_view, name="search_items_export"),
    ]


@hooks.register("register_admin_menu_item")
def search_menu_item():
    class SearchMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(views.VIEW_ITEM)

    return SearchMenuItem(_("Tìm kiếm tin"), reverse("search_items"), icon_name="search", order=210)


class SavedSearchForm(WagtailAdminModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "query", "is_shared"]
        widgets = {"query": forms.Textarea(attrs={"rows": 3})}

    def clean_query(self):
        query = self.cleaned_data["query"]
        try:
            parse_query(query)
        except QueryError as exc:
            raise forms.ValidationError(str(exc)) from None
        return query


class SavedSearchCreateView(generic.CreateView):
    def get_initial(self):
        return {**super().get_initial(), "query": self.request.GET.get("query", "")}

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.owner = self.request.user
        instance.save()
        return instance


class OwnerOnlyMixin:
    """Only the owner (or a superuser) changes or deletes a saved search; shared ones are
    visible to everyone with the view permission."""

    allow_shared = False

    def get_object(self, queryset=None):
        saved = super().get_object(queryset)
        user = self.request.user
        mine = saved.owner_id == user.pk or user.is_superuser
        if not mine and not (self.allow_shared and saved.is_shared):
            raise PermissionDenied
        return saved


class SavedSearchIndexView(generic.IndexView):
    def get_base_queryset(self):
        user = self.request.user
        return super().get_base_queryset().filter(Q(owner=user) | Q(is_shared=True))


class SavedSearchEditView(OwnerOnlyMixin, generic.EditView):
    pass


class SavedSearchDeleteView(OwnerOnlyMixin, generic.DeleteView):
    pass


class SavedSearchInspectView(OwnerOnlyMixin, generic.InspectView):
    allow_shared = True


class SavedSearchViewSet(ModelViewSet):
    model = SavedSearch
    icon = "search"
    menu_label = _("Tìm kiếm đã lưu")
    add_to_admin_menu = True
    menu_order = 211
    add_view_class = SavedSearchCreateView
    index_view_class = SavedSearchIndexView
    edit_view_class = SavedSearchEditView
    delete_view_class = SavedSearchDeleteView
    inspect_view_class = SavedSearchInspectView
    list_display = ["name", "query", "owner", "is_shared", "updated_at"]
    list_filter = ["is_shared", "owner"]
    list_export = ["name", "query", "owner", "is_shared", "created_at"]
    export_filename = "tim-kiem-da-luu"
    search_fields = ["name", "query"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return SavedSearchForm


@hooks.register("register_admin_viewset")
def register_saved_searches():
    return SavedSearchViewSet("search_savedsearch", url_prefix="search/saved")
