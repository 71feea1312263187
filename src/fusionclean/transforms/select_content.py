"""Pick the content area of a whole page; leave fragments alone.

Why a step of its own: a REST post or an export is already content, a saved page is not.
Header, menus, sliding bar, page title bar, sidebars, comments and footer are site chrome,
repeated on every page. Runs first: every later step should see content only.

Before → after: ``<body><header>…</header><main id="main"><p>Hi</p></main>…`` →
``<div><p>Hi</p></div>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final

from lxml import etree

from .._context import Context
from ._lxml import drop

__all__ = ["SelectContent"]

#: Content-area candidates, best first (Avada: ``#content`` sits beside ``#sidebar`` in
#: ``#main``): ``#content``, ``.post-content``, ``#main``, ``main``, ``[role=main]``, ``article``.
#: Site chrome removed from the chosen area (or from the whole body).
CHROME: Final = (
    "header", "footer", "nav", "#sidebar", "#secondary-sidebar", ".fusion-sliding-bar-wrapper",
    ".fusion-sliding-bar", ".fusion-page-title-bar", ".fusion-header-wrapper", ".fusion-footer",
    ".fusion-tb-header", ".fusion-tb-footer", ".fusion-tb-page-title-bar", "#comments", ".comments-container",
    ".comment-respond", ".single-navigation", ".related-posts", ".fusion-sharing-box", ".about-author",
    ".fusion-meta-info", ".fusion-breadcrumbs", ".avada-footer-scripts", ".to-top-container", "#toTop",
    ".fusion-privacy-bar", ".awb-menu", ".fusion-mobile-menu-icons", ".widget-area",
    ".fusion-widget-area", "#wpadminbar", ".skip-link", ".fusion-secondary-header", ".post-navigation",
    ".pagination", ".fusion-author", ".fusion-posts-container.related",
)  # fmt: skip


_CHROME_TAGS: Final = frozenset(c for c in CHROME if c[0] not in ".#")
_CHROME_IDS: Final = frozenset(c[1:] for c in CHROME if c[0] == "#")
_CHROME_CLASSES: Final = frozenset(c[1:] for c in CHROME if c[0] == ".")


def _scan(root: Any) -> tuple[list[Any], list[Any]]:
    """One pass: content-area candidates (best first) and chrome candidates."""
    areas: list[Any] = [None] * 6
    chrome: list[Any] = []
    for el in root.iter(etree.Element):
        tag = el.tag
        ident = el.get("id")
        cls = el.get("class")
        tokens = cls.split() if cls else ()
        if ident == "content" and areas[0] is None:
            areas[0] = el
        elif "post-content" in tokens and areas[1] is None:
            areas[1] = el
        elif ident == "main" and areas[2] is None:
            areas[2] = el
        if tag == "main" and areas[3] is None:
            areas[3] = el
        elif el.get("role") == "main" and areas[4] is None:
            areas[4] = el
        elif tag == "article" and areas[5] is None:
            areas[5] = el
        if tag in _CHROME_TAGS or ident in _CHROME_IDS or not _CHROME_CLASSES.isdisjoint(tokens):
            # authors can give a builder container any class (even "fusion-menu"): never drop one
            if "fusion-fullwidth" in tokens and tag not in ("header", "footer", "nav"):
                continue
            chrome.append(el)
    return [a for a in areas if a is not None], chrome


def _inside(el: Any, area: Any) -> bool:
    return any(anc is area for anc in el.iterancestors())


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectContent:
    """Reduce a whole page to its content area.

    Attributes:
        keep_whole_body: Keep the whole body (chrome included) instead of the content area.
    """

    name: ClassVar[str] = "select_content"
    keep_whole_body: bool = False

    def __call__(self, root: Any, ctx: Context, /) -> None:
        if not ctx.is_page or self.keep_whole_body:
            return
        areas, chrome = _scan(root)
        area = areas[0] if areas else root
        if area is not root:
            chrome = [el for el in chrome if _inside(el, area)]
            area.tail = None
            for child in list(root):
                root.remove(child)
            root.text = None
            root.append(area)
        removed = 0
        for el in chrome:
            if el.getparent() is not None and el is not area:
                drop(el)
                removed += 1
        if removed:
            ctx.tally(self.name, "dropped-chrome", "site chrome element", removed)
