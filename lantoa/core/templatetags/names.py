"""Codes shown to office staff by their Vietnamese name: `{{ item.language|language_name }}`
("Tiếng Anh", not "en"), `{{ source.country|country_name }}` ("Nhật Bản", not "JP")."""

from django import template

from lantoa.core.constants import country_name, language_name

register = template.Library()
register.filter("country_name", country_name)
register.filter("language_name", language_name)
