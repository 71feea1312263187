"""Pick the content area of a whole page; leave fragments alone.

Why a step of its own: a REST post or an export is already content, a saved page is not.
Header, menus, sliding bar, page title bar, sidebars, comments and footer are site chrome,
repeated on every page. Runs first: every later step should see content only.

Before → after: ``<body><header>…</header><main id="main"><p>Hi</p></main>…`` →
``<div><p>Hi</p></div>``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Final

from lxml import etree

from .._context import Context
from .._index import watch_classes
from ..builders.fusion.vocabulary import CHROME
from ..errors import ConfigError
from ._lxml import MARK, drop, strip_marked, title_of, xpath_class_test

__all__ = ["SelectContent", "content_widgets", "is_content_widget_area"]


_CHROME_TAGS: Final = tuple(c for c in CHROME if c[0] not in ".#")  # landmarks: header, footer, nav
_CHROME_IDS: Final = frozenset(c[1:] for c in CHROME if c[0] == "#")
_CHROME_CLASSES: Final = frozenset(c[1:] for c in CHROME if c[0] == "." and "." not in c[1:])
_CHROME_COMPOUNDS: Final = tuple(tuple(c[1:].split(".")) for c in CHROME if c[0] == "." and "." in c[1:])
_CHROME_CLASS_HITS: Final = _CHROME_CLASSES | {c[0] for c in _CHROME_COMPOUNDS}
watch_classes(_CHROME_CLASS_HITS)


#: Content-area candidates, best first, each the first match in document order.
_AREAS: Final = tuple(
    etree.XPath(f"(descendant::{test})[1]")
    for test in (
        "*[@id='content']", f"*[{xpath_class_test('post-content')}]", "*[@id='main']", "main",
        "*[@role='main']", "article",
    )
)  # fmt: skip
# all ids, filtered in Python: five @id comparisons per element cost six times as much
_ID_XPATH: Final = etree.XPath("descendant-or-self::*[@id]")


#: Chrome an author may put a title over (never post meta, breadcrumbs or navigation).
_TITLED_CHROME: Final = frozenset(
    {
        "#comments",
        ".comments-container",
        ".comment-respond",
        ".related-posts",
        ".fusion-sharing-box",
        ".about-author",
        ".fusion-author",
        ".widget-area",
        ".fusion-widget-area",
        ".fusion-comments-tb",
    }
)


#: WordPress widgets that hold the author's own words or media (text, custom HTML, video,
#: image, audio, gallery, a block widget): content when their area stands in the content.
_CONTENT_WIDGETS: Final = frozenset(
    {
        "widget_text", "widget_custom_html", "widget_media_video", "widget_media_image",
        "widget_media_audio", "widget_media_gallery", "widget_block",
    }
)  # fmt: skip
#: What makes a widget area site chrome wherever it stands: a sidebar, a footer.
_CHROME_AREAS: Final = frozenset(
    {
        "sidebar",
        "fusion-sidebar-left",
        "fusion-sidebar-right",
        "fusion-footer-widget-area",
        "slidingbar-widget",
    }
)
#: A block widget showing other pages (latest posts, archives, a menu, a search box).
_DYNAMIC_BLOCK: Final = re.compile(
    r"\bwp-block-(?:latest-|archives|categories|search|tag-cloud|calendar|rss|navigation|page-list|loginout)"
)


def is_content_widget_area(el: Any) -> bool:
    """A widget area an author placed in the content (Avada's widget area element and
    ``[fusion_widget]``: ``fusion-content-widget-area``), not a sidebar or a footer."""
    tokens = (el.get("class") or "").split()
    return (
        "fusion-content-widget-area" in tokens
        and el.tag != "aside"
        and el.get("id") not in _CHROME_IDS
        and _CHROME_AREAS.isdisjoint(tokens)
    )


def content_widgets(area: Any) -> tuple[list[Any], list[Any]]:
    """The outermost widgets of a content widget area: (content ones, the others)."""
    keep: list[Any] = []
    other: list[Any] = []
    chosen: set[Any] = set()
    for el in area.iterdescendants():
        tokens = (el.get("class") or "").split()
        if "widget" not in tokens or any(a in chosen for a in el.iterancestors()):
            continue
        chosen.add(el)
        content = not _CONTENT_WIDGETS.isdisjoint(tokens)
        if (
            content
            and "widget_block" in tokens
            and _DYNAMIC_BLOCK.search(etree.tostring(el, encoding="unicode"))
        ):
            content = False
        (keep if content else other).append(el)
    return keep, other


def _names(el: Any) -> set[str]:
    """``el``'s id and classes as CHROME writes them (``#id``, ``.class``)."""
    names = {"." + c for c in (el.get("class") or "").split()}
    if el.get("id"):
        names.add("#" + el.get("id"))
    return names


