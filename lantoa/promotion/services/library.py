"""Writes for the content library."""

from django.db import transaction
from wagtail.images.models import Image

from ..constants import AssetKind, Licence, ThemeCode
from ..models import MediaAsset, Theme


@transaction.atomic
def themes_ensure() -> dict[str, Theme]:
    """Create the plan's content themes (idempotent); names follow the constants."""
    themes = {}
    for code, label in ThemeCode.choices:
        theme, _ = Theme.objects.update_or_create(code=code, defaults={"name": str(label)})
        themes[code] = theme
    return themes


@transaction.atomic
def asset_register_image(
    *,
    image: Image,
    credit: str,
    licence: Licence,
    usage_rights: str = "",
    themes: list[Theme] = (),
    language: str = "",
) -> MediaAsset:
    """Record the library metadata of a Wagtail image (idempotent per image)."""
    asset, _ = MediaAsset.objects.update_or_create(
        image=image,
        defaults={
            "title": image.title,
            "kind": AssetKind.IMAGE,
            "credit": credit,
            "licence": licence,
            "usage_rights": usage_rights,
            "language": language,
        },
    )
    asset.themes.set(themes)
    return asset
