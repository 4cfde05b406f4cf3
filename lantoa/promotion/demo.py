from .services import site_ensure


def load(*, log) -> None:
    home = site_ensure(
        title="Quy Nhơn - Gia Lai",
        intro="Thành phố biển hiền hòa, nơi hội tụ lịch sử, văn hóa và con người đất Võ.",
    )
    translations = home.get_translations().count()
    log(f"promotion: trang chủ công khai «{home.title}» với {translations} bản dịch")