def _content_area(root: Any) -> Any:
    if len(root) and root[0].get("id") == "content":
        return root[0]  # a narrowed page starts with its area: no search
    for xpath in _AREAS:
        found = xpath(root)
        if found:
            return found[0]
    return root


def _chrome(area: Any, root: Any, ctx: Context) -> list[Any]:
    """Site chrome inside the area: landmarks, known ids, known classes."""
    found = list(area.iter(*_CHROME_TAGS))
    ids = [el for el in _ID_XPATH(area) if el.get("id") in _CHROME_IDS]
    for el in (*ids, *ctx.find_classes(root, _CHROME_CLASS_HITS)):
        tokens = (el.get("class") or "").split()
        # authors can give a builder container any class (even "fusion-menu"): never drop one
        if "fusion-fullwidth" in tokens:
            continue
        # a widget area in the content holding text, custom HTML or media is content
        # (map_fusion_elements keeps those widgets and drops the others)
        if is_content_widget_area(el) and content_widgets(el)[0]:
            continue
        if (
            el.get("id") in _CHROME_IDS
            or not _CHROME_CLASSES.isdisjoint(tokens)
            or any(all(t in tokens for t in compound) for compound in _CHROME_COMPOUNDS)
        ):
            found.append(el)
    return found


_AREA_ID_RE: Final = re.compile(r"""id=(?:"content"|'content'|content(?=[\s/>]))""")
_AREA_TAG_RE: Final = re.compile(r"<(div|section|main|article)\s[^<>]*$", re.I)
#: Raw-text regions as libxml2 reads them: markup inside is not markup.
_RAW: Final = (("<script", "</script"), ("<style", "</style"), ("<!--", "-->"))


def _raw_before(text: str, pos: int) -> bool:
    """Is ``pos`` inside a comment or a script body? (Looks back: cheap early on. A style
    sheet holds no tags, and the last one is often far back in the head.)"""
    return any(text.rfind(a, 0, pos) > text.rfind(b, 0, pos) for a, b in (_RAW[0], _RAW[2]))


def _raw_after(text: str, pos: int) -> bool:
    """The same question looking forward: cheap near the end of a page."""
    for a, b in _RAW:
        close = text.find(b, pos)
        if close >= 0 and not 0 <= text.find(a, pos) < close:
            return True
    return False


def _area_start(text: str) -> int:
    """Where the first ``<div|section|main|article id="content">`` tag begins, or -1."""
    for m in _AREA_ID_RE.finditer(text):
        pos = m.start()
        lt = text.rfind("<", 0, pos)
        if text[pos - 1 : pos].isspace() and _AREA_TAG_RE.match(text, lt, pos) and not _raw_before(text, lt):
            return lt
    return -1


def narrow(text: str) -> str:
    """The part of a page's text that holds its ``#content`` area, or ``text`` itself.

    A text-level shortcut taken before parsing: on a typical Avada page most of the markup
    (head, header, menus, footer, scripts) lies outside ``#content``, and parsing only the
    area costs a fraction of the whole. The text kept starts at the area's own tag and ends
    at the ``</main>`` that closes the one ``<main>`` around it (libxml2 closes the area
    there at the latest), so a sidebar beside the area is still parsed, then dropped by
    the step. Comments and script/style bodies are not taken for tags. When the page has
    no ``#content`` the whole page is parsed; when the area is not inside exactly one
    ``<main>`` the text runs to the end of the page.
    """
    start = _area_start(text)
    if start < 0:
        return text
    end = text.rfind("</main")
    if (
        end < start
        or text.rfind("<main", 0, start) < 0
        or text.rfind("<main", start, end) >= 0
        or _raw_after(text, end)
    ):
        return text[start:]
    return text[start:end]


