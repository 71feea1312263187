"""A clean-room reader for WordPress shortcodes, rendering Fusion shortcodes to plain HTML.

Implemented from WordPress's documented shortcode syntax: ``[name attr="v" attr2='v' attr3=v
positional]``, enclosing ``[name]…[/name]`` and self-closing ``[name /]`` forms, ``[[name]]``
escapes, ``]`` allowed inside quoted attributes. Unbalanced and unknown tags are tolerated:
an unmatched closing tag is ignored, an unclosed one is treated as self-closing, unknown
shortcodes disappear with their enclosed content kept (each name counted in the messages).

The output is simple HTML in the same shape the rendered path produces after mapping, so
both inputs clean to the same result.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import datetime
import functools
import html
import re
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, Final

from .._context import Context, Level
from .._markers import SHORTCODE_SLOT
from ..builders.fusion.vocabulary import INLINE_SHORTCODES, LAYOUT, RENDERED_AS, SILENT
from ..schema import video_embed
from .autop import autop

__all__ = ["Shortcode", "delimit", "parse_attributes", "parse_shortcodes", "render_shortcodes", "strip_unit"]

# Compiled once (the re module's cache is shared with every library in the process).
_BASE64_RE: Final = re.compile(r"[A-Za-z0-9+/=\s]+")
_ONE_PARAGRAPH_RE: Final = re.compile(r"^<p>(.*)</p>$", re.S)
_ANY_TAG_RE: Final = re.compile(r"<[^<>]+>")  # not "<[^>]+>": n² on a text of "<" alone
_P_TAG_RE: Final = re.compile(r"</?p>")
_LANG_JUNK_RE: Final = re.compile(r"[^\w+#.-]")
_LEADING_IMAGE_RE: Final = re.compile(r"\s*((?:<a[^>]*>)?\s*<img[^>]*>\s*(?:</a>)?)(.*)$", re.S)
_P_BEFORE_SHORTCODE_RE: Final = re.compile(r"<p>\s*\[")
_P_AFTER_SHORTCODE_RE: Final = re.compile(r"\]\s*</p>")
_BR_AFTER_SHORTCODE_RE: Final = re.compile(r"\]\s*<br\s*/?>")

# [[escape?] [/?] name attributes ] [escape?]; quoted attribute values may hold "]". The
# attributes are an unrolled loop, plain* (quoted plain*)*: a quoted part starts with a
# character plain text cannot, so there is one way to match and a failed match backtracks
# linearly (a nested quantifier here once made an unclosed tag take exponential time), and
# plain runs are consumed in one step instead of one alternation per character (3.5x faster).
_TAG_RE: Final = re.compile(
    r"""\[(\[?)(/?)([A-Za-z_][\w-]*)([^\]"'\[]*(?:(?:"[^"]*"|'[^']*')[^\]"'\[]*)*)\](\]?)"""
)
_ATTR_RE: Final = re.compile(
    r"([\w-]+)\s*=\s*\"([^\"]*)\"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'\"]+)(?:\s|$)|\"([^\"]*)\"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"
)


# The form builders write: name="value" pairs separated by whitespace. Read with one
# findall; anything else (single quotes, bare values, spaces around "=") takes the
# general loop below.
_SIMPLE_ATTRS_RE: Final = re.compile(r'(?:[\w-]+="[^"]*"\s+)*(?:[\w-]+="[^"]*")?')
_SIMPLE_PAIR_RE: Final = re.compile(r'(?<![\w-])([\w-]+)="([^"]*)"')  # from a name's first character


def parse_attributes(text: str) -> dict[str, str]:
    """Attributes of one shortcode tag; positional values are keyed ``"0"``, ``"1"``, …"""
    text = text.replace("\u00a0", " ").replace("\u200b", " ")
    stripped = text.strip()
    if _SIMPLE_ATTRS_RE.fullmatch(stripped):
        attrs = dict(_SIMPLE_PAIR_RE.findall(stripped))
        if all(map(str.islower, attrs)):
            return attrs
        return {name.lower(): value for name, value in _SIMPLE_PAIR_RE.findall(stripped)}
    return _parse_attributes_general(text)


def _parse_attributes_general(text: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    position = 0
    text = text.replace("\u00a0", " ").replace("\u200b", " ")
    for n1, v1, n2, v2, n3, v3, p1, p2, p3 in _ATTR_RE.findall(text.strip() + " "):
        if n1:
            attrs[n1.lower()] = v1
        elif n2:
            attrs[n2.lower()] = v2
        elif n3:
            attrs[n3.lower()] = v3
        else:
            value = p1 or p2 or p3
            if value and value != "/":
                attrs[str(position)] = value
                position += 1
    return attrs


@dataclass
class Shortcode:
    """One parsed shortcode: its name, attributes and children (text or shortcodes)."""

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Any] = field(default_factory=list)
    closed: bool = False


def _hoist(parent: Shortcode, chain: list[Shortcode]) -> None:
    """Unclosed tags are self-closing: their children move up to follow them.

    ``chain`` holds tags open one inside the other, outermost first, each the last child
    of the one before it (``parent`` the first's parent): everything was added to the
    innermost open tag. Each tag's children, the next tag of the chain last among them,
    follow it in ``parent``, in one pass (moving them up one level at a time moved the
    innermost ones once per level: quadratic in the depth).
    """
    moved: list[Any] = []
    for node in chain:
        moved.extend(node.children)
        node.children = []
    parent.children.extend(moved)


def parse_shortcodes(text: str) -> list[Any]:
    """Parse ``text`` into a list of strings and :class:`Shortcode` nodes (tolerantly).

    Linear in the input: closing-tag positions are indexed once, and an opening tag is
    treated as enclosing only when a matching closing tag follows it.
    """
    pieces: list[str | re.Match[str]] = []
    pos = 0
    for m, tag in _tags(text):
        if m.start() > pos:
            pieces.append(text[pos : m.start()])
        pieces.append(tag)
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return _build_tree(pieces)


def _tags(text: str) -> list[tuple[re.Match[str], str | re.Match[str]]]:
    """Every tag match with what it stands for: itself, or the literal text it is inside
    an escaped enclosing shortcode. WordPress prints ``[[name]…[/name]]`` as
    ``[name]…[/name]``, tags inside included, as it does ``[[name]]`` (which
    ``_build_tree`` sees for itself); the span closes at the first ``[/name]`` after it."""
    matches = list(_TAG_RE.finditer(text))
    out: list[tuple[re.Match[str], str | re.Match[str]]] = [(m, m) for m in matches]
    opening = [i for i, m in enumerate(matches) if m.group(1) == "[" and not m.group(2) and not m.group(5)]
    if not opening:
        return out
    closings: dict[str, list[int]] = {}
    for i, m in enumerate(matches):
        if m.group(2):
            closings.setdefault(m.group(3).lower(), []).append(i)
    done = -1
    for i in opening:
        if i <= done:
            continue  # inside a span already made literal
        after = closings.get(matches[i].group(3).lower(), [])
        k = bisect.bisect_right(after, i)
        if k == len(after) or matches[after[k]].group(5) != "]":
            continue
        j = after[k]
        out[i] = (matches[i], matches[i].group(0)[1:])
        for between in range(i + 1, j):
            out[between] = (matches[between], matches[between].group(0))
        out[j] = (matches[j], matches[j].group(0)[:-1])
        done = j
    return out


# What WordPress's texturizer makes of the quotes in a shortcode tag it does not know (the
# builder was not active when the content was displayed): curly quotes and primes, as
# characters or as numeric references.
_CURLY_DOUBLE_RE: Final = re.compile("&#(?:8220|8221|8243|8242);|[\u201c\u201d\u2033\u2032]")
_CURLY_SINGLE_RE: Final = re.compile("&#(?:8216|8217);|[\u2018\u2019]")
_TIMES_RE: Final = re.compile(r"(?<=\d)(?:&#215;|\u00d7)(?=\d)")


def untexturize(attributes: str) -> str:
    """A shortcode tag's attribute text with the texturizer's quotes made straight again.

    ``hundred_percent=&#8221;no&#8221; type=&#8221;1_1&#8243;`` → ``hundred_percent="no"
    type="1_1"``. Only for a tag without any straight double quote (the texturizer leaves
    none): a curly quote written inside a real attribute value stays as it was.
    """
    attributes = _CURLY_DOUBLE_RE.sub('"', attributes)
    if "'" not in attributes:
        attributes = _CURLY_SINGLE_RE.sub("'", attributes)
    return _TIMES_RE.sub("x", attributes)


def _build_tree(pieces: list[str | re.Match[str]]) -> list[Any]:
    """Nest a flat sequence of text and tag matches into shortcode nodes."""
    # each tag read once: (escaped, closing, lower-case name, attributes, whole tag)
    tags: list[str | tuple[bool, bool, str, str, str]] = []
    last_close: dict[str, int] = {}
    for i, piece in enumerate(pieces):
        if isinstance(piece, str):
            tags.append(piece)
            continue
        open_escape, slash, name, raw, close_escape = piece.groups()
        escaped = open_escape == "[" and close_escape == "]"
        name = name.lower()
        tags.append((escaped, bool(slash), name, raw, piece.group(0)))
        if slash and not escaped:
            last_close[name] = i
    root = Shortcode("#root")
    stack = [root]
    open_count: dict[str, int] = {}  # names open on the stack: a closing tag of another is ignored at once
    for i, tag in enumerate(tags):
        if isinstance(tag, str):
            stack[-1].children.append(tag)
            continue
        escaped, closing, name, raw, whole = tag
        if escaped:  # [[escaped]] → literal [escaped]
            stack[-1].children.append(whole[1:-1])
            continue
        if closing:  # close the nearest open tag of that name, if any
            if not open_count.get(name):
                continue
            for k in range(len(stack) - 1, 0, -1):
                if stack[k].name == name:
                    if len(stack) > k + 1:
                        _hoist(stack[k], stack[k + 1 :])
                        for inner in stack[k + 1 :]:
                            open_count[inner.name] -= 1
                        del stack[k + 1 :]
                    stack.pop().closed = True
                    open_count[name] -= 1
                    break
            continue
        raw = raw.rstrip()
        self_closing = raw.endswith("/")
        if '"' not in raw and ("&#82" in raw or "\u201d" in raw or "\u2033" in raw):
            raw = untexturize(raw)
        node = Shortcode(name, parse_attributes(raw.rstrip("/")) if raw.strip() else {})
        stack[-1].children.append(node)
        if not self_closing and last_close.get(name, -1) > i:
            stack.append(node)
            open_count[name] = open_count.get(name, 0) + 1
    if len(stack) > 1:
        _hoist(root, stack[1:])
    return root.children


def _b64(value: str) -> str:
    stripped = value.strip()
    if not stripped or not _BASE64_RE.fullmatch(stripped):
        return value
    try:
        decoded = base64.b64decode(stripped, validate=False).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return value
    return html.unescape(decoded) if base64.b64encode(decoded.encode()).decode().rstrip("=") else value


_AUTOP_TAGS_RE: Final = re.compile(r"</?p>|<br\s*/?>")
_LEVELS: Final = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "one": 1, "two": 2, "three": 3}
#: ``style_type`` values of a separator that draws no line ("default" follows a theme option
#: an export does not hold: no line is assumed, and no text is lost either way).
_LINELESS: Final = frozenset({"", "none", "default"})


_DEVICES: Final = ("small", "medium", "large")
_SHOWN_ON: Final = frozenset(f"{d}-visibility" for d in _DEVICES)


def _hidden_on(value: str | None) -> str:
    """The ``fusion-no-*-visibility`` classes Avada renders for ``hide_on_mobile`` (which,
    despite its name, lists the devices an element is *shown* on); legacy ``yes`` hid it
    on phones only, ``no`` nowhere. An unknown value hides nothing."""
    if not value:
        return ""
    value = value.strip().lower()
    if value == "yes":
        return "fusion-no-small-visibility"
    shown = {token.strip() for token in value.split(",")}
    if shown.isdisjoint(_SHOWN_ON):
        return ""
    return " ".join(f"fusion-no-{d}-visibility" for d in _DEVICES if f"{d}-visibility" not in shown)


def _publish_date(value: str) -> datetime.datetime | None:
    """A container's ``publish_date`` (the builder writes ``YYYY-MM-DD HH:MM:SS``, site time)."""
    try:
        when = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when.astimezone(datetime.timezone.utc).replace(tzinfo=None) if when.tzinfo else when


#: Deepest shortcode nesting rendered as shortcodes (real content nests a dozen levels).
MAX_DEPTH: Final = 50
_TAB_NAMES: Final = frozenset({"tab", "fusion_tab", "fusion_old_tab"})
_PRICING_ROW_NAMES: Final = frozenset({"fusion_pricing_row", "pricing_row"})
_CAROUSEL_NAMES: Final = frozenset({"fusion_images", "images", "fusion_clients", "clients"})
_ACCORDION_NAMES: Final = frozenset(
    {"fusion_accordion", "fusion_accordian", "accordian", "fusion_toggles", "toggles"}
)
#: Elements whose items stand in a set: the set shortcodes' names, and the markup the set
#: renders around its items (an item outside its set is given the same: a set of one).
_SETS: Final = {
    "carousel": (_CAROUSEL_NAMES, '<div class="fusion-image-carousel"><div class="swiper-wrapper">', "</div></div>"),
    "gallery": (frozenset({"fusion_gallery"}), '<div class="fusion-gallery">', "</div>"),
    "checklist": (frozenset({"fusion_checklist", "checklist"}), '<ul class="fusion-checklist">', "</ul>"),
    "accordion": (_ACCORDION_NAMES, '<div class="fusion-accordian"><div class="panel-group">', "</div></div>"),
    "content_boxes": (
        frozenset({"fusion_content_boxes", "content_boxes"}), '<div class="fusion-content-boxes content-boxes">', "</div>",
    ),
    "testimonials": (
        frozenset({"fusion_testimonials", "testimonials"}), '<div class="fusion-testimonials"><div class="reviews">',
        "</div></div>",
    ),
}  # fmt: skip
#: The pane id a tab set gives each of its tabs (a key no shortcode attribute can have).
_PANE: Final = " pane"
#: Budgets of ``[fusion_global]`` expansion in one document: global elements one inside
#: the other, expansions in all, and characters of library content rendered in all. A
#: library element may use others many times each, so without them a few kilobytes expand
#: exponentially (real pages use a handful of global elements, a few kilobytes each).
MAX_GLOBAL_DEPTH: Final = 8
MAX_GLOBAL_EXPANSIONS: Final = 256
MAX_GLOBAL_CHARS: Final = 2_000_000
#: Cells of a ``[fusion_chart]`` table past those its values and labels fill themselves
#: (its rows × columns grow as labels × data sets: 69 KB once asked for 58 MB of table).
CHART_SPARE_CELLS: Final = 10_000


def _text_between_tags(node: Shortcode) -> str:
    """The content typed between a shortcode's tags and its descendants' tags, in order
    (iteratively: the subtree may be thousands of levels deep)."""
    out: list[str] = []
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        else:
            stack.extend(reversed(item.children))
    return "".join(out)


class _Renderer:
    def __init__(
        self,
        ctx: Context | None,
        attachments: dict[str, str] | None,
        library: dict[str, str] | None = None,
    ) -> None:
        self.ctx = ctx
        self.attachments = attachments or {}
        self.library = library or {}
        self._expanding: set[str] = set()  # global elements being rendered (no cycles)
        self._expansions = 0  # global elements rendered so far, and their characters
        self._expanded_chars = 0
        self._depth = 0  # shortcodes being rendered, one inside the other
        self._names: list[str] = []  # their names, outermost first
        self.custom = ctx.shortcodes if ctx is not None else {}  # users' elements, by name
        self._sets = 0  # tab sets rendered so far (their panes' ids)

    def count(self, code: str, what: str, level: Level = "info") -> None:
        if self.ctx is not None:
            self.ctx.tally("shortcodes", code, what, level=level)

    def render(self, nodes: list[Any]) -> str:
        return "".join(n if isinstance(n, str) else self.node(n) for n in nodes)

    def body(self, node: Shortcode) -> str:
        return self.render(node.children)

    def node(self, n: Shortcode) -> str:
        if self._depth >= MAX_DEPTH:
            # each level costs a few Python frames: past the limit, a shortcode's content
            # is kept as the text between its tags, its own tags (and attributes) dropped
            if self.ctx is not None:
                self.ctx.tally(
                    "shortcodes", "flattened-deep-nesting",
                    f"shortcode nested deeper than {MAX_DEPTH} levels: tags removed", level="warning",
                )  # fmt: skip
            return _text_between_tags(n)
        a = n.attrs
        status = a.get("status")
        if status is not None and not self._published(n.name, status, a.get("publish_date", "")):
            return ""
        # (an exception ends the whole rendering, so the count needs no try/finally)
        self._depth += 1
        self._names.append(n.name)
        out = self._element(n)
        self._names.pop()
        self._depth -= 1
        hidden = _hidden_on(a.get("hide_on_mobile"))
        if hidden and out:
            # the classes the rendered element carries: drop_hidden keeps the copy meant for
            # its target device, as it does on a rendered page
            tag = "span" if n.name in INLINE_SHORTCODES else "div"
            out = f'<{tag} class="{hidden}">{out}</{tag}>'
        return out

    def _published(self, name: str, status: str, date: str) -> bool:
        """Whether a visitor sees an element with this ``status`` now (a draft or an element
        outside its publication window is not rendered at all)."""
        status = status.strip().lower()
        if status == "draft":
            self.count("dropped-hidden", f"{name}: draft")
            return False
        if status not in ("published_until", "publish_after"):
            return True
        when = _publish_date(date)
        if when is None:
            if self.ctx is not None:
                self.ctx.warn("shortcodes", "unreadable-publish-date", f"{name}: {date!r} (kept)")
            return True
        now = self.ctx.now if self.ctx is not None else None
        if now is None:  # no clock unless the caller gives one: output depends on input alone
            self.count("kept-scheduled", f"{name}: publication window not applied (no now= given)")
            return True
        if now.tzinfo is not None:
            now = now.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        if (now < when) if status == "published_until" else (now >= when):
            return True
        self.count("dropped-hidden", f"{name}: outside its publication window")
        return False

    def _set(self, kind: str, items: str) -> str:
        """``items`` in the markup their set renders around them (``_SETS``)."""
        _names, start, end = _SETS[kind]
        return f"{start}{items}{end}"

    def _item(self, kind: str, item: str) -> str:
        """One item of a set: as it is inside its set's shortcode, else as a set of one."""
        if len(self._names) >= 2 and self._names[-2] in _SETS[kind][0]:
            return item
        return self._set(kind, item)

    def _element(self, n: Shortcode) -> str:
        name = n.name
        custom = self.custom.get(name)
        if custom is not None:  # a user's element: its own stored form
            return custom(dict(n.attrs), self.body(n))
        if name == "fusion_global":
            return self._global(n)
        if name in LAYOUT:
            link = n.attrs.get("link", "").strip() if name.startswith("fusion_builder_column") else ""
            if link:  # a linked column: Avada's wordless overlay link, which drop_hidden gives the title
                overlay = f'<span class="fusion-column-inner-bg"><a href="{_attr(link)}"></a></span>'
                return f"<div>{self.body(n)}{overlay}</div>"
            return f"<div>{self.body(n)}</div>"
        rendered = RENDERED_AS.get(name)
        if rendered is not None:
            return f'<div class="{rendered}"></div>'
        silent = SILENT.get(name) or ("dropped-widget" if name.startswith("fusion_form_") else None)
        if silent is not None:  # form fields (an Avada form's own post): no content to migrate
            self.count(silent, name)
            return ""
        method = getattr(self, "sc_" + name.replace("fusion_", "").replace("-", "_"), None)
        if method is not None:
            result: str = method(n)
            return result
        self.count("unknown-shortcode", name)
        return self.body(n)

    def _global(self, n: Shortcode) -> str:
        """The Avada Library element the shortcode stands for, rendered in place."""
        gid = n.attrs.get("id", "").strip()
        content = self.library.get(gid)
        if content is None or gid in self._expanding:
            self.count("unresolved-global", f"fusion_global id={gid or '?'}", "warning")
            return f"<div>{self.body(n)}</div>"
        over = self._global_budget(content)
        if over:
            self.count("over-budget", f"fusion_global id={gid} not expanded: {over}", "warning")
            return f"<div>{self.body(n)}</div>"
        self._expansions += 1
        self._expanded_chars += len(content)
        self._expanding.add(gid)
        try:
            return f"<div>{self.render(_build_tree(_pieces(content, self.custom.keys())))}</div>"
        finally:
            self._expanding.discard(gid)

    def _global_budget(self, content: str) -> str:
        """Which expansion budget rendering ``content`` once more would exceed ("" if none)."""
        if len(self._expanding) >= MAX_GLOBAL_DEPTH:
            return f"global elements nested deeper than {MAX_GLOBAL_DEPTH}"
        if self._expansions >= MAX_GLOBAL_EXPANSIONS:
            return f"more than {MAX_GLOBAL_EXPANSIONS} expansions in the document"
        if self._expanded_chars + len(content) > MAX_GLOBAL_CHARS:
            return f"more than {MAX_GLOBAL_CHARS:,} characters of global elements in the document"
        return ""

    # -- elements ------------------------------------------------------------------
    # Every element below renders as the builder renders it: the classes are the ones
    # ``map_fusion_elements`` reads, and that step alone decides what an element becomes
    # (with its options, and a user's own elements), for shortcodes and rendered pages alike.
    def sc_title(self, n: Shortcode) -> str:
        a = n.attrs
        size = a.get("size", a.get("heading_size", "2"))
        inner = _ONE_PARAGRAPH_RE.sub(r"\1", self.render(n.children).strip())
        if a.get("title_type") in ("rotating", "highlight") and not inner:
            # the words live in attributes; a rotating title shows its variants in turn
            if a["title_type"] == "rotating":
                variants = [v.strip() for v in a.get("rotation_text", "").split("|") if v.strip()]
                middle = "".join(f"<span>{v}</span>" for v in variants)
                middle = f'<span class="fusion-animated-texts">{middle}</span>' if middle else ""
            else:
                middle = a.get("highlight_text", "").strip()
            words = (a.get("before_text", "").strip(), middle, a.get("after_text", "").strip())
            inner = " ".join(w for w in words if w)
        if size in ("div", "p"):
            return (
                '<div class="fusion-title title fusion-title-size-div">'
                f'<div class="fusion-title-heading title-heading-left">{inner}</div></div>'
            )
        level = _LEVELS.get(size, 2)
        return (
            f'<div class="fusion-title title"><h{level} class="fusion-title-heading title-heading-left">'
            f"{inner}</h{level}></div>"
        )

    def sc_separator(self, n: Shortcode) -> str:
        style = n.attrs.get("style_type", n.attrs.get("style", "")).strip().lower()
        if style in _LINELESS:  # a spacer
            return '<div class="fusion-separator sep-none"></div>'
        lines = " ".join("sep-" + w for w in _LANG_JUNK_RE.sub(" ", style).split())
        return f'<div class="fusion-separator"><div class="fusion-separator-border {lines}"></div></div>'

    def _image_url(self, n: Shortcode) -> str:
        # the body as typed (autop's paragraph tags around a bare URL are not part of it)
        raw = self._raw(n)
        if "<img" in raw:
            return ""
        image_id = _image_id(n)
        url = (
            self.attachments.get(image_id)
            or _plain(raw)
            or n.attrs.get("image", "")
            or n.attrs.get("src", "")
        )
        if not url and image_id:  # only the attachment's number: its file is not in the text
            self.count("unresolved-attachment", f"{n.name} image id without its file", "warning")
        return url

    def sc_imageframe(self, n: Shortcode) -> str:
        a = n.attrs
        content = self.render(n.children).strip()
        url = self._image_url(n)
        img = (
            content
            if "<img" in content
            else (f'<img src="{_attr(url)}" alt="{_attr(a.get("alt", ""))}">' if url else "")
        )
        if not img:
            return ""
        link = a.get("link") or a.get("link_url")
        if "<a" not in img:
            if a.get("lightbox") == "yes":  # the link opens the full image (the link is ignored)
                full = a.get("lightbox_image") or url
                if full:
                    img = f'<a href="{_attr(full)}" class="fusion-lightbox" data-rel="iLightbox">{img}</a>'
            elif link:
                img = f'<a href="{_attr(link)}">{img}</a>'
        caption = "".join(
            f'<div class="awb-imageframe-caption-{part}">{a[key]}</div>'
            for part, key in (("title", "caption_title"), ("text", "caption_text"))
            if a.get(key)
        )
        return (
            f'<div class="fusion-image-element"><span class="fusion-imageframe">{img}</span>{caption}</div>'
        )

    sc_image_frame = sc_imageframe

    # Carousels, galleries and sliders: rendered as the builder renders them, so that the
    # links, captions and alt texts follow one rule (``map_fusion_elements``).
    def _linked_image(self, n: Shortcode, url: str) -> str:
        alt = _attr(n.attrs.get("alt", "") or n.attrs.get("image_title", ""))
        img = f'<img src="{_attr(url)}" alt="{alt}">'
        link = n.attrs.get("link", "").strip()
        return f'<a href="{_attr(link)}">{img}</a>' if link and link != "#" else img

    def sc_image(self, n: Shortcode) -> str:  # a carousel's item
        url = n.attrs.get("image") or self._image_url(n)
        if not url:
            return ""
        item = f'<div class="swiper-slide"><div class="fusion-image-wrapper">{self._linked_image(n, url)}</div></div>'
        return self._item("carousel", item)

    sc_client = sc_image

    def sc_images(self, n: Shortcode) -> str:
        return self._set("carousel", self.render(n.children))

    sc_clients = sc_images

    def sc_gallery_image(self, n: Shortcode) -> str:
        url = n.attrs.get("image") or self._image_url(n)
        if not url:
            return ""
        item = f'<div class="fusion-gallery-image">{self._linked_image(n, url)}</div>'
        return self._item("gallery", item)

    def sc_gallery(self, n: Shortcode) -> str:
        if any(isinstance(child, Shortcode) for child in n.children):  # not autop's blank lines
            return self._set("gallery", self.render(n.children))
        ids = [i.strip() for i in (n.attrs.get("image_ids") or n.attrs.get("ids") or "").split(",")]
        items = [
            f'<div class="fusion-gallery-image"><img src="{_attr(self.attachments[i])}" alt=""></div>'
            for i in ids
            if i in self.attachments
        ]
        if not items and ids and ids != [""]:
            self.count("unresolved-attachment", "gallery image ids without their files", "warning")
        return self._set("gallery", "".join(items))

    def sc_button(self, n: Shortcode) -> str:
        a = n.attrs
        label = _ANY_TAG_RE.sub("", self.render(n.children)).strip()
        link = a.get("link", "").strip()
        opens = ' data-toggle="modal"' if a.get("modal") else ""  # a modal's trigger
        href = f' href="{_attr(link)}"' if link else (' href="#"' if opens else "")
        return (
            f'<div class="fusion-button-wrapper"><a class="fusion-button"{href}{opens}>'
            f'<span class="fusion-button-text">{label}</span></a></div>'
        )

    def sc_checklist(self, n: Shortcode) -> str:
        numbered = " type-numbered" if n.attrs.get("type") == "numbered" else ""
        return f'<ul class="fusion-checklist{numbered}">{self.render(n.children)}</ul>'

    def sc_li_item(self, n: Shortcode) -> str:
        inner = _ONE_PARAGRAPH_RE.sub(r"\1", self.render(n.children).strip())
        item = f'<li class="fusion-li-item"><div class="fusion-li-item-content">{inner}</div></li>'
        return self._item("checklist", item)

    def sc_tabs(self, n: Shortcode) -> str:
        # Avada 4 wrote the titles on the set (``[tabs tab1="…" tab2="…"][tab id="1"]``)
        self._sets += 1
        nav: list[str] = []
        number = 0
        for child in n.children:
            if isinstance(child, Shortcode) and child.name in _TAB_NAMES:
                number += 1
                if not child.attrs.get("title"):
                    key = child.attrs.get("id", "").strip() or str(number)
                    title = n.attrs.get(f"tab{key}") or n.attrs.get(f"tab{number}")
                    if title:
                        child.attrs["title"] = title
                pane = f"tab-{self._sets}-{number}"
                child.attrs[_PANE] = pane
                nav.append(
                    f'<li><a href="#{pane}"><h4 class="fusion-tab-heading">{child.attrs.get("title", "")}</h4></a></li>'
                )
        return (
            f'<div class="fusion-tabs"><div class="nav"><ul class="nav-tabs">{"".join(nav)}</ul></div>'
            f'<div class="tab-content">{self.render(n.children)}</div></div>'
        )

    sc_old_tabs = sc_tabs

    def sc_tab(self, n: Shortcode) -> str:
        pane = n.attrs.get(_PANE)
        if pane is None:  # a tab outside a tab set: a set of one
            return self.sc_tabs(Shortcode(name="fusion_tabs", attrs={}, children=[n]))
        return f'<div class="tab-pane" id="{pane}">{self.body(n)}</div>'

    sc_old_tab = sc_tab

    def sc_accordion(self, n: Shortcode) -> str:
        return self._set("accordion", self.render(n.children))

    sc_accordian = sc_accordion
    sc_toggles = sc_accordion

    def sc_toggle(self, n: Shortcode) -> str:
        shown = " in" if n.attrs.get("open") == "yes" else ""
        panel = (
            '<div class="fusion-panel panel"><div class="panel-heading"><h4 class="panel-title toggle">'
            f'<a><span class="fusion-toggle-heading">{n.attrs.get("title", "")}</span></a></h4></div>'
            f'<div class="panel-collapse collapse{shown}"><div class="panel-body toggle-content">'
            f"{self.body(n)}</div></div></div>"
        )
        return self._item("accordion", panel)

    def sc_content_boxes(self, n: Shortcode) -> str:
        return self._set("content_boxes", self.render(n.children))

    def sc_content_box(self, n: Shortcode) -> str:
        a = n.attrs
        title, link, more = a.get("title", ""), a.get("link", ""), a.get("linktext", "")
        # an image in place of the icon, drawn above the title
        url = a.get("image") or self.attachments.get(_image_id(n), "")
        head = (f'<div class="image"><img src="{_attr(url)}" alt=""></div>' if url else "") + (
            f'<h2 class="content-box-heading">{title}</h2>' if title else ""
        )
        if link:  # the builder links the icon and the title
            head = f'<a class="heading-link" href="{_attr(link)}">{head}</a>'
        read_more = f'<a class="fusion-read-more" href="{_attr(link)}">{more}</a>' if link and more else ""
        box = (
            '<div class="fusion-column content-box-column"><div class="col content-box-wrapper">'
            f'<div class="heading heading-with-icon">{head}</div>'
            f'<div class="content-container">{self.body(n)}</div>{read_more}</div></div>'
        )
        return self._item("content_boxes", box)

    def sc_flip_boxes(self, n: Shortcode) -> str:
        return f'<div class="fusion-flip-boxes flip-boxes">{self.render(n.children)}</div>'

    def sc_flip_box(self, n: Shortcode) -> str:
        a = n.attrs
        front = f'<h2 class="flip-box-heading">{a["title_front"]}</h2>' if a.get("title_front") else ""
        back = f'<h3 class="flip-box-heading-back">{a["title_back"]}</h3>' if a.get("title_back") else ""
        return (
            '<div class="fusion-flip-box"><div class="flip-box-inner-wrapper">'
            f'<div class="flip-box-front"><div class="flip-box-front-inner">{front}{a.get("text_front", "")}</div></div>'
            f'<div class="flip-box-back"><div class="flip-box-back-inner">{back}{self.body(n)}</div></div>'
            "</div></div>"
        )

    def sc_testimonials(self, n: Shortcode) -> str:
        return self._set("testimonials", self.render(n.children))

    def sc_testimonial(self, n: Shortcode) -> str:
        a = n.attrs
        name, company = a.get("name", ""), a.get("company", "")
        who = f"<strong>{name}</strong>" if name else ""
        if company:
            who += f", <span>{company}</span>" if who else f"<span>{company}</span>"
        author = f'<div class="author"><span class="company-name">{who}</span></div>' if who else ""
        photo = ""  # the author's photo, before the quote
        if a.get("image") and a.get("avatar", "image") == "image":
            alt = _attr(a.get("image_alt") or name)
            photo = f'<div class="testimonial-image"><img src="{_attr(a["image"])}" alt="{alt}"></div>'
        review = f'<div class="review">{photo}<blockquote><q>{self.body(n)}</q></blockquote>{author}</div>'
        return self._item("testimonials", review)

    def sc_alert(self, n: Shortcode) -> str:
        return f'<div class="fusion-alert alert"><div class="fusion-alert-content">{self.body(n)}</div></div>'

    def sc_tagline_box(self, n: Shortcode) -> str:
        a = n.attrs
        title, desc = _b64(a.get("title", "")), _b64(a.get("description", ""))
        parts = [
            f"<h2>{title}</h2>" if title else "",
            f'<div class="reading-box-description">{desc}</div>' if desc else "",
            f'<div class="reading-box-additional">{self.body(n)}</div>',
        ]
        if a.get("button") and a.get("link"):
            parts.append(f'<a class="fusion-button" href="{_attr(a["link"])}"><span>{a["button"]}</span></a>')
        return (
            f'<div class="fusion-reading-box-container"><div class="reading-box">{"".join(parts)}</div></div>'
        )

    def sc_person(self, n: Shortcode) -> str:
        a = n.attrs
        picture = (
            f'<div class="person-image-container"><img src="{_attr(a["picture"])}" alt="{_attr(a.get("name", ""))}"></div>'
            if a.get("picture")
            else ""
        )
        name = f'<span class="person-name">{a["name"]}</span>' if a.get("name") else ""
        role = f'<span class="person-title">{a["title"]}</span>' if a.get("title") else ""
        return (
            f'<div class="fusion-person person">{picture}<div class="person-desc">'
            f'<div class="person-author">{name}{role}</div>'
            f'<div class="person-content">{self.body(n)}</div></div></div>'
        )

    def sc_counters_box(self, n: Shortcode) -> str:
        return f'<div class="fusion-counters-box counters-box">{self.render(n.children)}</div>'

    def sc_counters_circle(self, n: Shortcode) -> str:
        return f'<div class="fusion-counters-circle counters-circle">{self.render(n.children)}</div>'

    def sc_counter_box(self, n: Shortcode) -> str:
        a = n.attrs
        unit, value = a.get("unit", "").strip(), a.get("value", "").strip()
        unit_span = f'<span class="unit">{_text(unit)}</span>' if unit else ""
        delimiter = f' data-delimiter="{_attr(a["delimiter"])}"' if a.get("delimiter") else ""
        counter = (
            f'<span class="display-counter" data-value="{_attr(value)}"{delimiter}>0</span>' if value else ""
        )
        number = unit_span + counter if a.get("unit_pos") == "prefix" else counter + unit_span
        label = _P_TAG_RE.sub(" ", self.render(n.children)).strip()
        return (
            '<div class="fusion-counter-box"><div class="counter-box-container">'
            f'<div class="content-box-percentage content-box-counter">{number if value else ""}</div>'
            f'<div class="counter-box-content">{label}</div></div></div>'
        )

    def sc_counter_circle(self, n: Shortcode) -> str:
        label = _P_TAG_RE.sub(" ", self.render(n.children)).strip()
        value = n.attrs.get("value", "").strip()
        return (
            f'<div class="counter-circle-wrapper"><div class="fusion-counter-circle counter-circle" data-percent="{_attr(value)}">'
            f'<div class="fusion-counter-circle-content-inner">{label}</div></div></div>'
        )

    def sc_progress(self, n: Shortcode) -> str:
        label = _P_TAG_RE.sub(" ", self.render(n.children)).strip()
        unit = n.attrs.get("unit", "%").strip() or "%"
        pct = strip_unit(n.attrs.get("percentage", ""), after=unit)
        value = f'<span class="fusion-progressbar-value">{_text(pct + unit)}</span>' if pct else ""
        return (
            f'<div class="fusion-progressbar"><div class="progress-title">'
            f'<span class="fusion-progressbar-text">{label}</span> {value}</div></div>'
        )

    def sc_highlight(self, n: Shortcode) -> str:
        return f'<mark class="fusion-highlight">{self.render(n.children)}</mark>'

    def sc_dropcap(self, n: Shortcode) -> str:
        return f'<span class="fusion-dropcap dropcap">{self.render(n.children)}</span>'

    def sc_tooltip(self, n: Shortcode) -> str:
        title = n.attrs.get("title", "")
        return f'<span class="fusion-tooltip tooltip-shortcode" title="{_attr(title)}">{self.render(n.children)}</span>'

    def sc_popover(self, n: Shortcode) -> str:
        a = n.attrs
        title = f' data-title="{_attr(a["title"])}"' if a.get("title") else ""
        content = _b64(a.get("content", ""))
        note = f' data-content="{_attr(content)}"' if content else ""
        return f'<span class="fusion-popover"{title}{note}>{self.render(n.children)}</span>'

    def sc_modal_text_link(self, n: Shortcode) -> str:
        return f'<a class="fusion-modal-text-link" data-toggle="modal" href="#">{self.render(n.children)}</a>'

    def sc_modal(self, n: Shortcode) -> str:
        title = n.attrs.get("title", "")
        head = f'<h3 class="modal-title">{title}</h3>' if title else ""
        return f'<div class="fusion-modal modal">{head}<div class="modal-body">{self.body(n)}</div></div>'

    def _raw(self, n: Shortcode) -> str:
        """The body as typed: autop's paragraphs and breaks removed (for encoded bodies)."""
        return _AUTOP_TAGS_RE.sub("", self.render(n.children))

    def sc_code(self, n: Shortcode) -> str:
        # raw HTML, with the shortcodes inside it run (a contact form, a button...)
        decoded = _b64(self._raw(n))
        return self.render(parse_shortcodes(decoded)) if "[" in decoded else decoded

    def sc_syntax_highlighter(self, n: Shortcode) -> str:
        code = _b64(self._raw(n))
        lang = _LANG_JUNK_RE.sub("", n.attrs.get("language", ""))
        mode = f' data-mode="{lang}"' if lang else ""
        return (
            f'<div class="fusion-syntax-highlighter-container"><textarea{mode}>'
            f"{html.escape(code, quote=False)}</textarea></div>"
        )

    def sc_table(self, n: Shortcode) -> str:
        return self.render(n.children)

    def sc_chart(self, n: Shortcode) -> str:
        """A chart's data as the table it plots: a row per label, a column per data set.

        What a visitor reads off the chart (labels, legend, values) lives only in
        attributes; the table keeps it. The value axis's title goes with each data set's
        name ("Revenue ($m)"); a horizontal bar chart swaps the axes.
        """
        a = n.attrs
        sets = [c for c in n.children if isinstance(c, Shortcode) and c.name == "fusion_chart_dataset"]
        columns = [[v.strip() for v in c.attrs.get("values", "").split("|")] for c in sets]
        if not any(any(col) for col in columns):
            self.count("dropped-widget", "fusion_chart without data")
            return ""
        labels = [v.strip() for v in a.get("x_axis_labels", "").split("|")]
        rows = max(len(labels), *map(len, columns))
        width = len(columns) + 1
        # the table's size stays linear in the values and labels given
        budget = CHART_SPARE_CELLS + len(labels) + sum(map(len, columns))
        if rows * width > budget:
            kept = max(1, budget // width)
            self.count("over-budget", f"fusion_chart rows past {kept:,} of {rows:,} dropped", "warning")
            rows = kept
        horizontal = a.get("chart_type", "").strip() == "horizontalBar"
        label_axis = a.get("y_axis_label" if horizontal else "x_axis_label", "").strip()
        value_axis = a.get("x_axis_label" if horizontal else "y_axis_label", "").strip()
        with_labels = any(labels)
        head = [label_axis] if with_labels else []
        for dataset in sets:
            name = dataset.attrs.get("title", "").strip()  # the legend's text; none invented
            head.append(f"{name} ({value_axis})" if name and value_axis else name or value_axis)
        body = []
        for i in range(rows):
            cells = [labels[i] if i < len(labels) else ""] if with_labels else []
            cells += [col[i] if i < len(col) else "" for col in columns]
            if any(cells):
                body.append("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in cells) + "</tr>")
        title = a.get("title", "").strip()
        caption = f"<caption>{_text(title)}</caption>" if title else ""
        header = "".join(f"<th>{_text(c)}</th>" for c in head)
        return f"<table>{caption}<thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    def sc_youtube(self, n: Shortcode) -> str:
        player = _player(n.attrs.get("id", ""), "youtube")
        return f'<div class="fusion-video fusion-youtube">{player}</div>' if player else ""

    def sc_vimeo(self, n: Shortcode) -> str:
        player = _player(n.attrs.get("id", ""), "vimeo")
        return f'<div class="fusion-video fusion-vimeo">{player}</div>' if player else ""

    def sc_video(self, n: Shortcode) -> str:
        url = n.attrs.get("video") or n.attrs.get("mp4") or n.attrs.get("src") or n.attrs.get("0", "")
        if not url:
            return ""
        return f'<div class="fusion-video fusion-selfhosted-video"><video><source src="{_attr(url)}"></video></div>'

    def sc_slider(self, n: Shortcode) -> str:
        return f'<div class="fusion-slider-sc"><div class="flexslider"><ul class="slides">{self.render(n.children)}</ul></div></div>'

    def sc_slide(self, n: Shortcode) -> str:
        """An image slide (its body the image's URL or an ``<img>``), or a video slide."""
        raw = self._raw(n).strip()
        if n.attrs.get("type") == "video":
            embed = self._video_embed(_plain(raw))
            return f'<li><div class="full-video">{embed}</div></li>' if embed else ""
        if "<img" in raw:
            img = raw
        else:
            url = _plain(raw)
            if not url:
                return ""
            img = f'<img src="{_attr(url)}" alt="">'
        link = n.attrs.get("link", "")
        if link and n.attrs.get("lightbox") != "yes" and "<a" not in img:
            img = f'<a href="{_attr(link)}">{img}</a>'
        return f"<li>{img}</li>"

    def _video_embed(self, url: str) -> str:
        """A YouTube or Vimeo player for a video URL, a link for any other."""
        return _player(url) or _link_paragraph(url)

    def sc_lightbox(self, n: Shortcode) -> str:
        """The thumbnail linked to the full-size image, as the builder renders it (the
        ``lightbox`` option of ``map_fusion_elements`` decides); a video lightbox is the video."""
        a = n.attrs
        if a.get("video_url"):
            return self._video_embed(a["video_url"])
        full, thumb = a.get("full_image", ""), a.get("thumbnail_image") or a.get("full_image", "")
        if not thumb:
            return ""
        img = f'<img src="{_attr(thumb)}" alt="{_attr(a.get("alt_text", ""))}">'
        if not full:
            return f'<figure class="wp-caption">{img}</figure>'
        caption = f' data-caption="{_attr(a["description"])}"' if a.get("description") else ""
        return f'<a class="awb-lightbox" href="{_attr(full)}"{caption}>{img}</a>'

    def sc_one_page_text_link(self, n: Shortcode) -> str:
        link = n.attrs.get("link", "")
        body = self.body(n)
        return f'<a class="fusion-one-page-text-link" href="{_attr(link)}">{body}</a>' if link else body

    def sc_countdown(self, n: Shortcode) -> str:
        """Its headings and link (the counting digits are a script's; the end date, in an
        attribute, is not shown as such on the page)."""
        a = n.attrs
        parts = [
            f'<div class="fusion-countdown-{cls}">{_text(a[key])}</div>'
            for cls, key in (("heading", "heading_text"), ("subheading", "subheading_text"))
            if a.get(key)
        ]
        if a.get("link_url") and a.get("link_text"):
            href = _attr(a["link_url"])
            parts.append(f'<a class="fusion-countdown-link" href="{href}">{_text(a["link_text"])}</a>')
        digits = '<div class="fusion-countdown-counter-wrapper"><span class="fusion-digit">0</span></div>'
        return f'<div class="fusion-countdown">{"".join(parts)}{digits}</div>'

    def sc_embed(self, n: Shortcode) -> str:
        return _link_paragraph(_plain(self._raw(n)))  # the body as typed: autop's <p> is not part of it

    def sc_audio(self, n: Shortcode) -> str:
        url = _attr(n.attrs.get("mp3") or n.attrs.get("src") or "")
        fallback = f'<a href="{url}">{url}</a>' if url else ""
        return f'<audio class="wp-audio-shortcode" controls="controls"><source src="{url}">{fallback}</audio>'

    def sc_caption(self, n: Shortcode) -> str:
        """WordPress's image caption: the image (and its link) first, the caption after it."""
        inner = self._raw(n)  # autop's paragraph around "<img> words" is not part of it
        m = _LEADING_IMAGE_RE.match(inner)
        if not m:
            return self.render(n.children)
        caption = m.group(2).strip() or n.attrs.get("caption", "")
        cap = f'<figcaption class="wp-caption-text">{caption}</figcaption>' if caption else ""
        return f'<figure class="wp-caption">{m.group(1)}{cap}</figure>'

    sc_wp_caption = sc_caption

    # Pricing tables: rendered as the builder renders them (one list of rows per column).
    def sc_pricing_table(self, n: Shortcode) -> str:
        return f'<div class="fusion-pricing-table">{self.render(n.children)}</div>'

    def sc_pricing_column(self, n: Shortcode) -> str:
        title = n.attrs.get("title", "")
        head = f'<div class="panel-heading"><h3 class="title-row">{title}</h3></div>' if title else ""
        parts: list[str] = []
        rows: list[str] = []
        at = -1  # where the rows' list stands: at the first row
        for child in n.children:
            if isinstance(child, Shortcode) and child.name in _PRICING_ROW_NAMES:
                at = len(parts) if at < 0 else at
                rows.append(self.node(child))
            else:
                parts.append(child if isinstance(child, str) else self.node(child))
        if rows:
            parts.insert(at, f'<ul class="list-group">{"".join(rows)}</ul>')
        return (
            '<div class="panel-wrapper"><div class="panel-container"><div class="fusion-panel">'
            f"{head}{''.join(parts)}</div></div></div>"
        )

    def sc_pricing_price(self, n: Shortcode) -> str:
        a = n.attrs
        whole, _, cents = a.get("price", "").strip().partition(".")
        spans = "".join(
            f'<{tag} class="{cls}">{_text(value)}</{tag}>'
            for tag, cls, value in (
                ("span", "currency", a.get("currency", "")), ("span", "integer-part", whole),
                ("sup", "decimal-part", cents), ("span", "time", a.get("time", "")),
            )
            if value
        )  # fmt: skip
        return f'<div class="panel-body pricing-row"><div class="price">{spans}</div></div>'

    def sc_pricing_row(self, n: Shortcode) -> str:
        row = _ONE_PARAGRAPH_RE.sub(r"\1", self.render(n.children).strip())
        return f'<li class="list-group-item normal-row">{row}</li>'

    def sc_pricing_footer(self, n: Shortcode) -> str:
        return f'<div class="panel-footer footer-row">{self.body(n)}</div>'


_PLACEHOLDER_RE: Final = re.compile("\x02(\\d+)\x03")


@functools.lru_cache(maxsize=1024)
def _is_block_shortcode(name: str) -> bool:
    """Block-level: layout, widgets and every element we render, except inline ones.
    Unknown shortcodes are treated as inline, so they never split a paragraph."""
    if name in INLINE_SHORTCODES:
        return False
    if name in LAYOUT or name in SILENT or name in RENDERED_AS or name.startswith("fusion_form_"):
        return True
    return hasattr(_Renderer, "sc_" + name.replace("fusion_", "").replace("-", "_"))


def _protect(text: str, blocks: Set[str] = frozenset()) -> tuple[str, list[str | re.Match[str]]]:
    """Replace shortcode tags by placeholders autop treats as blocks (or as words, inline)."""
    tokens: list[str | re.Match[str]] = []
    out: list[str] = []
    pos = 0
    for m, tag in _tags(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        tokens.append(tag)
        mark = f"\x02{len(tokens) - 1}\x03"
        escaped = m.group(1) == "[" and m.group(5) == "]"  # [[name]] is the text "[name]"
        if (
            escaped
            or isinstance(tag, str)
            or not (_is_block_shortcode(m.group(3).lower()) or m.group(3).lower() in blocks)
        ):
            out.append(mark)
        else:
            out.append(f"\n\n<{SHORTCODE_SLOT}>{mark}</{SHORTCODE_SLOT}>\n\n")
    out.append(text[pos:])
    return "".join(out), tokens


def strip_unit(value: str, *, before: str = "", after: str = "") -> str:
    """A counter's value without the unit the element writes beside it anyway.

    Authors often type the unit into the value too (``value="24%"`` with ``unit="%"``);
    the unit is then shown once, not twice: ``strip_unit("24%", after="%")`` → ``"24"``.
    A value that is nothing but the unit is kept as it is.
    """
    value = value.strip()
    if before and value.startswith(before) and value != before:
        value = value[len(before) :].lstrip()
    if after and value.endswith(after) and value != after:
        value = value[: -len(after)].rstrip()
    return value


_PLAIN_NUMBER_RE: Final = re.compile(r"(\d+)((?:\.\d+)?)")


def delimit(value: str, delimiter: str) -> str:
    """A counter's value with its thousands delimiter, as the counter's script shows it:
    ``delimit("300000", ",")`` → ``"300,000"``. Other values are kept as they are."""
    m = _PLAIN_NUMBER_RE.fullmatch(value)
    if not delimiter or m is None:
        return value
    whole = m.group(1)
    groups = [whole[max(i - 3, 0) : i] for i in range(len(whole), 0, -3)][::-1]
    return delimiter.join(groups) + m.group(2)


def _attr(value: str) -> str:
    """An attribute value as HTML attribute text. Values are read as WordPress stores them,
    entities and all (``&amp;`` in a link), so they are decoded before being escaped."""
    return html.escape(html.unescape(value) if "&" in value else value, quote=True)


def _text(value: str) -> str:
    """An attribute value written as text (see ``_attr``)."""
    return html.escape(html.unescape(value) if "&" in value else value, quote=False)


def _player(source: str, provider: str | None = None) -> str:
    """The player iframe for a video id or address (rebuilt from the id), or ''."""
    found = video_embed(source, provider)
    return f'<iframe src="{_attr(found[1])}"></iframe>' if found else ""


def _link_paragraph(url: str) -> str:
    """A paragraph holding a link to ``url`` (what an embed the schema may not allow shows)."""
    return f'<p><a href="{_attr(url)}">{_text(url)}</a></p>' if url else ""


def _image_id(n: Shortcode) -> str:
    """The attachment number an element's ``image_id`` names (``"12|full"`` → ``"12"``)."""
    return (n.attrs.get("image_id") or "").split("|")[0].strip()


def _plain(raw: str) -> str:
    """A body typed as text (a URL): tags removed, entities decoded."""
    return html.unescape(_ANY_TAG_RE.sub("", raw)).strip()


def render_shortcodes(
    text: str,
    ctx: Context | None = None,
    attachments: dict[str, str] | None = None,
    *,
    library: dict[str, str] | None = None,
) -> str:
    """Render shortcode content (``post_content``) to HTML.

    WordPress runs autop over the whole content before it expands shortcodes; so does this,
    once, with every block-level shortcode tag standing on its own (never wrapped in a
    paragraph, never turned into a ``<br>``), then renders the shortcode tree.

    Args:
        text: Raw post content with shortcodes (CRLF tolerated).
        ctx: Receives counts of unknown and dropped shortcodes.
        attachments: Attachment id → URL, so ``image_id`` references resolve (from WXR).
        library: Global element id → its content (the Avada Library in a WXR export), so
            ``[fusion_global id="N"]`` renders the element it stands for.
    """
    renderer = _Renderer(ctx, attachments, library)
    return renderer.render(_build_tree(_pieces(text, renderer.custom.keys())))


def _pieces(text: str, blocks: Set[str] = frozenset()) -> list[str | re.Match[str]]:
    """Content as autop leaves it, cut into text and shortcode tag tokens."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Avada's own cleanup of wpautop artefacts around shortcodes
    text = _P_BEFORE_SHORTCODE_RE.sub("[", text)
    text = _P_AFTER_SHORTCODE_RE.sub("]", text)
    text = _BR_AFTER_SHORTCODE_RE.sub("]", text)
    protected, tokens = _protect(text, blocks)
    paragraphs = autop(protected)
    paragraphs = paragraphs.replace(f"<{SHORTCODE_SLOT}>", "").replace(f"</{SHORTCODE_SLOT}>", "")
    pieces: list[str | re.Match[str]] = []
    for i, part in enumerate(_PLACEHOLDER_RE.split(paragraphs)):
        if i % 2:
            pieces.append(tokens[int(part)])
        elif part:
            pieces.append(part)
    return pieces
