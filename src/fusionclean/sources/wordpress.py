"""WordPress REST API posts (``/wp-json/wp/v2/{posts,pages,<type>}``) → Source.

Reads ``content.rendered`` (or ``content.raw`` from the edit context, which holds
shortcodes), the title, dates, slug, link, excerpt, and — when the response was fetched
with ``_embed`` — author name, term names and the featured image URL.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any, Final

from .._meta import PostMeta
from ..errors import InputError

__all__ = ["is_rest_post", "loads_json", "meta_from_rest", "rest_content"]


def loads_json(text: str) -> Any:
    """``json.loads``, with JSON nested too deeply for Python's reader (thousands of
    brackets) reported as the decode error it is, not as a RecursionError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to read", text, 0) from None


_TAG_RE: Final = re.compile(r"<[^<>]*>")  # not "<[^>]*>": n² on a text of "<" alone
_WS_RE: Final = re.compile(r"\s+")


def plain(value: Any) -> str | None:
    """Text of a REST field that may be ``{"rendered": "<p>…</p>"}`` or a plain string."""
    if isinstance(value, Mapping):
        value = value.get("rendered", value.get("raw"))
    if not isinstance(value, str):
        return None
    text = _WS_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", value))).strip()
    return text or None


def is_rest_post(data: Any) -> bool:
    """True when ``data`` looks like one REST post/page/custom-type object."""
    if not isinstance(data, Mapping):
        return False
    content = data.get("content")
    if isinstance(content, Mapping):
        return isinstance(content.get("rendered"), str) or isinstance(content.get("raw"), str)
    return False


def rest_content(data: Mapping[str, Any]) -> tuple[str, str]:
    """``(text, kind)``: the raw shortcode content when present, else the rendered HTML.

    Raises:
        InputError: ``data`` is not a REST post.
    """
    if not isinstance(data, Mapping):
        raise InputError(f"a REST post must be a JSON object, got {type(data).__name__}")
    if not is_rest_post(data):
        keys = ", ".join(sorted(map(str, data))[:8]) or "none"
        raise InputError(
            "JSON is not a WordPress REST post: expected a 'content' object with 'rendered'"
            f" or 'raw' text (keys found: {keys})"
        )
    content = data["content"]
    raw = content.get("raw")
    if isinstance(raw, str) and raw.strip():
        return raw, "shortcodes"
    return content.get("rendered") or "", "html"


def _embedded(data: Mapping[str, Any], key: str) -> list[Any]:
    emb = data.get("_embedded")
    if isinstance(emb, Mapping):
        value = emb.get(key)
        if isinstance(value, list):
            return value
    return []


def meta_from_rest(data: Mapping[str, Any]) -> PostMeta:
    """PostMeta from a REST post, tolerating any missing key."""
    author: str | None = None
    for a in _embedded(data, "author"):
        if isinstance(a, Mapping) and isinstance(a.get("name"), str):
            author = a["name"]
            break
    categories: list[str] = []
    tags: list[str] = []
    for group in _embedded(data, "wp:term"):
        if not isinstance(group, list):
            continue
        for term in group:
            if not isinstance(term, Mapping) or not isinstance(term.get("name"), str):
                continue
            name = html.unescape(term["name"])
            (tags if term.get("taxonomy") == "post_tag" else categories).append(name)
    featured: str | None = None
    for media in _embedded(data, "wp:featuredmedia"):
        if isinstance(media, Mapping) and isinstance(media.get("source_url"), str):
            featured = media["source_url"]
            break
    content = data.get("content")
    protected = bool(content.get("protected")) if isinstance(content, Mapping) else False
    ident = data.get("id")
    return PostMeta(
        id=ident if isinstance(ident, int) and not isinstance(ident, bool) else None,
        type=_str(data.get("type")),
        status=_str(data.get("status")),
        title=plain(data.get("title")),
        date=_str(data.get("date")),
        modified=_str(data.get("modified")),
        slug=_str(data.get("slug")),
        link=_str(data.get("link")),
        author=author,
        categories=tuple(categories),
        tags=tuple(tags),
        excerpt=plain(data.get("excerpt")),
        featured_image=featured,
        password_protected=protected,
    )


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
