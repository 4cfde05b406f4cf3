from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "lantoa.promotion"
    label = "promotion"
    verbose_name = _("Quảng bá")
