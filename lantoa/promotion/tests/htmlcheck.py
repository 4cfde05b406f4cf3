"""Offline "lighthouse-style" checks of a rendered HTML page, with Python's html.parser:
well-formed nesting, unique ids, a lang attribute, alt text on every image, one h1, nothing
loaded from another host (scripts, styles, fonts, images, frames)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}
# Elements whose end tag HTML allows to be omitted; the templates close them anyway, so only
# the strict check below applies.
LOADING_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
                 "video": "src", "embed": "src", "object": "data"}


class PageChecker(HTMLParser):
    def __init__(self, *, own_hosts: set[str]):
        super().__init__(convert_charrefs=True)
        self.own_hosts = own_hosts
        self.stack: list[tuple[str, int]] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.h1 = 0
        self.html_lang = None
        self.doctype = False
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._buffer = ""

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def _external(self, url: str) -> bool:
        parts = urlsplit(url.strip())
        if parts.scheme in ("data", ""):
            return bool(parts.netloc) and parts.netloc not in self.own_hosts
        return parts.netloc not in self.own_hosts

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        if tag not in VOID:
            self.stack.append((tag, line))
        if "id" in values:
            if values["id"] in self.ids:
                self.problems.append(f"line {line}: duplicate id {values['id']!r}")
            self.ids.add(values["id"])
        if tag == "html":
            self.html_lang = values.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "img" and not (values.get("alt") or "").strip():
            self.problems.append(f"line {line}: <img> without alt text")
        if tag == "iframe":
            self.problems.append(f"line {line}: <iframe> (embeds must not load on page load)")
        attr = LOADING_ATTRS.get(tag)
        if attr and values.get(attr) and self._external(values[attr]):
            self.problems.append(f"line {line}: <{tag}> loads {values[attr]}")
        if tag == "link":
            rel = (values.get("rel") or "").lower().split()
            loads = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect"}
            if loads & set(rel) and self._external(values.get("href", "")):
                self.problems.append(f"line {line}: <link rel={rel}> loads {values.get('href')}")
        if "style" in values and "url(" in values["style"] and "http" in values["style"]:
            self.problems.append(f"line {line}: inline style loads a URL")
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in_json_ld = True
            self._buffer = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer += data

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        if tag in VOID:
            return
        if tag == "script" and self._in_json_ld:
            self.json_ld.append(self._buffer)
            self._in_json_ld = False
        if not self.stack:
            self.problems.append(f"line {line}: </{tag}> closes nothing")
            return
        open_tag, open_line = self.stack.pop()
        if open_tag != tag:
            self.problems.append(
                f"line {line}: </{tag}> closes <{open_tag}> opened on line {open_line}"
            )

    def finish(self) -> list[str]:
        self.close()
        for tag, line in self.stack:
            self.problems.append(f"<{tag}> opened on line {line} is never closed")
        if not self.doctype:
            self.problems.append("no <!DOCTYPE html>")
        if not self.html_lang:
            self.problems.append("<html> has no lang attribute")
        if self.h1 != 1:
            self.problems.append(f"{self.h1} <h1> elements (want exactly one)")
        return self.problems


def check_page(html: str, *, own_hosts: set[str]) -> tuple[list[str], PageChecker]:
    checker = PageChecker(own_hosts=own_hosts)
    checker.feed(html)
    return checker.finish(), checker
