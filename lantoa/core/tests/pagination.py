"""Reading an admin list's page in tests."""

import re

_COUNT = re.compile(r'class="pagination__end">\s*([^<]*?)\s*<')


def pagination_count(page: str) -> str:
    """The count a list's pagination shows ("25 tin", "Hơn 30 chuỗi tin"); a bare "25 " could
    be anywhere on the page, a time of day included ("05:25")."""
    return _COUNT.search(page).group(1)
