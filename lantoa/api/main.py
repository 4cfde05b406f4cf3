"""The REST API at /api/ (OpenAPI docs at /api/docs).

Apps contribute routers from `<app>/api.py` (a module-level `router`), built on what
`lantoa.core.api` shares (ErrorOut, require_perm, paging bounds, field types): this package only
assembles them, and no app imports it."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError, ValidationError

from lantoa.core.registry import app_modules
from lantoa.core.security.throttling import api_throttles, auth_failure_count
from lantoa.core.validators import web_url_message

from .auth import API_AUTH

# Answers any operation may give besides its own: documented once for every operation, so clients
# (and the schemathesis test) know them.
COMMON_RESPONSES = {
    "401": "Cần đăng nhập hoặc khóa API hợp lệ.",
    "404": "Không tìm thấy.",
    "422": "Dữ liệu gửi lên không hợp lệ (chi tiết từng trường, bằng tiếng Việt).",
    "429": "Gọi quá nhiều lần trong một phút; thử lại sau.",
}
# Pydantic's error types → Vietnamese (placeholders filled from the error's context).
VALIDATION_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_parsing": "Phải là số.",
    "float_type": "Phải là số.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Cần ít nhất {min_length} ký tự.",
    "string_too_long": "Tối đa {max_length} ký tự.",
    "string_pattern_mismatch": "Không đúng định dạng.",
    "greater_than": "Phải lớn hơn {gt}.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "literal_error": "Chỉ nhận một trong các giá trị: {expected}.",
    "enum": "Chỉ nhận một trong các giá trị: {expected}.",
    "list_type": "Phải là danh sách.",
    "dict_type": "Phải là đối tượng JSON.",
    "model_attributes_type": "Phải là đối tượng JSON.",
    "json_invalid": "JSON không hợp lệ.",
    "url_parsing": "Địa chỉ URL không hợp lệ.",
    "url_scheme": "Địa chỉ phải bắt đầu bằng http:// hoặc https://.",
    "url_type": "Địa chỉ URL không hợp lệ.",
    "datetime_parsing": "Thời điểm không hợp lệ (dùng ISO 8601, ví dụ 2026-11-20T08:00:00+07:00).",
    "datetime_from_date_parsing": "Thời điểm không hợp lệ (dùng ISO 8601).",
    "datetime_type": "Thời điểm không hợp lệ (dùng ISO 8601).",
    "date_parsing": "Ngày không hợp lệ (dùng dạng 2026-11-20).",
    "date_from_datetime_parsing": "Ngày không hợp lệ (dùng dạng 2026-11-20).",
    "date_type": "Ngày không hợp lệ (dùng dạng 2026-11-20).",
    "value_error": "Giá trị không hợp lệ.",
    "extra_forbidden": "Trường này không được nhận.",
    # A schema's own check that already words its message in Vietnamese.
    "lantoa_message": "{message}",
}


def validation_message(error: dict) -> str:
    """A pydantic error in Vietnamese; unknown types keep a generic message."""
    if error.get("type") == "web_url":  # core.validators.WebUrl: its own message
        return web_url_message()
    template = VALIDATION_MESSAGES.get(error.get("type", ""), "Giá trị không hợp lệ.")
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return template.split("{")[0].strip() or "Giá trị không hợp lệ."


class LantoaAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # Ninja keys an operation's own answers by int (404), OpenAPI by string ("404"):
                # one key per status, or the JSON holds "404" twice (Swagger UI: "duplicated
                # mapping key") and a common answer would hide the operation's own.
                responses = {
                    str(status): answer for status, answer in operation.get("responses", {}).items()
                }
                operation["responses"] = responses
                for status, description in COMMON_RESPONSES.items():
                    if status == "401" and not operation.get("security"):
                        continue
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                    )
        return schema


api = LantoaAPI(
    title="Lantoa API",
    version="1",
    description="API của Lantoa: công tác thông tin đối ngoại của phường.",
    auth=API_AUTH,
    urls_namespace="api",
    throttle=api_throttles(),
)


@api.exception_handler(AuthenticationError)
def unauthorised(request, exc):
    auth_failure_count(request)
    return api.create_response(
        request, {"detail": _("Cần đăng nhập hoặc khóa API hợp lệ.")}, status=401
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """Ninja's 422 with each field's message in Vietnamese (same shape: detail = list)."""
    detail = [
        {
            "loc": list(error.get("loc", ())),
            "msg": validation_message(error),
            "type": error.get("type", ""),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


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
