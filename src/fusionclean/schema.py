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

__all__ = ["DEFAULT_SCHEMA", "STRICT_SCHEMA", "Schema", "is_safe_url", "url_policy", "video_embed"]

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


def url_policy(url: str | None, schema: Schema | None = None, *, image: bool = False) -> str | None:
    """``url`` when it may appear in an output, else None: the one rule for every address.

    The sanitize step, the Document builder, every emitter and the metadata (a post's
    ``link``, its featured image, a page's canonical address and ``og:image``) all ask
    this: a relative URL or one with a scheme of ``schema.url_schemes`` (``DEFAULT_SCHEMA``
    when None); for ``image=True`` also a raster ``data:`` image. ``javascript:``,
    ``vbscript:`` and other ``data:`` URLs never pass, whatever the preset.

    >>> url_policy("javascript:alert(1)") is None
    True
    >>> url_policy("/about/")
    '/about/'
    """
    if not isinstance(url, str):
        return None
    schemes = (schema or DEFAULT_SCHEMA).url_schemes
    return url if is_safe_url(url, schemes, image=image) else None


# WHATWG URL parsing removes tabs and newlines anywhere and C0 controls and spaces at
# both ends, and reads "\" as "/" in http(s) URLs: host_of reads a host as a browser does.
_TAB_NEWLINE_RE: Final = re.compile(r"[\t\n\r]")
_C0_AND_SPACE: Final = "".join(map(chr, range(0x21)))


def host_of(url: str) -> str:
    """Lower-cased host of an absolute or protocol-relative URL ('' if none), as a browser
    reads it (``https://evil.example\\@www.youtube.com/`` is on ``evil.example``)."""
    url = _TAB_NEWLINE_RE.sub("", url).strip(_C0_AND_SPACE)
    try:
        return (urlsplit(url.replace("\\", "/")).hostname or "").lower()
    except ValueError:
        return ""


# A video address as the players give it, read whole and strictly: the host right after
# the scheme (no user part, no port), then the id and nothing that could change its meaning.
_YOUTUBE_URL_RE: Final = re.compile(
    r"(?:https?:)?//(?:(?:www\.|m\.)?youtube(?:-nocookie)?\.com/(?:embed/|v/|shorts/|live/|watch/?\?(?:[^#]*&)?v=)"
    r"|youtu\.be/)(?P<id>[A-Za-z0-9_-]{6,20})(?:[?&#/].*)?",
    re.I | re.S,
)
_VIMEO_URL_RE: Final = re.compile(
    r"(?:https?:)?//(?:(?:www\.|player\.)?vimeo\.com/(?:video/)?)(?P<id>[0-9]{1,12})"
    r"(?:/(?P<path_hash>[0-9a-f]{6,20}))?(?:[?#].*)?",
    re.I | re.S,
)
_VIMEO_HASH_RE: Final = re.compile(r"[?&]h=([0-9a-f]{6,20})(?:&|#|$)")
_YOUTUBE_LIST_RE: Final = re.compile(r"[?&]list=([A-Za-z0-9_-]{10,64})(?:&|#|$)")
_YOUTUBE_ID_RE: Final = re.compile(r"[A-Za-z0-9_-]{6,20}")
_VIMEO_ID_RE: Final = re.compile(r"[0-9]{1,12}")

#: The player addresses fusionclean writes: built from the video id alone.
YOUTUBE_EMBED: Final = "https://www.youtube-nocookie.com/embed/"
VIMEO_EMBED: Final = "https://player.vimeo.com/video/"


def video_embed(source: str | None, provider: str | None = None) -> tuple[str, str] | None:
    """``(provider, player URL)`` for a YouTube or Vimeo video, or None for anything else.

    The one decision every embed goes through (rendered iframes, ``[fusion_youtube]`` and
    ``[fusion_vimeo]``, video slides and lightboxes, the Document builder, the HTML
    emitter): ``source`` is read strictly (no user part, no port, nothing before the
    host), the id is checked, and the player URL is **rebuilt** from the id, so no part of
    the input address is ever echoed. With ``provider`` (``"youtube"`` or ``"vimeo"``),
    ``source`` may also be a bare id (what the shortcodes take).

    >>> video_embed("https://www.youtube.com/watch?v=abcDEF12345&t=3")
    ('youtube', 'https://www.youtube-nocookie.com/embed/abcDEF12345')
    >>> video_embed("https://evil.example\\\\@www.youtube.com/embed/abcDEF12345") is None
    True
    >>> video_embed("76979871", "vimeo")
    ('vimeo', 'https://player.vimeo.com/video/76979871')
    """
    if not source or not isinstance(source, str):
        return None
    source = source.strip()
    if provider == "youtube" and _YOUTUBE_ID_RE.fullmatch(source):
        return "youtube", YOUTUBE_EMBED + source
    if provider == "vimeo" and _VIMEO_ID_RE.fullmatch(source):
        return "vimeo", VIMEO_EMBED + source
    if provider in (None, "youtube"):
        m = _YOUTUBE_URL_RE.fullmatch(source)
        if m:
            if m.group("id").lower() == "videoseries":  # a playlist: its list id is the video
                q = _YOUTUBE_LIST_RE.search(source)
                return ("youtube", f"{YOUTUBE_EMBED}videoseries?list={q.group(1)}") if q else None
            return "youtube", YOUTUBE_EMBED + m.group("id")
    if provider in (None, "vimeo"):
        v = _VIMEO_URL_RE.fullmatch(source)
        if v:
            h = v.group("path_hash")
            if h is None:
                q = _VIMEO_HASH_RE.search(source)
                h = q.group(1) if q else None
            return "vimeo", VIMEO_EMBED + v.group("id") + (f"?h={h.lower()}" if h else "")
    return None


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
