"""The semantic vocabulary: one Schema drives the sanitize step, the nh3 gate and the
Document builder.

``DEFAULT_SCHEMA`` is what fusionclean emits. ``STRICT_SCHEMA`` removes iframes, video and
audio (embeds become links) and images' ``srcset``. Build your own with
``dataclasses.replace(DEFAULT_SCHEMA, url_schemes=...)``; options are checked when built.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from .errors import ConfigError

if TYPE_CHECKING:
    import nh3

__all__ = ["DEFAULT_SCHEMA", "STRICT_SCHEMA", "Schema", "is_safe_url"]

#: Tags whose *content* is never output (it is code or metadata, not text).
DROP_CONTENT_TAGS: Final = frozenset(
    {
        "script", "style", "template", "noscript", "head", "title", "meta", "link", "base",
        "object", "embed", "applet", "form", "input", "button", "select", "textarea",
        "option", "optgroup", "datalist", "svg", "math", "canvas", "map", "frame",
        "frameset", "noframes", "noembed", "param", "xmp", "plaintext", "dialog", "portal",
        "iframe", "video", "audio", "source", "track", "picture",
    }
)  # fmt: skip

_BLOCK_TAGS: Final = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "blockquote", "footer",
        "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
        "td", "pre", "details", "summary", "hr", "aside", "iframe", "video", "source",
    }
)  # fmt: skip
_INLINE_TAGS: Final = frozenset({"a", "strong", "em", "s", "sup", "sub", "mark", "code", "br", "img", "cite"})

_DEFAULT_ATTRIBUTES: Final[Mapping[str, frozenset[str]]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title", "width", "height", "srcset", "sizes"}),
    "iframe": frozenset({"src", "title", "width", "height", "allowfullscreen", "sandbox"}),
    "video": frozenset({"src", "poster", "controls", "width", "height"}),
    "source": frozenset({"src", "type"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "details": frozenset({"open"}),
    "aside": frozenset({"role"}),
    "code": frozenset({"class"}),
    "blockquote": frozenset({"cite"}),
}

#: Attributes holding one URL (``srcset`` holds several and is checked per candidate).
URL_ATTRIBUTES: Final = frozenset({"href", "src", "cite", "poster", "action", "data"})

#: Hosts whose iframes are kept (as sandboxed embeds); everything else becomes a link.
EMBED_HOSTS: Final = frozenset(
    {
        "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com",
        "player.vimeo.com", "vimeo.com",
    }
)  # fmt: skip

#: The sandbox every kept iframe carries.
IFRAME_SANDBOX: Final = "allow-scripts allow-same-origin allow-presentation allow-popups"

_CONTROL_RE: Final = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME_RE: Final = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ENTITY_RE: Final = re.compile(r"&(#[xX]?[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")
_PATH_START_RE: Final = re.compile(r"[/?#]")


def _url_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser would read it, or None for a relative URL."""
    # the common cases: nothing before the scheme (or the path) that decoding could change
    if url.startswith("https://"):
        return "https"
    if url.startswith("http://"):
        return "http"
    if url[:1] in ("/", "#", "?"):
        return None
    return _url_scheme_general(url)


def _url_scheme_general(url: str) -> str | None:
    import html

    # Browsers decode entities, then ignore whitespace and control characters anywhere.
    decoded = url
    for _ in range(3):
        if "&" not in decoded:
            break
        nxt = html.unescape(decoded)
        if nxt == decoded:
            break
        decoded = nxt
    decoded = _CONTROL_RE.sub("", decoded)
    m = _SCHEME_RE.match(decoded)
    if m is None:
        # "javascript&colon;..." style tricks leave a colon before any slash/?/#.
        head = _PATH_START_RE.split(decoded, maxsplit=1)[0]
        return "invalid" if ":" in head else None
    return m.group(1).lower()


def is_safe_url(url: str, schemes: frozenset[str] | set[str], *, image: bool = False) -> bool:
    """True when ``url`` is relative or uses one of ``schemes``.

    The scheme is judged after entity decoding and stripping whitespace and control
    characters, as a browser would. ``data:`` is accepted only for ``image=True`` and only
    for raster image types (never SVG, which can carry script).
    """
    scheme = _url_scheme(url)
    if scheme is None:
        return True
    if scheme in schemes:
        return True
    if image and scheme == "data":
        body = _CONTROL_RE.sub("", url)[5:].lower()
        return body.startswith(("image/png", "image/jpeg", "image/gif", "image/webp"))
    return False


