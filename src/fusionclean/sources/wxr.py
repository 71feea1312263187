"""WordPress eXtended RSS (WXR) exports, streamed.

``load_wxr(path)`` walks the file with lxml's incremental parser and yields one
:class:`WxrItem` per ``<item>`` — posts, pages, custom types (``avada_portfolio``,
``fusion_tb_section``, ``fusion_element``…) — freeing each item as soon as it is read, so
memory stays flat on exports of any size. The parser never resolves entities, never loads a
DTD and never touches the network (XXE and entity-expansion bombs are inert).

Attachments are collected so that shortcode ``image_id`` references resolve, and the Avada
Library's global elements (``fusion_element`` items) so that ``[fusion_global id="N"]``
renders the element it stands for: with ``resolve_attachments=True`` (the default) a first,
cheap pass reads only those items, because an export may list them after the post that
uses them.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

from lxml import etree

from .._meta import PostMeta
from ..errors import InputError

__all__ = ["WxrItem", "is_wxr", "load_wxr", "load_wxr_stream"]

# WordPress's own records that are never a page's content: menus, revisions, the
# Customizer's changesets and "Additional CSS", cached embeds, block-theme styles, templates
# and navigation, the font library, privacy requests
_SKIP_TYPES = frozenset(
    {
        "nav_menu_item", "revision", "customize_changeset", "oembed_cache", "wp_global_styles",
        "custom_css", "wp_template", "wp_template_part", "wp_navigation", "wp_font_family",
        "wp_font_face", "user_request",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class WxrItem:
    """One ``<item>`` of an export: its raw content and metadata.

    ``clean(item)`` / ``parse(item)`` accept it directly; shortcodes in ``content`` are
    rendered with ``attachments`` so ``image_id`` references resolve.
    """

    meta: PostMeta
    content: str
    post_meta: dict[str, str] = field(default_factory=dict)
    attachments: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    attachment_url: str | None = None
    #: The export's global elements (Avada Library, ``fusion_element``): post id → content.
    library: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> int | None:
        """The post id (``wp:post_id``)."""
        return self.meta.id

    def narrowed(self) -> WxrItem:
        """A copy carrying only the attachments and global elements its content refers to
        (cheap to pickle), those of the global elements it uses included."""
        texts = [self.content]
        library: dict[str, str] = {}
        while texts:  # global elements may use attachments and other global elements
            text = texts.pop()
            for gid in _global_ids(text):
                if gid in self.library and gid not in library:
                    library[gid] = self.library[gid]
                    texts.append(self.library[gid])
        ids = set(
            _DIGITS_RE.findall(" ".join(_ID_VALUE_RE.findall(" ".join([self.content, *library.values()]))))
        )
        wanted = {k: v for k, v in self.attachments.items() if k in ids}
        return WxrItem(self.meta, self.content, self.post_meta, wanted, self.attachment_url, library)


_DIGITS_RE: Final = re.compile(r"\d+")
_ID_VALUE_RE: Final = re.compile(r"(?:image_id|ids|id|picture_id)=[\"']?([\d,|\s]+)")
_GLOBAL_ID_RE: Final = re.compile(r"\bid=[\"']?(\d+)")


def _global_ids(text: str) -> list[str]:
    """The ids ``[fusion_global … id=N …]`` tags in ``text`` name, in linear time: each
    tag's attributes are read up to its ``]`` or the next tag, whichever comes first (a
    pattern scanning ahead for ``]`` from every tag read the text once per tag)."""
    ids = []
    for part in text.split("[fusion_global")[1:]:
        end = part.find("]")
        m = _GLOBAL_ID_RE.search(part, 0, end if end >= 0 else len(part))
        if m is not None:
            ids.append(m.group(1))
    return ids


def is_wxr(head: str) -> bool:
    """True when the start of a document looks like a WordPress export."""
    return "<rss" in head and "wordpress.org/export" in head


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    if tag.startswith("{"):
        return tag.rsplit("}", 1)[-1]
    return tag.rsplit(":", 1)[-1]  # an undeclared prefix stays in the name


def _text(el: Any) -> str:
    return el.text or ""


def _parser_args() -> dict[str, Any]:
    return {
        "events": ("end",),
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "huge_tree": True,
        "remove_comments": True,
    }


#: The channel's author entries, in each version of the export format (an item's own
#: elements are never among them).
_AUTHOR_TAGS = tuple(f"{{http://wordpress.org/export/1.{v}/}}author" for v in range(4))


def _iter_items(source: str | Path | IO[bytes], *, authors: bool = False) -> Iterator[Any]:
    """The export's ``<item>`` elements (and its channel's ``<wp:author>`` entries too,
    with ``authors=True``), each freed once the next is read."""
    tags = ("{*}item", *_AUTHOR_TAGS) if authors else "{*}item"
    context = etree.iterparse(source, tag=tags, **_parser_args())
    try:
        for _event, item in context:
            yield item
            # free what has been read: the item and everything before it
            item.clear(keep_tail=False)
            parent = item.getparent()
            if parent is not None:
                while item.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed WXR export: {exc}") from None


def _attachments(path: str | Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    return _attachments_from(_iter_items(str(path), authors=True))


def _item(
    el: Any,
    attachments: dict[str, str],
    library: dict[str, str] | None = None,
    authors: dict[str, str] | None = None,
) -> WxrItem | None:
    values: dict[str, str] = {}
    categories: list[str] = []
    tags: list[str] = []
    post_meta: dict[str, str] = {}
    content = excerpt = ""
    for child in el:
        name = _local(child.tag)
        ns = (
            child.tag[1:].split("}", 1)[0] if isinstance(child.tag, str) and child.tag.startswith("{") else ""
        )
        if name == "encoded":
            if "excerpt" in ns:
                excerpt = _text(child)
            else:
                content = _text(child)
        elif name == "category":
            (tags if child.get("domain") == "post_tag" else categories).append(_text(child).strip())
        elif name == "postmeta":
            key = value = ""
            for part in child:
                if _local(part.tag) == "meta_key":
                    key = _text(part)
                elif _local(part.tag) == "meta_value":
                    value = _text(part)
            if key:
                post_meta[key] = value
        elif name in ("title", "link", "pubDate", "creator", "post_id", "post_date", "post_modified",
                      "post_name", "status", "post_type", "post_password", "attachment_url"):  # fmt: skip
            values[name] = _text(child).strip()
    kind = values.get("post_type", "post")
    if kind in _SKIP_TYPES:
        return None
    post_id = values.get("post_id", "")
    featured = attachments.get(post_meta.get("_thumbnail_id", ""))
    meta = PostMeta(
        id=int(post_id) if post_id.isdigit() else None,
        type=kind,
        status=values.get("status") or None,
        title=values.get("title") or None,
        date=values.get("post_date") or values.get("pubDate") or None,
        modified=values.get("post_modified") or None,
        slug=values.get("post_name") or None,
        link=values.get("link") or None,
        # dc:creator is the author's login, which the site never shows (and an attacker
        # guessing passwords wants): the display name from the channel's wp:author, or none
        author=(authors or {}).get(values.get("creator", "")) or None,
        categories=tuple(c for c in categories if c),
        tags=tuple(t for t in tags if t),
        excerpt=" ".join(excerpt.split()) or None,
        featured_image=featured,
        password_protected=bool(values.get("post_password")),
    )
    return WxrItem(meta, content, post_meta, attachments, values.get("attachment_url") or None, library or {})


def load_wxr_stream(stream: IO[bytes], *, include_attachments: bool = False) -> Iterator[WxrItem]:
    """Items of a WXR export read from a binary stream (single pass: attachments that
    come after the post using them do not resolve)."""
    data = stream.read()
    attachments, library, authors = _attachments_from(_iter_items(io.BytesIO(data), authors=True))
    for el in iter_items_bytes(data):
        item = _item(el, attachments, library, authors)
        if item is None or (item.meta.type == "attachment" and not include_attachments):
            continue
        yield item


def iter_items_bytes(data: bytes) -> Iterator[Any]:
    return _iter_items(io.BytesIO(data))


def _attachments_from(items: Iterator[Any]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Attachment id → URL, global element (``fusion_element``) id → content, and author
    login → display name (from ``<wp:author>`` entries among ``items``)."""
    found: dict[str, str] = {}
    library: dict[str, str] = {}
    authors: dict[str, str] = {}
    for item in items:
        if _local(item.tag) == "author":
            names = {_local(child.tag): _text(child).strip() for child in item}
            if names.get("author_login") and names.get("author_display_name"):
                authors[names["author_login"]] = names["author_display_name"]
            continue
        post_id = url = kind = content = ""
        for child in item:
            name = _local(child.tag)
            if name == "post_id":
                post_id = _text(child).strip()
            elif name == "attachment_url":
                url = _text(child).strip()
            elif name == "post_type":
                kind = _text(child).strip()
            elif name == "encoded" and "excerpt" not in (child.tag or ""):
                content = _text(child)
        if kind == "attachment" and post_id and url:
            found[post_id] = url
        elif kind == "fusion_element" and post_id and content:
            library[post_id] = content
    return found, library, authors


