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
from ._lxml import drop, xpath_class_test

__all__ = ["SelectContent"]

#: Content-area candidates, best first (Avada: ``#content`` sits beside ``#sidebar`` in ``#main``).
CONTENT_AREAS: Final = (
    "descendant::*[@id='content']",
    f"descendant::*[{xpath_class_test('post-content')}]",
    "descendant::*[@id='main']",
    "descendant::main",
    "descendant::*[@role='main']",
    "descendant::article",
)
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


def _selector(css: str) -> str:
    if css.startswith("#"):
        return f"descendant::*[@id='{css[1:]}']"
    if css.startswith("."):
        return f"descendant::*[{xpath_class_test(css[1:])}]"
    return f"descendant::{css}"


_AREA_XPATHS: Final = tuple(etree.XPath(x) for x in CONTENT_AREAS)
_CHROME_XPATH: Final = etree.XPath(" | ".join(_selector(c) for c in CHROME))


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
        area = None
        for xp in _AREA_XPATHS:
            found = xp(root)
            if found:
                area = found[0]
                break
        if area is not None and area is not root:
            area.tail = None
            for child in list(root):
                root.remove(child)
            root.text = None
            root.append(area)
        removed = 0
        for el in _CHROME_XPATH(root):
            # authors can give a builder container any class (even "fusion-menu"): never drop one
            if "fusion-fullwidth" in (el.get("class") or "") and el.tag not in ("header", "footer", "nav"):
                continue
            if el.getparent() is not None and el is not area:
                drop(el)
                removed += 1
        if removed:
            ctx.tally(self.name, "dropped-chrome", "site chrome element", removed)
