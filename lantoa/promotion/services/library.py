"""Writes for the content library."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image

from lantoa.core.constants import Role

from ..constants import AssetKind, Licence, ThemeCode
from ..models import MediaAsset, Theme
from ..selectors import assets_expiring


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


def library_rights_warn(*, today=None, within_days: int = 30) -> int:
    """The weekly rights list: e-mail the editors the library items whose rights end within
    `within_days` (or have ended) while a live page still shows them. Returns how many items."""
    today = today or timezone.localdate()
    expiring = assets_expiring(within_days=within_days, today=today)
    if not expiring:
        return 0
    lines = []
    for asset, pages in expiring:
        state = "ĐÃ HẾT QUYỀN" if asset.rights_expire_on < today else "sắp hết quyền"
        lines.append(f"- {asset.title}: {state} ngày {asset.rights_expire_on:%d/%m/%Y}")
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        lines += [f"    {page.title} ({base}/admin/pages/{page.pk}/edit/)" for page in pages]
    emails = list(
        get_user_model()
        .objects.filter(groups__name=Role.EDITOR.value, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if emails:
        body = (
            f"Tư liệu hết quyền sử dụng trong {within_days} ngày tới mà trang công khai còn dùng "
            "(thay tư liệu hoặc gia hạn quyền; trang dùng tư liệu hết quyền không đăng lại được):"
            "\n\n" + "\n".join(lines)
        )
        send_mail(f"[Lantoa] {len(expiring)} tư liệu sắp hết quyền sử dụng", body, None, emails)
    return len(expiring)