def load_wxr(
    path: str | os.PathLike[str],
    *,
    resolve_attachments: bool = True,
    include_attachments: bool = False,
) -> Iterator[WxrItem]:
    """Stream the items of a WXR export.

    Args:
        path: The export file.
        resolve_attachments: Read attachment URLs and global elements first (a second,
            cheap pass) so that shortcode ``image_id`` references, featured images and
            ``[fusion_global]`` elements resolve.
        include_attachments: Also yield attachment items (skipped by default).

    Yields:
        One :class:`WxrItem` per post, page or custom-type item, in file order. Navigation
        menu items, revisions and other internal types are skipped.

    Raises:
        TypeError: ``path`` is not a path.
        InputError: the file cannot be read, is not a WXR export, or is malformed XML
            (raised after every item before the damage has been yielded).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load_wxr() expects a path, not {type(path).__name__}")
    file = Path(path)
    if not file.is_file():
        raise InputError(f"no such WXR file: {file}")
    try:
        with file.open("rb") as fh:
            head = fh.read(65536).decode("utf-8", "replace")
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from None
    if "<rss" not in head:  # (an RSS file without WordPress's namespace is read, and judged, as one)
        raise InputError(
            f"{file} is not a WXR export (a WordPress export is an RSS file from Tools > Export): "
            "use fusionclean.clean() or clean_many() for pages, REST JSON and shortcode text"
        )
    attachments, library, authors = _attachments(file) if resolve_attachments else ({}, {}, {})
    for el in _iter_items(str(file)):
        item = _item(el, attachments, library, authors)
        if item is None:
            continue
        if item.meta.type == "attachment" and not include_attachments:
            continue
        yield item
