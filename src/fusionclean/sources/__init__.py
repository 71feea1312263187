"""Sources: whatever the user holds → ``Source(html, meta, kind)``.

Accepted: HTML text (fragment or whole page), bytes (decoded here, before lxml sees
them), a WordPress REST post as a dict or JSON text, raw ``[fusion_*]`` shortcode text, and
an ``os.PathLike`` to any of these. The shape is detected; ``kind=`` overrides it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from .._context import Context
from .._meta import PostMeta
from ..builders.fusion.vocabulary import RENDERED_CLASSES
from ..errors import InputError
from .html import decode_bytes
from .wordpress import is_rest_post, loads_json, meta_from_rest, rest_content

__all__ = ["KINDS", "Kind", "Source", "detect_kind", "load_source"]

Kind = Literal["html", "page", "shortcodes", "rest"]
#: The shapes ``kind=`` accepts.
KINDS: Final = ("html", "page", "shortcodes", "rest")

# what opens a whole page, after any comments (skipped by _is_page_head: a pattern that
# repeats "<!--.*?-->" backtracks exponentially on a text of comments that is no page)
_PAGE_START_RE: Final = re.compile(r"<(?:!doctype|html|head)\b", re.I)
_SPACE_RE: Final = re.compile(r"\s*")
# letter classes, not re.I: a literal "<" lets the search skip ahead (twice as fast)
_BODY_RE: Final = re.compile(r"<[bB][oO][dD][yY][\s>]")
_SHORTCODE_RE: Final = re.compile(
    r"\[/?(?:fusion_\w+|fullwidth|one_(?:full|half|third|fourth|fifth|sixth)|two_third|three_fourth"
    r"|checklist|accordian|toggle|imageframe|separator|title|content_boxes|tagline_box"
    r"|button|tabs|fusion_text|caption|gallery|embed|video|audio|clients|images|person|testimonials"
    r"|counters_(?:box|circle)|flip_boxes|pricing_table|recent_works|li_item|fontawesome)(?![\w-])"
)  # a name ends where WordPress ends it: not before a word character or "-" ([gallery-1] is no shortcode)
_FRONT_MATTER_RE: Final = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True, slots=True)
class Source:
    """One document ready to parse: its HTML, its metadata and the shape it came in."""

    html: str
    meta: PostMeta = field(default_factory=PostMeta)
    kind: Kind = "html"
    #: What relative addresses resolve against when the caller gives no base (a page's
    #: ``<base href>``; else the post's ``link`` is used).
    base_url: str | None = None
    #: For shortcode source from an export: attachment id → file URL, and Avada Library
    #: element id → its content, so ``image_id`` and ``[fusion_global]`` resolve.
    attachments: Mapping[str, str] = field(default_factory=dict)
    library: Mapping[str, str] = field(default_factory=dict)


def detect_kind(text: str) -> Kind:
    """Guess the shape of ``text``: a whole page, a fragment, shortcodes or REST JSON."""
    head = text[:2048].lstrip()
    if head[:1] == "{" or (head[:1] == "[" and head[1:].lstrip()[:1] in ("{", "]")):
        return "rest"
    if _is_page_head(head) or _BODY_RE.search(text, 0, 65536):
        return "page"
    if _SHORTCODE_RE.search(text) and _looks_like_shortcodes(text):
        return "shortcodes"
    return "html"


def _is_page_head(head: str) -> bool:
    """Whether ``head``, past white space and comments, opens with a doctype, ``<html>`` or
    ``<head>`` (one forward scan: each comment ends at its first ``-->``)."""
    pos = _SPACE_RE.match(head).end()  # type: ignore[union-attr]
    while head.startswith("<!--", pos):
        end = head.find("-->", pos + 4)
        if end < 0:
            return False
        pos = _SPACE_RE.match(head, end + 3).end()  # type: ignore[union-attr]
    return _PAGE_START_RE.match(head, pos) is not None


def _without_code_samples(text: str) -> str:
    """``text`` without its ``<pre>``/``<code>`` elements (one forward scan: an unclosed one
    runs to the end)."""
    out = []
    pos = 0
    next_pre = text.find("<pre")
    next_code = text.find("<code")  # each found again only once passed: no rescans to the end
    while next_pre >= 0 or next_code >= 0:
        start = next_pre if next_code < 0 or 0 <= next_pre < next_code else next_code
        out.append(text[pos:start])
        close = text.find("</pre" if start == next_pre else "</code", start)
        end = text.find(">", close) if close >= 0 else -1
        if end < 0:
            return "".join(out)
        pos = end + 1
        if 0 <= next_pre < pos:
            next_pre = text.find("<pre", pos)
        if 0 <= next_code < pos:
            next_code = text.find("<code", pos)
    out.append(text[pos:])
    return "".join(out)


def _looks_like_shortcodes(text: str) -> bool:
    # rendered HTML can quote a shortcode in prose or in a code sample (its author escaped
    # it to show it); raw content has more shortcodes than divs
    if any(marker in text for marker in RENDERED_CLASSES):
        return False
    if "<pre" in text or "<code" in text:
        text = _without_code_samples(text)
        if _SHORTCODE_RE.search(text) is None:
            return False
    return "[/fusion_" in text or text.count("[") >= text.count("<div")


def _names_a_file(text: str) -> bool:
    """Is ``text`` one short line naming an existing file? (A ``str`` is always content; a
    caller who meant the file is told to pass a ``Path``.) Cheap tests first: no syscall
    for text that holds markup, brackets or line breaks."""
    candidate = text.strip()
    if not candidate or len(candidate) > 1024 or any(c in candidate for c in "<[\n{"):
        return False
    try:
        return Path(candidate).expanduser().is_file()
    except (OSError, ValueError):
        return False


def load_source(
    source: Any, *, kind: str | None = None, ctx: Context | None = None, with_meta: bool = True
) -> Source:
    """Turn anything ``clean()`` accepts into a Source.

    ``with_meta=False`` skips reading a whole page's head for its metadata (an output that
    does not show it: HTML, text).

    Raises:
        TypeError: ``source`` has an unsupported type.
        InputError: the input is not what it claims (JSON that is not a post, binary
            bytes, a list of several posts, an unreadable file).
    """
    if kind is not None and kind not in KINDS:
        from ..errors import UnknownNameError

        raise UnknownNameError("source kind", kind, KINDS)
    if type(source) is str:  # the common case first: no import, no ABC checks
        if ctx is not None and _names_a_file(source):
            ctx.warn(
                "", "string-names-a-file",
                f"the text {source.strip()[:80]!r} names a file, and was cleaned as text: "
                "pass a pathlib.Path to read the file",
            )  # fmt: skip
        return _from_text(source, kind, ctx, with_meta)
    if isinstance(source, Source):
        return source
    from .wxr import WxrItem

    if isinstance(source, WxrItem):
        return _from_wxr_item(source, ctx)
    if isinstance(source, os.PathLike):
        return _from_path(Path(os.fspath(source)), kind, ctx, with_meta)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _from_text(decode_bytes(bytes(source), ctx), kind, ctx, with_meta)
    if isinstance(source, str):
        return _from_text(source, kind, ctx, with_meta)
    if isinstance(source, Mapping):
        return _from_post(source, ctx)
    raise TypeError(
        f"source must be str, bytes, a REST post dict or an os.PathLike, not {type(source).__name__}"
    )


def _from_path(path: Path, kind: str | None, ctx: Context | None, with_meta: bool = True) -> Source:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if kind is None:
        suffix = path.suffix.lower()
        if suffix in (".json", ".jsonl"):
            kind = "rest"
    return _from_text(decode_bytes(data, ctx), kind, ctx, with_meta)


def _from_wxr_item(item: Any, ctx: Context | None) -> Source:
    if item.meta.password_protected and ctx is not None:
        ctx.warn("", "password-protected", "the post is password protected")
    text = item.content
    if detect_kind(text) in ("shortcodes", "html"):
        library = item.library
        if item.meta.type == "fusion_element" and str(item.id) in library:  # never inside itself
            library = {k: v for k, v in library.items() if k != str(item.id)}
        return _shortcode_source(text, ctx, item.meta, item.attachments, library)
    return Source(text, item.meta, "page")


def _from_wxr_text(text: str, ctx: Context | None) -> Source:
    import io

    from .wxr import load_wxr_stream

    items = list(load_wxr_stream(io.BytesIO(text.encode("utf-8"))))
    if len(items) != 1:
        raise InputError(
            f"the WXR export holds {len(items)} items; clean() takes one — "
            "use fusionclean.load_wxr() or clean_many() for exports"
        )
    return _from_wxr_item(items[0], ctx)


def _from_text(text: str, kind: str | None, ctx: Context | None, with_meta: bool = True) -> Source:
    if kind is None and text.lstrip()[:5] == "<?xml":
        from .wxr import is_wxr

        if is_wxr(text[:4096]):
            return _from_wxr_text(text, ctx)
    detected = kind or detect_kind(text)
    if detected == "rest":
        try:
            data = _parse_json(text)
        except InputError:
            if kind == "rest" or _JSON_START.match(text, 0, 256):  # broken JSON, not text
                raise
            if ctx is not None:
                ctx.warn("", "not-json", "input starts like JSON but is not JSON: read as HTML")
            return Source(text, PostMeta(), "html")
        return _from_post(data, ctx)
    if detected == "shortcodes":
        meta = PostMeta()
        m = _FRONT_MATTER_RE.match(text)
        if m:
            meta = _front_matter_meta(m.group(1))
            text = text[m.end() :]
        return _shortcode_source(text, ctx, meta)
    if detected == "page":
        from .page import base_href, page_meta

        return Source(text, page_meta(text) if with_meta else PostMeta(), "page", base_url=base_href(text))
    return Source(text, PostMeta(), "html")


def _shortcode_source(
    text: str,
    ctx: Context | None,
    meta: PostMeta,
    attachments: dict[str, str] | None = None,
    library: dict[str, str] | None = None,
) -> Source:
    # read, not rendered: the render_shortcodes step renders it (with the pipeline's own
    # elements), to the builder's markup whose meaning map_fusion_elements gives
    return Source(text, meta, "shortcodes", attachments=attachments or {}, library=library or {})


#: How JSON, not text, starts: an object with a quoted key, or a list of objects ("[1] Smith"
#: and "{ a note }" are text that merely opens with a bracket).
_JSON_START: Final = re.compile(r"\s*(?:\{\s*[\"}]|\[\s*[{\]])")


def _parse_json(text: str) -> Any:
    stripped = text.strip()
    try:
        return loads_json(stripped)
    except json.JSONDecodeError as exc:
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        if len(lines) > 1:
            try:
                records = [loads_json(ln) for ln in lines]
            except json.JSONDecodeError:
                pass
            else:
                return records
        line = exc.lineno + text[: len(text) - len(text.lstrip())].count("\n")  # in the text as given
        raise InputError(
            f"the input looks like JSON but does not parse: {exc.msg} at line {line}, column {exc.colno} "
            "(pass kind='html' to clean it as text)"
        ) from None


def _from_post(data: Any, ctx: Context | None) -> Source:
    if isinstance(data, list):
        posts = [d for d in data if is_rest_post(d)]
        if len(data) == 1 and posts:
            data = posts[0]
        else:
            raise InputError(
                f"JSON holds a list of {len(data)} records; clean() takes one post — "
                "use fusionclean.clean_many() or iter_posts() for lists"
            )
    if not isinstance(data, Mapping):
        raise InputError(f"JSON is not a WordPress REST post (got a {type(data).__name__})")
    text, kind = rest_content(data)
    meta = meta_from_rest(data)
    if meta.password_protected and ctx is not None:
        ctx.warn("", "password-protected", "the post is password protected; content not guessed")
    if kind == "shortcodes":
        return _shortcode_source(text, ctx, meta)
    return Source(text, meta, "rest")


def _front_matter_meta(block: str) -> PostMeta:
    """A forgiving reader for the flat YAML front matter WordPress exporters write."""
    values: dict[str, Any] = {}
    current_list: list[str] | None = None
    for line in block.splitlines():
        if current_list is not None and re.match(r"^\s*-\s+", line):
            current_list.append(_unquote(line.split("-", 1)[1].strip()))
            continue
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if value == "":
            current_list = values.setdefault(key, [])
            continue
        current_list = None
        if value.startswith("[") and value.endswith("]"):
            values[key] = [_unquote(v.strip()) for v in value[1:-1].split(",") if v.strip()]
        else:
            values[key] = _unquote(value)

    def text(key: str) -> str | None:
        v = values.get(key)
        return str(v) if isinstance(v, str) and v else None

    def items(key: str) -> tuple[str, ...]:
        v = values.get(key)
        if isinstance(v, list):
            return tuple(str(x) for x in v)
        return (v,) if isinstance(v, str) and v else ()

    return PostMeta(
        title=text("title"),
        date=text("date"),
        modified=text("modified") or text("last_modified_at"),
        slug=text("slug"),
        link=text("permalink") or text("link"),
        author=text("author"),
        categories=items("categories"),
        tags=items("tags"),
        excerpt=text("excerpt") or text("description"),
        status=text("status"),
        type=text("layout"),
    )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value