def host_of(url: str) -> str:
    """Lower-cased host of an absolute or protocol-relative URL ('' if none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Schema:
    """Which tags, attributes and URL schemes may appear in fusionclean's output.

    Attributes:
        tags: Allowed element names.
        attributes: Allowed attributes per tag.
        url_schemes: Allowed schemes for URL attributes (relative URLs are always allowed).
        embed_hosts: Hosts whose iframes are kept (sandboxed); other iframes become links.
        drop_content_tags: Elements removed together with their content.
    """

    tags: frozenset[str] = _BLOCK_TAGS | _INLINE_TAGS
    attributes: Mapping[str, frozenset[str]] = field(default_factory=lambda: dict(_DEFAULT_ATTRIBUTES))
    url_schemes: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
    embed_hosts: frozenset[str] = EMBED_HOSTS
    drop_content_tags: frozenset[str] = DROP_CONTENT_TAGS
    #: CSS properties the nh3 gate keeps in ``style`` on paragraphs and headings (only the
    #: HTML emitter writes them, for ``NormalizeStyles(keep_text_align=True)``).
    style_properties: frozenset[str] = frozenset({"text-align"})

    def __post_init__(self) -> None:
        for name in ("tags", "url_schemes", "embed_hosts", "drop_content_tags", "style_properties"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, (set, frozenset, tuple, list)):
                raise ConfigError(f"Schema.{name} must be a set of strings, got {value!r}")
            object.__setattr__(self, name, frozenset(value))
        if not isinstance(self.attributes, Mapping):
            raise ConfigError("Schema.attributes must map tag names to attribute sets")
        attrs = {tag: frozenset(names) for tag, names in self.attributes.items()}
        object.__setattr__(self, "attributes", attrs)
        for scheme in self.url_schemes:
            if scheme.lower() in {"javascript", "vbscript", "data", "file"}:
                raise ConfigError(f"URL scheme {scheme!r} can execute code or read files")
        unknown = set(attrs) - self.tags
        if unknown:
            raise ConfigError(f"attributes given for tags not in the schema: {sorted(unknown)}")
        for tag in ("iframe", "video"):
            if tag in self.tags:
                object.__setattr__(self, "drop_content_tags", self.drop_content_tags - {tag})
        if "source" in self.tags:
            object.__setattr__(self, "drop_content_tags", self.drop_content_tags - {"source"})

    def __hash__(self) -> int:
        return hash(
            (
                self.tags,
                tuple(sorted(self.attributes.items())),
                self.url_schemes,
                self.embed_hosts,
                self.drop_content_tags,
                self.style_properties,
            )
        )

    def allowed_attributes(self, tag: str) -> frozenset[str]:
        """Attributes allowed on ``tag`` (empty when none)."""
        return self.attributes.get(tag, _EMPTY)

    def cleaner(self) -> nh3.Cleaner:
        """The one reused ``nh3.Cleaner`` configured from this schema (built once)."""
        cleaner = _CLEANERS.get(self)
        if cleaner is None:
            import nh3

            attributes = {tag: set(names) for tag, names in self.attributes.items()}
            if self.style_properties:
                for tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6"):
                    if tag in self.tags:
                        attributes.setdefault(tag, set()).add("style")
            cleaner = nh3.Cleaner(
                tags=set(self.tags),
                clean_content_tags={"script", "style"} - self.tags,
                attributes=attributes,
                filter_style_properties=set(self.style_properties),
                url_schemes=set(self.url_schemes),
                link_rel=None,
                strip_comments=True,
            )
            _CLEANERS[self] = cleaner
        return cleaner


_EMPTY: Final[frozenset[str]] = frozenset()
_CLEANERS: dict[Schema, Any] = {}

#: The default output vocabulary.
DEFAULT_SCHEMA: Final = Schema()

#: No iframes, video or srcset: embeds become links, images carry one ``src``.
STRICT_SCHEMA: Final = Schema(
    tags=DEFAULT_SCHEMA.tags - {"iframe", "video", "source"},
    attributes={
        tag: (names - {"srcset", "sizes"})
        for tag, names in DEFAULT_SCHEMA.attributes.items()
        if tag not in {"iframe", "video", "source"}
    },
    url_schemes=frozenset({"http", "https", "mailto"}),
)
