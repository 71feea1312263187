"""Drop what a desktop visitor never sees and builder decoration that carries no content.

Why a step of its own: Avada writes the same content several times (desktop and mobile
copies, mobile tab navigation, rich-snippet repeats, marquee and button-transition second
labels, sticky-only and logo variants, carousel clones) and surrounds it with decoration
(clearfix, separators' spacers, background sliders, pagination dots, close buttons). Drop
them before anything else looks at the content, so each piece of content appears once.
Runs after ``select_content`` and before ``map_fusion_elements``.

Before → after: ``<div class="fusion-no-large-visibility">Mobile copy</div><p>Text</p>`` →
``<p>Text</p>``.

Elements hidden only *until interaction* are real content and kept: collapsed toggles,
inactive tabs, modal bodies, flip-box back faces, slider captions, gallery items beyond
"load more", and ``fusion-animated`` elements (hidden by CSS only until they animate in).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, ClassVar, Final, Literal

from .._context import Context
from .._markers import DROP
from ..builders.fusion.vocabulary import DECORATION_CLASSES, DUPLICATE_CLASSES, EMPTY_DECORATION_CLASSES
from ..builders.fusion.vocabulary import HIDDEN_ON_DEVICE as _VISIBILITY
from ..errors import ConfigError
from ._lxml import ClassFinder, add_popover_text, all_text, strip_marked

__all__ = ["DropHidden"]

Device = Literal["large", "medium", "small"]

#: Elements dropped with their content wherever they are.
DROP_TAGS: Final = ("script", "style", "template", "link", "meta", "svg", "button", "canvas")


#: Containers whose second and later children repeat the first (marquee, text transition).
_REPEATING: Final = {"awb-marquee-content": "marquee", "awb-button-text-transition": "transition"}
#: Text only screen readers get: WordPress's and Avada's "View Larger Image", "(opens in a
#: new tab)", "Read more about X" endings, "Skip to content".
_SCREEN_READER_CLASSES: Final = frozenset({"screen-reader-text", "sr-only"})
_ALL_CLASSES: Final = (
    set(DUPLICATE_CLASSES) | set(DECORATION_CLASSES) | set(EMPTY_DECORATION_CLASSES) | set(_REPEATING)
    | {n for names in _VISIBILITY.values() for n in names} | _SCREEN_READER_CLASSES
)  # fmt: skip
#: One pass finds every candidate of every rule.
_FINDER: Final = ClassFinder(_ALL_CLASSES)
# empty icon elements: Font Awesome, Avada icon font, old fusion icons (class substrings)
_I_ICON_MARKS: Final = ("fa-", "awb-icon", "fusion-icon", "fontawesome", "fa ", "dashicons", "icon")
_SPAN_ICON_MARKS: Final = ("fusion-icon", "awb-icon")


def _empty_icons(root: Any) -> list[Any]:
    """Childless, textless ``<i>``/``<span>`` icon elements, in document order (one walk
    filtered by tag in C; the XPath union it replaces sorted two full scans)."""
    found = []
    for el in root.iter("i", "span"):
        if len(el) or (el.text and el.text.strip(" \t\r\n")):
            continue
        cls = el.get("class")
        if not cls:
            continue
        if el.tag == "i":
            if cls == "fa" or any(mark in cls for mark in _I_ICON_MARKS):
                found.append(el)
        elif any(mark in cls for mark in _SPAN_ICON_MARKS):
            found.append(el)
    return found


def _buttons(root: Any, ctx: Context, name: str) -> None:
    """Before ``<button>``s go (controls, not content): keep popover triggers (image
    hotspots) as ``<span>``s, their popup text added, and count the buttons whose label goes."""
    dropped = in_forms = 0
    for button in root.iter("button"):
        if (button.get("data-awb-toggle") or button.get("data-toggle")) == "popover" and (
            button.get("data-content") or button.get("data-title") or button.get("data-html-content")
        ):
            button.tag = "span"
            if "awb-image-hotspots-hotspot" not in (button.get("class") or ""):
                add_popover_text(button)  # an image hotspot's text is read by map_fusion_elements
        elif (
            button.get("data-privacy-type") is None  # a privacy placeholder's consent: reported with it
            and any(c.isalnum() for c in all_text(button))
        ):
            if next(button.iterancestors("form"), None) is None:
                dropped += 1
            else:  # the form goes whole later, as a widget; its button's words go here
                in_forms += 1
    if dropped:
        ctx.tally(name, "dropped-widget", "button (a control, not content)", dropped)
    if in_forms:
        ctx.tally(name, "dropped-widget", "button of a form", in_forms)


# tagline boxes: the mobile button is a duplicate only when a desktop copy exists
_DESKTOP_BUTTON_CLASS: Final = "fusion-desktop-button"


@dataclass(frozen=True, slots=True, kw_only=True)
class DropHidden:
    """Drop responsive copies, duplicates, placeholders and decoration.

    Attributes:
        target_device: The device whose view is kept: ``"large"`` (desktop, default),
            ``"medium"`` or ``"small"``. Elements Avada hides on it are dropped.
        drop_decoration: Also drop decoration (clearfix, spacers, backgrounds, icons...).
    """

    name: ClassVar[str] = "drop_hidden"
    keeps_class_index: ClassVar[bool] = True
    target_device: Device = "large"
    drop_decoration: bool = True

    def __post_init__(self) -> None:
        if self.target_device not in _VISIBILITY:
            raise ConfigError(
                f"target_device must be one of {sorted(_VISIBILITY)}, got {self.target_device!r}"
            )

    def __call__(self, root: Any, ctx: Context, /) -> None:
        _buttons(root, ctx, self.name)
        strip_marked(root, *DROP_TAGS, keep_content=False)
        doomed: list[tuple[Any, str, str]] = []
        visibility = _VISIBILITY[self.target_device]
        for el in _FINDER(root, ctx):
            value = el.get("class") or ""
            tokens = value.split()
            if "awb-button-text-transition" in tokens:
                doomed.extend((c, "dropped-duplicate", "second copy of animated text") for c in el[1:])
                continue
            if not _SCREEN_READER_CLASSES.isdisjoint(tokens):
                if not _labels_wordless_link(el):
                    doomed.append((el, "dropped-hidden", "screen-reader text"))
                continue
            if "awb-marquee-content" in tokens:
                prev = el.getprevious()
                if prev is not None and "awb-marquee-content" in (prev.get("class") or ""):
                    doomed.append((el, "dropped-duplicate", "second copy of animated text"))
                continue
            hit = _classify(value, visibility, self.drop_decoration)
            if hit is None:
                continue
            code, what, only_if_empty = hit
            if what == "mobile button copy" and not _has_desktop_twin(el):
                continue
            if only_if_empty and len(el):  # a childless element is empty when its text is
                if all_text(el).strip() or next(el.iter("iframe"), None) is not None:
                    continue
                if next(el.iter("img"), None) is not None and "fusion-column-inner-bg" not in tokens:
                    continue
            elif only_if_empty and el.text and el.text.strip():
                continue
            if "fusion-column-inner-bg" in tokens:
                _link_column_title(el)  # the overlay goes; its link lives on in the title
            doomed.append((el, code, what))
        if self.drop_decoration:
            for el in _empty_icons(root):
                doomed.append((el, "dropped-decoration", "icon"))
        counts: dict[tuple[str, str], int] = {}
        for el, code, what in doomed:
            parent = el.getparent()
            if parent is None or el is root:
                continue
            ctx.removing(code, el)
            el.tag = DROP
            counts[code, what] = counts.get((code, what), 0) + 1
        for (code, what), n in counts.items():
            ctx.tally(self.name, code, what, n)
        strip_marked(root, DROP, keep_content=False, marked=len(doomed))


_HEADINGS: Final = ("h1", "h2", "h3", "h4", "h5", "h6")


def _link_column_title(overlay: Any) -> None:
    """A linked column (Avada's ``link`` option: a wordless overlay ``<a href>`` over the
    whole column) gives its link to the column's title, else to its image when it has no
    title and the image no link; a column with neither keeps no link (there is no word to
    carry it)."""
    link = next((a for a in overlay.iter("a") if (a.get("href") or "").strip()), None)
    column = overlay.getparent()
    if link is None or column is None:
        return
    href = (link.get("href") or "").strip()
    target = next((h for h in column.iter(*_HEADINGS) if all_text(h).strip()), None)
    if target is not None:
        if next(target.iter("a"), None) is not None:
            return  # the title links somewhere already: no link inside a link
        a = target.makeelement("a", {"href": href})
        a.text, target.text = target.text, None
        for child in list(target):
            a.append(child)
        target.append(a)
        return
    img = next((i for i in column.iter("img") if not any(p.tag == "a" for p in i.iterancestors())), None)
    if img is not None and not any(p is overlay for p in img.iterancestors()):
        parent = img.getparent()
        a = img.makeelement("a", {"href": href})
        a.tail, img.tail = img.tail, None
        parent.replace(img, a)
        a.append(img)


@functools.lru_cache(maxsize=4096)
def _classify(value: str, visibility: tuple[str, ...], decoration: bool) -> tuple[str, str, bool] | None:
    """(code, what, only-if-empty) of the first rule a class string triggers, or None
    (cached: builder markup repeats its class strings)."""
    tokens = value.split()
    for token in tokens:
        if token in visibility:
            return "dropped-hidden", "hidden on this device", False
    for token in tokens:
        if token in DUPLICATE_CLASSES:
            return "dropped-duplicate", DUPLICATE_CLASSES[token], False
    if decoration:
        for token in tokens:
            if token in DECORATION_CLASSES:
                return "dropped-decoration", DECORATION_CLASSES[token], False
        for token in tokens:
            if token in EMPTY_DECORATION_CLASSES:
                return "dropped-decoration", EMPTY_DECORATION_CLASSES[token], True
    return None


def _labels_wordless_link(el: Any) -> bool:
    """Is ``el`` the only label of a link (or button) showing no words or image of its own
    (an icon link)? Then its text is the link's text and stays."""
    link = next(el.iterancestors("a", "button"), None)
    if link is None or next(link.iter("img"), None) is not None:
        return False
    return not all_text(link).replace(all_text(el), "", 1).strip()


def _has_desktop_twin(el: Any) -> bool:
    parent = el.getparent()
    if parent is None:
        return False
    return any(_DESKTOP_BUTTON_CLASS in (s.get("class") or "") for s in parent.iter())
