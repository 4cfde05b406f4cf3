"""Links that run script, or pretend to be pages, when clicked: the cases every URL check must
refuse. Each one that could run sets `window.__xss` and opens an alert, for the browser tests."""

RUN = "window.__xss='link';alert('link')"

HOSTILE_LINKS = [
    f"javascript:{RUN}",
    f"JaVaScRiPt:{RUN}",
    f"java\tscript:{RUN}",  # browsers drop tabs and newlines inside a URL
    f"java\nscript:{RUN}",
    f"  javascript:{RUN}",  # and leading spaces or control characters
    f"\x01javascript:{RUN}",
    f"data:text/html,<script>{RUN}</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]
