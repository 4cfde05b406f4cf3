"""The REST API at /api/ (OpenAPI docs at /api/docs).

Apps contribute routers from `<app>/api.py` (a module-level `router`)."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError

from lantoa.core.registry import app_modules
from lantoa.core.security.throttling import api_throttles

from .auth import API_AUTH

api = NinjaAPI(
    title="Lantoa API",
    version="1",
    description="API của Lantoa: công tác thông tin đối ngoại của phường.",
    auth=API_AUTH,
    urls_namespace="api",
    throttle=api_throttles(),
)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    return api.create_response(
        request, {"detail": _("Cần đăng nhập hoặc khóa API hợp lệ.")}, status=401
    )


class MeOut(Schema):
    username: str
    full_name: str
    unit: str | None
    roles: list[str]


core_router = Router(tags=["core"])


@core_router.get("/health", auth=None)
def health(request) -> dict:
    return {"status": "ok"}


@core_router.get("/me", response=MeOut)
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        unit=user.unit.name if user.unit_id else None,
        roles=sorted(user.groups.values_list("name", flat=True)),
    )


api.add_router("", core_router)
for module in app_modules("api"):
    if hasattr(module, "router"):
        api.add_router("", module.router)