def _inside(el: Any, area: Any) -> bool:
    return any(anc is area for anc in el.iterancestors())


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectContent:
    """Reduce a whole page to its content area.

    Attributes:
        keep_whole_body: Keep the whole body (chrome included) instead of the content area.
        content_selector: A CSS selector naming the content area of your site's theme (the
            first element it matches, on pages and fragments alike), in place of the one
            fusionclean finds; when nothing matches, a message says so and the area is
            found as usual.
        drop_selectors: CSS selectors of parts to drop wherever they stand (a theme's own
            boxes, a plugin's notices), counted as ``dropped-by-selector``.

    Raises:
        ConfigError: a selector that is not CSS cssselect reads.
    """

    name: ClassVar[str] = "select_content"
    keeps_class_index: ClassVar[bool] = True
    keep_whole_body: bool = False
    content_selector: str | None = None
    drop_selectors: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.drop_selectors, str):
            object.__setattr__(self, "drop_selectors", (self.drop_selectors,))
        object.__setattr__(self, "drop_selectors", tuple(self.drop_selectors))
        for selector in (self.content_selector, *self.drop_selectors):
            if selector is not None:
                _compiled(selector)  # a bad selector fails when the step is made

    def narrow(self, text: str) -> str:
        """Text-level hint run before parsing when this is a pipeline's first step (the
        whole page when a selector of yours names the area: it may stand anywhere)."""
        return text if self.keep_whole_body or self.content_selector else narrow(text)

    def __call__(self, root: Any, ctx: Context, /) -> None:
        for selector in self.drop_selectors:
            dropped = [el for el in _compiled(selector)(root) if el is not root]
            for el in dropped:
                if _inside(el, root):
                    ctx.removing("dropped-by-selector", el)
                    drop(el)
            if dropped:
                ctx.tally(self.name, "dropped-by-selector", selector, len(dropped))
        if self.content_selector is not None:
            chosen = [el for el in _compiled(self.content_selector)(root) if el is not root]
            if chosen:
                _keep_only(root, chosen[0])
            else:
                ctx.warn(self.name, "content-selector-unmatched",
                         f"{self.content_selector!r} matches nothing: the content area was found as usual")  # fmt: skip
        if not ctx.is_page or self.keep_whole_body:
            return
        area = _content_area(root)
        if area is not root and (len(root) != 1 or root[0] is not area or root.text):
            area.tail = None
            for child in list(root):
                if child is not area:
                    root.remove(child)
            if area.getparent() is not root:
                root.append(area)
            root.text = None
        # each chrome element once, nested ones included whichever comes first
        chrome = [el for el in dict.fromkeys(_chrome(area, root, ctx)) if el is not area]
        removed = len(chrome)
        # All chrome is emptied first and left in place as marks, tails kept, then titles are
        # looked for, then the marks go in one pass: a title heads nothing once all the
        # chrome around it is gone, whatever order the chrome was found in ("Related"
        # over the related posts and a menu is dropped with them). Removing elements one
        # by one joined each tail to a text that grows with every removal from the same
        # parent, n² on a page of thousands of chrome elements.
        titled = []
        for el in chrome:
            if _inside(el, root):  # not inside chrome emptied already
                if _TITLED_CHROME.intersection(_names(el)):
                    titled.append(el)
                el.clear(keep_tail=True)
                el.tag = MARK
        titles = 0
        if titled:
            if len(titled) > 1:  # document order (title_of's records below rely on it)
                order = {el: i for i, el in enumerate(root.iter())}
                titled = sorted((el for el in titled if el in order), key=order.__getitem__)
            settled: set[Any] = set()
            behind: dict[Any, Any] = {}
            for el in titled:
                if not _inside(el, root):
                    continue
                # "Related posts" over the related posts, "Comments" over the comments
                title = title_of(el, settled, behind)
                if title is not None and title is not area:
                    behind[el] = title.getprevious()  # a later look back goes on past it
                    drop(title)
                    titles += 1
        if removed:
            strip_marked(root, MARK, keep_content=True, marked=removed)
            ctx.tally(self.name, "dropped-chrome", "site chrome element", removed)
        if titles:
            ctx.tally(self.name, "dropped-chrome", "title of site chrome", titles)


@functools.lru_cache(maxsize=256)
def _compiled(selector: str) -> etree.XPath:
    """A CSS selector as a compiled XPath over the descendants of the root (cssselect)."""
    from cssselect import HTMLTranslator, SelectorError

    try:
        return etree.XPath(HTMLTranslator().css_to_xpath(selector, prefix="descendant-or-self::"))
    except (SelectorError, etree.XPathSyntaxError) as exc:
        raise ConfigError(f"not a CSS selector cssselect reads: {selector!r} ({exc})") from None


def _keep_only(root: Any, area: Any) -> None:
    """Make ``area`` (a descendant of ``root``) the only content of ``root``."""
    area.tail = None
    area.getparent().remove(area)
    for child in list(root):
        root.remove(child)
    root.text = None
    root.append(area)
