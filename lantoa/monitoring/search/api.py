"""REST endpoints for monitored items: search with the query language and read one item."""

from datetime import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from lantoa.core.api import MAX_OFFSET, NO_NUL, ErrorOut, require_perm
from lantoa.monitoring.models import Item

from .selectors import (
    COUNT_BOUND,
    RELEVANCE_CANDIDATES,
    QueryError,
    parse_query,
    search_items,
    search_newest,
)

router = Router(tags=["monitoring"])

MAX_LIMIT = 200


class ItemOut(Schema):
    id: int
    title: str
    url: str
    source: str = Field(..., alias="source.name")
    source_id: int
    language: str
    published: datetime | None = Field(None, alias="published_at")
    summary: str


class ItemDetailOut(ItemOut):
    text: str
    fetched: datetime = Field(..., alias="fetched_at")


class ItemPage(Schema):
    count: int = Field(
        ...,
        description="Số tin khớp (không chỉ trang này). Khi `count_capped` là true: đã đếm đến "
        "giới hạn này và còn nhiều tin khớp hơn.",
    )
    count_capped: bool = Field(
        ..., description="true: có hơn `count` tin khớp (gửi `exact=true` để đếm hết)."
    )
    results: list[ItemOut]


def _require_read(request) -> None:
    """Monitored items are for the roles that follow the media, as in the admin item list."""
    require_perm(request, "monitoring.view_item", _("Bạn không có quyền xem tin đã thu thập."))


class QueryErrorOut(Schema):
    detail: str = Field(..., description="Lỗi bằng tiếng Việt.")
    position: int = Field(..., description="Vị trí (tính từ 0) của lỗi trong câu truy vấn.")


class ItemSearchParams(Schema):
    q: str = Field(
        "",
        description='Câu truy vấn kiểu Lucene, ví dụ `"Quy Nhơn" AND lang:vi`. Bỏ trống: mọi tin.',
        max_length=2000,
        pattern=NO_NUL,  # PostgreSQL refuses NUL in text: a 422, not a 500
    )
    order: Literal["newest", "relevance"] = Field(
        "newest",
        description="`newest`: tin mới thu thập trước; `relevance`: phù hợp nhất trước (xếp hạng "
        f"trong {RELEVANCE_CANDIDATES} tin khớp mới nhất).",
    )
    exact: bool = Field(
        False,
        description=f"Đếm chính xác mọi tin khớp. Mặc định đếm đến {COUNT_BOUND} rồi dừng "
        "(`count_capped`), nhanh hơn nhiều với truy vấn rộng.",
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get(
    "/items",
    response={200: ItemPage, 400: QueryErrorOut, 403: ErrorOut},
    summary="Tìm tin",
    description=(
        "Tìm tin theo ngôn ngữ truy vấn: AND/OR/NOT, ngoặc kép, ngoặc đơn, `title:`, "
        "`source:`, `lang:`, `date:[2026-08-01 TO 2026-08-20]`, dấu * cuối từ (≥ 3 ký tự). "
        "Gõ có dấu: khớp đúng dấu; gõ không dấu: khớp mọi cách bỏ dấu. Kết quả xếp theo tin mới "
        "thu thập trước, hoặc theo độ phù hợp với `order=relevance`."
    ),
)
def items_search(request, params: Query[ItemSearchParams]):
    _require_read(request)
    try:
        query = parse_query(params.q) if params.q.strip() else ""
        page = search_newest(
            query,
            offset=params.offset,
            limit=params.limit,
            order=params.order,
            count_bound=COUNT_BOUND,
        )
        count, capped = page.count, page.count_capped
        if params.exact and capped:
            count, capped = search_items(query).count(), False
    except QueryError as exc:
        return Status(400, {"detail": exc.message, "position": exc.position})
    return Status(200, {"count": count, "count_capped": capped, "results": page.items})


@router.get(
    "/items/{id}",
    response={200: ItemDetailOut, 403: ErrorOut},
    summary="Một tin",
    description="Toàn bộ một tin đã thu thập (kể cả nội dung).",
)
def item_detail(request, id: int):
    _require_read(request)
    return get_object_or_404(Item.objects.select_related("source"), pk=id)
