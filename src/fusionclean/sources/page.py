"""What a saved page's ``<head>`` says about it: title, canonical address, dates, image.

Read from the text, not from a tree: a page is parsed from its content area on (see
``SelectContent.narrow``), so its head is never parsed. A handful of substring searches
bounded by ``<body``, then a look at each tag found: WordPress SEO plugins (Yoast, Rank
Math) and themes write these tags with double-quoted attributes.
"""

from __future__ import annotations

import html
import re
from typing import Final

from .._meta import PostMeta

__all__ = ["base_href", "page_meta"]

# a name is matched only from its first character (the lookbehind): a long run of name
# characters with no "=" after it is read once, not once from each of its characters
_ATTR_RE: Final = re.compile(r"""(?<![\w:-])([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
#: (PostMeta field, the tags that may give it, best first). Open Graph and article
#: properties are searched whole, so the many other ``og:`` tags cost nothing.
_SEARCHES: Final = (
    ("title", ('property="og:title"', "<title")),
    ("link", ('rel="canonical"', 'property="og:url"')),
    ("excerpt", ('name="description"', 'property="og:description"')),
    ("date", ('property="article:published_time"',)),
    ("modified", ('property="article:modified_time"', 'property="og:updated_time"')),
    ("featured_image", ('property="og:image"',)),
    ("author", ('name="author"',)),
)


def page_meta(text: str) -> PostMeta:
    """The metadata a whole page's head declares (every field optional)."""
    end = _head_end(text)
    if end < 0:
        return PostMeta()
    found: dict[str, str] = {}
    for field, needles in _SEARCHES:
        for needle in needles:
            if needle == "<title":
                value = _title(text, end)
            else:
                attribute = "href" if needle.startswith("rel=") else "content"
                value = _attribute(text, text.find(needle, 0, end), end, attribute)
            if value:
                found[field] = value
                break
    link = found.get("link")
    if link and not link.startswith(("http://", "https://")):
        link = None  # a relative address is no page address
    slug = None
    if link:
        # the last segment of the path, before any query or fragment (string operations:
        # a pattern searched from every character of a long segment read it n² times)
        path = link.split("://", 1)[1].partition("/")[2]
        end = min((i for i in (path.find("?"), path.find("#")) if i >= 0), default=len(path))
        slug = path[:end].removesuffix("/").rpartition("/")[2] or None
    return PostMeta(
        title=found.get("title"),
        date=found.get("date"),
        modified=found.get("modified"),
        slug=slug,
        link=link,
        author=found.get("author"),
        excerpt=found.get("excerpt"),
        featured_image=found.get("featured_image"),
    )


def base_href(text: str) -> str | None:
    """The page's ``<base href>``, what its relative addresses resolve against, when it is
    absolute. Looked for in the first 8 KB: the element must come before anything that
    uses an address, so pages put it at the top of the head. (The canonical address is no
    base: a saved copy's relative addresses follow the copy's files, not the site's.)"""
    pos = text.find("<base", 0, 8192)
    if pos < 0:
        return None
    value = _attribute(text, pos + 1, min(len(text), pos + 2048), "href")
    return value if value and value.startswith(("http://", "https://")) else None


def _head_end(text: str) -> int:
    end = text.find("<body", 0, 1 << 20)
    return end if end >= 0 else text.find("<BODY", 0, 1 << 20)


def _title(text: str, end: int) -> str | None:
    pos = text.find("<title", 0, end)
    if pos < 0:
        return None
    start = text.find(">", pos, end)
    close = text.find("</", start, end) if start >= 0 else -1
    return _clean(text[start + 1 : close]) if close > start else None


def _attribute(text: str, pos: int, end: int, name: str) -> str | None:
    """The value of attribute ``name`` of the tag around ``pos`` (-1: no tag)."""
    if pos < 0:
        return None
    start = text.rfind("<", 0, pos)
    close = text.find(">", pos, end)
    if start < 0 or close < 0:
        return None
    key = f' {name}="'
    at = text.find(key, start, close)
    if at >= 0:  # the usual form: name="value"
        stop = text.find('"', at + len(key), close)
        if stop >= 0:
            return _clean(text[at + len(key) : stop])
    for attr, a, b, c in _ATTR_RE.findall(text, start, close):
        if attr.lower() == name:
            return _clean(a or b or c)  # findall gives "" for the forms not used
    return None


def _clean(raw: str) -> str | None:
    value = " ".join(html.unescape(raw).split())
    return value or None
