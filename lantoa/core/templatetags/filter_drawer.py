"""`{% cached_filter_drawer filters %}`: the admin lists' filter drawer from the cache
(lantoa.core.admin.filter_drawer)."""

from django import template

from ..admin.filter_drawer import filter_drawer_html

register = template.Library()


@register.simple_tag
def cached_filter_drawer(filters):
    return filter_drawer_html(filters)
