"""Admin views: the search results page (highlights, facets, paging) and its exports.

A custom view because no Wagtail listing component searches with a query language, ranks and
highlights; it still uses Wagtail's admin page furniture.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lantoa.core.roles import PermissionRequiredMixin, requires_perm

from .exports import csv_chunks, xlsx_file
from .models import SavedSearch
from .query import QueryError
from .selectors import highlight, parse_query, search_items, search_newest

PAGE_SIZE = 25
VIEW_ITEM = "monitoring.view_item"


class ItemSearchView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    # Monitored items are for the roles that follow the media (monitor, leader, rapid response).
    required_perm = VIEW_ITEM
    template_name = "search/results.html"
    page_title = gettext_lazy("Tìm kiếm tin")
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        context.update(query=query, error=None, page=None, facets=None)
        context["saved_searches"] = saved_searches_for(self.request.user)
        if not query:
            return context
        try:
            number = max(1, int(self.request.GET.get("p") or 1))
        except ValueError:
            number = 1
        try:
            parsed = parse_query(query)
            page = search_newest(
                parsed, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE, with_facets=True
            )
        except QueryError as exc:
            context.update(error=exc, error_pad=" " * exc.position)
            return context
        rows = [
            {
                "item": item,
                "title": highlight(item.title, parsed),
                "summary": highlight(item.summary or item.text, parsed, snippet=300),
            }
            for item in page.items
        ]
        context.update(
            page=page,
            rows=rows,
            count=page.count,
            count_capped=page.count_capped,
            number=number,
            start_index=page.offset + 1,
            facets=_facet_links(page.facets(), query),
            export_csv=_url("search_items_export", "csv", query),
            export_xlsx=_url("search_items_export", "xlsx", query),
            prev_url=_page_url(query, number - 1) if number > 1 else "",
            next_url=_page_url(query, number + 1) if page.has_next else "",
            save_url=reverse("search_savedsearch:add") + "?" + urlencode({"query": query}),
        )
        return context


def _page_url(query: str, number: int) -> str:
    return reverse("search_items") + "?" + urlencode({"q": query, "p": number})


def _url(name: str, fmt: str, query: str) -> str:
    return reverse(name, args=[fmt]) + "?" + urlencode({"q": query})


def _facet_links(facets: dict, query: str) -> dict:
    """Each facet value with the link that narrows the search to it."""

    base = reverse("search_items") + "?"  # once: ~50 links a page

    def narrowed(clause: str) -> str:
        return base + urlencode({"q": f"({query}) AND {clause}"})

    for row in facets["source"]:
        row["url"] = narrowed(f"source:{row['value']}")
    for row in facets["language"]:
        row["url"] = narrowed(f"lang:{row['value']}") if row["value"] else ""
    for row in facets["day"]:
        row["url"] = narrowed(f"date:{row['value'].isoformat()}")
    return facets


def saved_searches_for(user):
    return SavedSearch.objects.filter(Q(owner=user) | Q(is_shared=True)).order_by("name")[:50]


@requires_perm(VIEW_ITEM)
def export_view(request, fmt: str):
    """Every result of `?q=` (no row cap), as CSV (streamed row by row) or XLSX."""
    query = request.GET.get("q", "")
    try:
        results = search_items(query)
    except QueryError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"tim-kiem-{stamp}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_chunks(results), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if fmt == "xlsx":
        return FileResponse(
            xlsx_file(results),
            as_attachment=True,
            filename=filename,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return HttpResponseBadRequest(_("Định dạng không hỗ trợ."))
