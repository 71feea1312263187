"""Resolve lazy-loaded, responsive and ``<picture>`` images to one real, best file.

Why a step of its own: Avada's lazy load, WP Rocket and plain ``data-src`` loaders hide the
real URL in ``data-*`` attributes behind ``data:`` placeholders; ``srcset`` lists hold better
files than ``src``; ``<noscript>`` repeats the image. Lazy-loaded embeds (``<iframe>``,
``<video>``, ``<audio>``, ``<source>`` with ``src="about:blank"`` or none, and the real
address in ``data-src``, ``data-lazy-src``, ``data-orig-src`` or Avada's
``data-privacy-src``) get their real ``src`` too. Runs before ``map_fusion_elements``
(which builds figures around real images) and before ``sanitize`` (which drops ``data-*``).

Before → after: ``<img src="data:image/svg+xml,…" data-orig-src="a-300x200.jpg"
data-srcset="a-300x200.jpg 300w, a.jpg 900w" width="300" height="200">`` →
``<img src="a.jpg" width="900" height="600">``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final, Literal, NamedTuple

from lxml import etree

from .._context import Context
from .._markers import DROP
from ..errors import ConfigError
from ._lxml import attribute_items, drop, set_attr, strip_marked

__all__ = ["Candidate", "ResolveImages", "choose_candidate", "is_placeholder", "parse_srcset"]

#: Attributes holding the real ``src``, in order of trust (``data-lazyload``: Slider
#: Revolution, whose ``src`` is its own ``dummy.png``).
SRC_ATTRIBUTES: Final = (
    "data-orig-src",
    "data-lazy-src",
    "data-src",
    "data-original",
    "data-lazyload",
    "src",
)
#: Attributes holding a lazy-loaded embed's real ``src``, in order of trust.
EMBED_SRC_ATTRIBUTES: Final = ("data-orig-src", "data-lazy-src", "data-src", "data-privacy-src")
#: Attributes holding the real ``srcset``.
SRCSET_ATTRIBUTES: Final = ("data-srcset", "data-lazy-srcset", "srcset")
#: Attributes holding the real ``sizes``.
SIZES_ATTRIBUTES: Final = ("data-orig-sizes", "data-lazy-sizes", "sizes")

_WP_SIZE_RE: Final = re.compile(r"-(\d{2,5})x(\d{2,5})(?=\.[A-Za-z0-9]{2,5}(?:[?#]|$))")
_DESCRIPTOR_RE: Final = re.compile(r"^(\d+)w$|^(\d+(?:\.\d+)?|\.\d+)x$|^(\d+)h$")
_IMAGE_URL_RE: Final = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:[?#].*)?$", re.I)


class Candidate(NamedTuple):
    """One ``srcset`` entry: a URL with its width (``w``) or pixel density (``x``)."""

    url: str
    width: int | None = None
    density: float | None = None


#: Attributes an image loses once its source is resolved.
_RESOLVED_ATTRIBUTES: Final = (
    "data-orig-src", "data-lazy-src", "data-src", "data-original", "data-lazyload", "data-srcset",
    "data-lazy-srcset", "data-orig-sizes", "data-lazy-sizes", "data-sizes", "srcset", "sizes",
    "loading", "decoding", "fetchpriority",
)  # fmt: skip


def is_placeholder(url: str | None) -> bool:
    """True for lazy-load placeholders: empty, ``data:`` URIs, ``about:blank``."""
    if not url:
        return True
    first = url[0]
    if first not in "aAdD" and not first.isspace():  # most URLs: "h…", "/…"
        return False
    head = url.lstrip()[:11].lower()
    return head.startswith(("data:", "about:blank")) or not url.strip()


def parse_srcset(value: str) -> tuple[list[Candidate], list[str]]:
    """Parse a ``srcset`` as the HTML standard does.

    URLs may contain commas (only a comma followed by whitespace, or ending the URL, splits
    candidates); descriptors are ``Nw`` or ``Nx`` (``Nh`` is accepted and ignored).

    Returns:
        ``(candidates, errors)``: valid candidates in order, and one text per invalid one.
    """
    if _SIMPLE_SRCSET_RE.fullmatch(value):
        return _parse_simple(value)
    candidates: list[Candidate] = []
    errors: list[str] = []
    pos, n = 0, len(value)
    while pos < n:
        while pos < n and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        if pos >= n:
            break
        start = pos
        while pos < n and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptors: list[str] = []
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            # descriptors run until the next comma that is outside parentheses
            depth = 0
            d_start = pos
            while pos < n:
                ch = value[pos]
                if ch == "(":
                    depth += 1
                elif ch == ")":
                    depth = max(0, depth - 1)
                elif ch == "," and depth == 0:
                    break
                pos += 1
            descriptors = value[d_start:pos].split()
            pos += 1
        width: int | None = None
        density: float | None = None
        bad = False
        for d in descriptors:
            m = _DESCRIPTOR_RE.match(d)
            if not m:
                bad = True
            elif m.group(1) is not None:
                width = int(m.group(1)) if len(m.group(1)) <= 7 else 0
                bad = bad or density is not None or width == 0 or (len(descriptors) > 1 and width is None)
            elif m.group(2) is not None:
                bad = bad or width is not None or density is not None
                density = float(m.group(2)) if len(m.group(2)) <= 10 else 0.0
                bad = bad or density <= 0
        if not url or bad:
            errors.append(f"invalid srcset candidate {value[start:pos].strip()!r:.80}")
            continue
        candidates.append(Candidate(url, width, density))
    return candidates, errors


# The shape WordPress writes ("url 300w, url 600w"): no comma inside a URL, no parentheses.
_SIMPLE_SRCSET_RE: Final = re.compile(r"\s*[^\s,()]+(?:\s+\d+w)?(?:\s*,\s+[^\s,()]+(?:\s+\d+w)?)*\s*,?\s*")


def _parse_simple(value: str) -> tuple[list[Candidate], list[str]]:
    candidates: list[Candidate] = []
    errors: list[str] = []
    for part in value.strip().rstrip(",").split(","):
        bits = part.split()
        if len(bits) == 1:
            candidates.append(Candidate(bits[0]))
        else:
            width = int(bits[1][:-1]) if len(bits[1]) <= 8 else 0
            if width:
                candidates.append(Candidate(bits[0], width))
            else:
                errors.append(f"invalid srcset candidate {part.strip()!r:.80}")
    return candidates, errors


Prefer = Literal["largest", "smallest_above", "largest_below"]


def choose_candidate(
    candidates: list[Candidate], prefer: Prefer = "largest", width: int | None = None
) -> Candidate | None:
    """Pick one candidate.

    ``largest``: the widest (or densest) file. ``smallest_above``: the smallest at or above
    ``width`` (else the largest). ``largest_below``: the largest at or below ``width``
    (else the smallest).
    """
    real = [c for c in candidates if not is_placeholder(c.url)]
    if not real:
        return None

    def size(c: Candidate) -> float:
        if c.width is not None:
            return float(c.width)
        return (c.density or 1.0) * 1e-3  # densities rank below any width, among themselves

    if prefer == "largest" or width is None:
        # the last of the largest, as the end of a stable sort would be, without sorting
        best, best_size = real[0], size(real[0])
        for c in real[1:]:
            c_size = size(c)
            if c_size >= best_size:
                best, best_size = c, c_size
        return best
    ranked = sorted(real, key=size)
    if prefer == "smallest_above":
        above = [c for c in ranked if c.width is not None and c.width >= width]
        return above[0] if above else ranked[-1]
    below = [c for c in ranked if c.width is not None and c.width <= width]
    return below[-1] if below else ranked[0]


def wp_size(url: str) -> tuple[int, int] | None:
    """The ``(width, height)`` WordPress encodes in a resized file name (``-300x200.jpg``);
    None when there is none, or when it names no size at all (``-00x200``)."""
    m = _WP_SIZE_RE.search(url)
    if m is None:
        return None
    width, height = int(m.group(1)), int(m.group(2))
    return (width, height) if width and height else None


def wp_original(url: str) -> str:
    """The original upload's URL: the resized file name without its ``-WxH`` suffix."""
    return _WP_SIZE_RE.sub("", url, count=1)


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    if value.isdigit() and len(value) <= 6:  # a dimension beyond 999,999 px is junk
        return int(value)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveImages:
    """Give every ``<img>`` its real, best ``src`` and matching dimensions.

    Attributes:
        prefer: ``"largest"`` (default), ``"smallest_above"`` or ``"largest_below"``.
        width: The target (``smallest_above``) or maximum (``largest_below``) width.
        keep_srcset: Keep a clean ``srcset`` (placeholders removed) on the image.
        original_size: Derive the original upload from a WordPress ``-WxH`` file name
            suffix. Off by default: whether the original exists cannot be checked offline.
        drop_tiny: Drop images declared 2×2 pixels or smaller (spacers, tracking pixels).
    """

    name: ClassVar[str] = "resolve_images"
    keeps_class_index: ClassVar[bool] = True
    prefer: Prefer = "largest"
    width: int | None = None
    keep_srcset: bool = False
    original_size: bool = False
    drop_tiny: bool = True

    def __post_init__(self) -> None:
        if self.prefer not in ("largest", "smallest_above", "largest_below"):
            raise ConfigError(f"prefer must be largest, smallest_above or largest_below, got {self.prefer!r}")
        if self.prefer != "largest" and (not isinstance(self.width, int) or self.width < 1):
            raise ConfigError(f"prefer={self.prefer!r} needs a positive integer width")

    def __call__(self, root: Any, ctx: Context, /) -> None:
        self._pictures(root, ctx)
        self._noscripts(root, ctx)
        _lazy_embeds(root)
        removed = 0
        for img in list(root.iter("img")):
            removed += self._resolve(img, ctx, defer=True)
        if removed:  # all at once: one by one, each tail joined one growing text (n²)
            strip_marked(root, DROP, keep_content=False, marked=removed)

    # -- <picture> and <noscript> -------------------------------------------------
    def _pictures(self, root: Any, ctx: Context) -> None:
        for pic in list(root.iter("picture")):
            img = pic.find(".//img")
            if img is None:
                img = etree.SubElement(pic, "img")
            src_img = img.get("src") if not is_placeholder(img.get("src")) else None
            if src_img is None and not img.get("data-orig-src") and not img.get("data-lazy-src"):
                for source in pic.iter("source"):
                    media = source.get("media")
                    srcset = (
                        source.get("data-srcset") or source.get("data-lazy-srcset") or source.get("srcset")
                    )
                    if srcset and not media:
                        img.set("srcset", srcset)
                        break
                else:
                    for source in pic.iter("source"):
                        srcset = source.get("srcset") or source.get("data-srcset")
                        if srcset:
                            img.set("srcset", srcset)
                            break
            for source in list(pic.iter("source")):
                source.getparent().remove(source)
            parent = pic.getparent()
            if parent is not None:
                img.tail = pic.tail
                parent.replace(pic, img)

    def _noscripts(self, root: Any, ctx: Context) -> None:
        for ns in list(root.iter("noscript")):
            parent = ns.getparent()
            if parent is None:
                continue
            imgs = list(ns.iter("img"))
            prev = ns.getprevious()
            twin = prev is not None and (prev.tag == "img" or prev.find(".//img") is not None)
            if ns.get("data-privacy-video") is not None or (imgs and not twin):
                ns.tag = "div"  # its content is the only copy: keep it
                ns.attrib.clear()
            else:
                ns.tag = DROP
                if imgs:
                    ctx.tally(self.name, "dropped-duplicate", "noscript image copy")
        strip_marked(root, DROP, keep_content=False)

    # -- one image ----------------------------------------------------------------
    def resolve(self, img: Any, ctx: Context) -> None:
        """Resolve one ``<img>`` in place."""
        self._resolve(img, ctx, defer=False)

    def _remove(self, img: Any, defer: bool) -> int:
        """Remove ``img``, its tail kept: now, or marked for the caller to strip (``defer``)."""
        if defer:
            img.tag = DROP
            return 1
        drop(img)
        return 0

    def _resolve(self, img: Any, ctx: Context, *, defer: bool) -> int:
        """Resolve one image; returns 1 when it was marked for removal (``defer``)."""
        attrs = dict(attribute_items(img))  # one C call, then plain dict lookups
        if _is_emoji(attrs):
            # WordPress draws emoji and smilies as images: the character is the content
            img.tail = attrs["alt"].strip() + (img.tail or "")
            ctx.tally(self.name, "emoji-as-text", "emoji image replaced by its character")
            return self._remove(img, defer)
        src = srcset = None
        for name in SRC_ATTRIBUTES:
            value = attrs.get(name)
            if not is_placeholder(value):
                src = value
                break
        for name in SRCSET_ATTRIBUTES:
            value = attrs.get(name)
            if value and not is_placeholder(value):
                srcset = value
                break
        candidates: list[Candidate] = []
        if srcset:
            candidates, errors = parse_srcset(srcset)
            for err in errors:
                ctx.warn(self.name, "invalid-srcset", err, img)
            candidates = [c for c in candidates if not is_placeholder(c.url)]
        old_w, old_h = _int(attrs.get("width")), _int(attrs.get("height"))
        chosen = choose_candidate(candidates, self.prefer, self.width) if candidates else None
        if chosen is not None and src is not None and chosen.width is None:
            chosen = None if chosen.density in (None, 1.0) else chosen
        new_src = chosen.url if chosen is not None else src
        etree.strip_attributes(img, *_RESOLVED_ATTRIBUTES)  # one C call (an img has no children)
        if new_src is None:
            placeholder = img.get("src")
            if placeholder is not None and is_placeholder(placeholder) and img.getparent() is not None:
                ctx.warn(self.name, "placeholder-image", "image has only a placeholder: dropped", img)
                return self._remove(img, defer)  # its tail stays (remove() took the words after it)
            return 0
        if self.original_size and wp_size(new_src):
            new_src = wp_original(new_src)
            chosen = None
        set_attr(img, "src", new_src)
        if self.keep_srcset and candidates:
            set_attr(img, "srcset", ", ".join(
                f"{c.url} {c.width}w" if c.width else f"{c.url} {c.density:g}x" if c.density else c.url
                for c in candidates
            ))  # fmt: skip
        self._dimensions(img, new_src, src, chosen, old_w, old_h)
        w, h = _int(img.get("width")), _int(img.get("height"))
        if self.drop_tiny and w is not None and h is not None and w <= 2 and h <= 2:
            ctx.tally(self.name, "dropped-decoration", "spacer image")
            if img.getparent() is not None:
                return self._remove(img, defer)
        return 0

    def _dimensions(
        self, img: Any, new_src: str, old_src: str | None, chosen: Candidate | None,
        old_w: int | None, old_h: int | None,
    ) -> None:  # fmt: skip
        if new_src == old_src and old_w and old_h:
            return
        new_w: int | None = chosen.width if chosen is not None else None
        new_h: int | None = None
        suffix = wp_size(new_src)
        if new_w is None and suffix:
            new_w, new_h = suffix
        ratio = (old_h / old_w) if old_w and old_h else None
        if ratio is None and old_src:
            old_suffix = wp_size(old_src)
            if old_suffix:
                ratio = old_suffix[1] / old_suffix[0]
        if new_w is not None and new_h is None:
            if suffix and suffix[0] == new_w:
                new_h = suffix[1]
            elif ratio is not None:
                new_h = round(new_w * ratio)
        if new_w is not None and new_h is not None:
            img.set("width", str(new_w))
            img.set("height", str(new_h))
        else:
            # unknown: never leave dimensions describing a different file
            img.attrib.pop("width", None)
            img.attrib.pop("height", None)


_EMOJI_CLASSES: Final = frozenset({"emoji", "wp-smiley"})


def _is_emoji(attrs: dict[str, str]) -> bool:
    """An emoji or smiley image WordPress drew (``class="emoji"``, ``wp-smiley``, or a file
    of WordPress's emoji set) whose ``alt`` holds the character."""
    alt = attrs.get("alt")
    if not alt or not alt.strip() or len(alt) > 16:
        return False
    cls = attrs.get("class")
    if cls and ("emoji" in cls or "wp-smiley" in cls) and not _EMOJI_CLASSES.isdisjoint(cls.split()):
        return True
    return "/images/core/emoji/" in (attrs.get("src") or "")


def _lazy_embeds(root: Any) -> None:
    """An embed whose ``src`` is a placeholder (or missing) takes the one its loader hides."""
    for el in root.iter("iframe", "video", "audio", "source"):
        if not is_placeholder(el.get("src")):
            continue
        for name in EMBED_SRC_ATTRIBUTES:
            value = el.get(name)
            if value and not is_placeholder(value):
                set_attr(el, "src", value.strip())
                break


def looks_like_image_url(url: str) -> bool:
    """True when the URL's path ends with an image file extension."""
    return bool(_IMAGE_URL_RE.search(url))
