"""Map every Fusion Builder element to its semantic meaning.

Why a step of its own: this is where builder knowledge lives — which child of a title holds
the heading, where a counter's real value hides, which tab title belongs to which pane.
Each element kind is one small function registered in ``ELEMENTS`` with the XPath that
finds it. Runs after ``drop_hidden`` (duplicates are gone, so each title is harvested once)
and ``resolve_images`` (images are real), and before ``unwrap_fusion``, which removes the
remaining wrappers.

Before → after: ``<div class="fusion-title fusion-title-size-two"><h2 class="title-heading-left">
<p>Hi</p></h2></div>`` → ``<h2>Hi</h2>``.

Headings that widgets generate (tab, toggle, content-box, flip-box, person, modal, pricing and
tagline titles) carry ``data-fc-heading="relative"``: ``fix_headings`` re-levels them one
below the nearest preceding authored heading.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Literal

from lxml import etree

from .._context import Context
from .._markers import HEADING, OFFSET
from .._transform import ShortcodeRenderer
from ..builders.fusion.vocabulary import LISTING_CLASSES, WIDGET_CLASSES
from ..errors import ConfigError, UnknownNameError
from ..schema import video_embed
from ..sources.shortcodes import delimit, strip_unit
from ._blocks import unwrap_blocks
from ._lxml import (
    CROWDED,
    MARK,
    ClassFinder,
    add_popover_text,
    all_text,
    drop,
    has_class,
    look_back,
    make,
    move_children,
    strip_marked,
    text_of,
    title_of,
    unwrap,
    xpath,
    xpath_class_test,
)
from .resolve_images import looks_like_image_url
from .select_content import content_widgets, is_content_widget_area

__all__ = ["ELEMENTS", "Element", "ElementOptions", "MapFusionElements"]

El = Any
_SIZE_WORDS: Final = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_HEADING_TAGS: Final = ("h1", "h2", "h3", "h4", "h5", "h6")
_SIZE_RE: Final = re.compile(r"fusion-title-size-(\w+)")
#: The title Avada gives every player it renders: no words of the video's own.
_PLAYER_TITLE_RE: Final = re.compile(r"(?:YouTube|Vimeo) video player(?: \d+)?", re.I)
_WP_MEDIA_QUERY_RE: Final = re.compile(r"\?_=\d+$")

#: Widgets whose title may be a person's name ("Ann Lee" over her profiles): a title over
#: one of them is never dropped with it.
_UNTITLED_WIDGETS: Final = frozenset({"fusion-social-links", "fusion-social-networks"})


def _first(el: El, *names: str) -> El | None:
    """``el`` or its first descendant with one of the class ``names``, in document order.

    A walk in Python: the subtrees of one element are small, where an XPath call's fixed
    cost outweighs its speed (and it would walk on after the first hit)."""
    return _first_of(el.iter(etree.Element), names)


def _first_of(nodes: Iterable[El], names: tuple[str, ...]) -> El | None:
    for node in nodes:
        value = node.get("class")
        if value and _names_any(value, names):
            return node
    return None


def _names_any(value: str, names: tuple[str, ...]) -> bool:
    """Is one of ``names`` a token of the class string ``value``? (substring test first)"""
    for name in names:  # noqa: SIM110 - a loop, not any(): no generator per element
        if name in value and name in value.split():
            return True
    return False


def _classed(el: El, *names: str, tag: Any = etree.Element) -> list[El]:
    """Descendants of ``el`` (of ``tag``) with one of the class ``names``, in document order."""
    return [
        node for node in el.iterdescendants(tag) if (value := node.get("class")) and _names_any(value, names)
    ]


def _children_of_classed(el: El, name: str, tag: str) -> list[El]:
    """``tag`` children of descendants of ``el`` with the class ``name`` (``*[name]/tag``)."""
    names = (name,)
    return [
        node
        for node in el.iterdescendants(tag)
        if (parent := node.getparent()) is not el
        and (value := parent.get("class"))
        and _names_any(value, names)
    ]


def _below(parents: list[El], tag: str) -> list[El]:
    """Descendants ``tag`` of any of ``parents``, once each, in document order (``//tag``)."""
    return list(dict.fromkeys(node for parent in parents for node in parent.iterdescendants(tag)))


class _Parts:
    """Named groups of class names a handler looks for in one walk (a constant per handler:
    what a class string names is remembered per distinct string, builder markup repeating
    the same few)."""

    __slots__ = ("groups", "keys_of")

    def __init__(self, groups: Mapping[str, tuple[str, ...]]) -> None:
        self.groups = dict(groups)
        self.keys_of = functools.lru_cache(maxsize=2048)(self._keys_of)

    def _keys_of(self, value: str) -> tuple[str, ...]:
        tokens = value.split()
        return tuple(key for key, names in self.groups.items() if any(name in tokens for name in names))


def _gather(el: El, parts: _Parts) -> dict[str, list[El]]:
    """For each group of ``parts``, ``el`` and its descendants with one of the group's class
    names, in document order, from one walk (a handler that needs several parts of a small
    subtree walks it once instead of once per part)."""
    found: dict[str, list[El]] = {key: [] for key in parts.groups}
    keys_of = parts.keys_of
    for node in el.iter(etree.Element):
        value = node.get("class")
        if value:
            for key in keys_of(value):
                found[key].append(node)
    return found


def _still_in(nodes: list[El], ancestor: El) -> El | None:
    """The first of ``nodes`` still inside ``ancestor`` (parts found before the handler
    moved content out: what a walk of ``ancestor`` made now would find first)."""
    for node in nodes:
        if node is ancestor or any(a is ancestor for a in node.iterancestors()):
            return node
    return None


def _pick(el: El, *names: str) -> El | None:
    """The first match of the first class name (in priority order) that matches."""
    for name in names:
        found = _first(el, name)
        if found is not None:
            return found
    return None


def _replace(el: El, new: list[El], o: _Opts | None = None) -> None:
    """Put ``new`` where ``el`` is, keeping ``el``'s tail.

    With ``o``, a handler that found nothing to keep where words or images remain (markup
    it does not know) leaves the content as it was, reported, instead of dropping it.
    """
    parent = el.getparent()
    if parent is None:
        return
    if not new:
        if o is not None and (all_text(el).strip() or next(el.iter("img"), None) is not None):
            cls = (el.get("class") or "").split()
            o.ctx.warn(
                o.name, "element-left-as-is",
                f"{cls[0] if cls else el.tag}: none of the parts fusionclean knows; content kept as it was", el,
            )  # fmt: skip
            _unwrap_own(el, o)
            return
        _drop_own(el, o)
        return
    _mark_widget_content(new)
    for node in new:
        el.addprevious(node)  # no index lookup: a long run of siblings stays linear
    tail = el.tail
    if tail:
        last = new[-1]
        last.tail = (last.tail or "") + tail
    parent.remove(el)  # its tail goes with it: copied above


def _mark_widget_content(new: list[El]) -> None:
    """Headings an author put inside a widget's content (a tab pane's ``h3``) belong under
    the widget's own heading: ``fix_headings`` never lets them close it."""
    made = False
    for node in new:
        if node.tag in _HEADING_TAGS:
            made = made or node.get(HEADING) == "relative"
        elif made:
            for h in node.iter(*_HEADING_TAGS):
                if h.get(HEADING) is None:
                    h.set(HEADING, "inner")


def _heading(level: int, content: El | str | None, *, relative: bool) -> El:
    h = make(f"h{min(max(level, 1), 6)}")
    if isinstance(content, str):
        h.text = content
    elif content is not None:
        move_children(content, h)
    if relative:
        h.set(HEADING, "relative")
    return h


def _wrap_children(el: El, tag: str = "div") -> El:
    box = make(tag)
    move_children(el, box)
    return box


@dataclass(frozen=True, slots=True)
class _Opts:
    toggles_as: str
    tabs_as: str
    lightbox: str
    keep_listings: bool
    ctx: Context
    name: str
    #: Block wrappers a handler leaves to be unwrapped together once its kind is done: one
    #: ``unwrap_blocks`` call per element walked the tree each time (n²).
    unwrap_later: list[El] = field(default_factory=list)
    #: Parents holding ``CROWDED`` elements of the kind being mapped or more, and the
    #: elements removed from them so far, marked (see ``_drop_own``).
    crowded: set[El] = field(default_factory=set)
    gone: list[El] = field(default_factory=list)
    #: ``title_of``'s parents known to end in leftovers, and where its looks back stopped
    #: (handlers go in document order).
    settled: set[El] = field(default_factory=set)
    behind: dict[El, El | None] = field(default_factory=dict)


def _drop_own(el: El, o: _Opts | None) -> None:
    """``drop(el)`` for the element a handler was given.

    ``drop`` joins the element's tail to the text before it: a read, a concatenation and
    a write of that text, which grows with every removal from the same parent (20,000
    spacers in one column took a second, 60,000 twenty). In a parent crowded with
    elements of the kind being mapped, the element is emptied and marked instead, its
    tail left where it is, and all marked elements go in one ``strip_tags`` once the
    kind is done. Handlers look inside their own element; the one look at siblings,
    ``title_of``, takes an emptied mark for what its tail would have been joined to: a
    leftover when the tail is blank, words between a title and its widget when not. A
    test checks the outputs are the same either way.
    """
    if not _marked(el, o, keep_content=False):
        drop(el)


def _unwrap_own(el: El, o: _Opts | None) -> None:
    """``unwrap(el)`` for the element a handler was given (marked in a crowded parent,
    as ``_drop_own`` does; ``strip_tags`` keeps its content in place)."""
    if not _marked(el, o, keep_content=True):
        unwrap(el)


def _marked(el: El, o: _Opts | None, *, keep_content: bool) -> bool:
    """Mark ``el`` for removal with its kind if its parent is crowded (its content kept, or
    emptied); False, and nothing done, elsewhere."""
    if o is None or not o.crowded or el.getparent() not in o.crowded:
        return False
    if keep_content:
        el.attrib.clear()
    else:
        el.clear(keep_tail=True)
    el.tag = MARK
    o.gone.append(el)
    return True


# ------------------------------------------------------------------------ handlers
_TITLE_PARTS: Final = frozenset({*_HEADING_TAGS, "p", "div"})


def _title(el: El, o: _Opts) -> None:
    heading = None
    for h in el.iter(*_HEADING_TAGS, "p", "div"):
        if h is el:
            continue
        c = h.get("class") or ""
        if h.tag in _HEADING_TAGS or "title-heading" in c or "fusion-title-heading" in c:
            heading = h
            break
    if heading is None:
        _unwrap_own(el, o)
        return
    # text effects (scroll reveal and the like) draw the title twice, the copy hidden from
    # screen readers: a copy of the text just before it is dropped
    for child in list(heading):
        if child.get("aria-hidden") == "true":
            prev = child.getprevious()
            words = all_text(child).split()
            if words and prev is not None and all_text(prev).split() == words:
                drop(child)
                o.ctx.tally(o.name, "dropped-duplicate", "hidden copy of a title's text")
    # rotating titles show their variants in turn: all are kept, "beans / peas / herbs"
    for texts in _classed(heading, "fusion-animated-texts"):
        variants = [v for v in texts if all_text(v).strip()]
        for variant in variants[:-1]:
            variant.tail = " / " + (variant.tail or "").lstrip()
    if heading.tag in _HEADING_TAGS:
        level = int(heading.tag[1])
    else:
        m = _SIZE_RE.search(el.get("class") or "")
        level = _SIZE_WORDS.get(m.group(1) if m else "", 0)
        if "title-heading-tag" in (heading.get("class") or ""):
            level = 0
    # the parser may have closed <hN> before a <p> inside it: gather the whole title's content
    new = _heading(level, None, relative=False) if level else make("p")
    for child in list(el):
        tail = child.tail
        child.tail = None
        if child.tag in _TITLE_PARTS:
            if len(new) and (child.text or len(child)):
                new[-1].tail = (new[-1].tail or "") + " "
            move_children(child, new)
        else:
            new.append(child)
        if tail and tail.strip():
            if len(new):
                new[-1].tail = (new[-1].tail or "") + tail
            else:
                new.text = (new.text or "") + tail
    _replace(el, [new])


def _image_frame(el: El, o: _Opts) -> None:
    imgs = list(el.iter("img"))
    if not imgs:
        _unwrap_own(el, o)
        return
    caption_parts = []
    for cls in ("awb-imageframe-caption-title", "awb-imageframe-caption-text"):
        c = _first(el, cls)
        if c is not None and text_of(c):
            caption_parts.append(c)
    figure = make("figure")
    for img in imgs:
        link = img.getparent()
        while link is not None and link is not el and link.tag != "a":
            link = link.getparent()
        node = img
        if link is not None and link.tag == "a":
            node = _image_link(link, img, o, caption_parts)
        img.tail = None
        figure.append(node)
    caption_text = ""
    if caption_parts:
        cap = make("figcaption")
        for i, part in enumerate(caption_parts):
            if i:
                cap_sep = cap[-1] if len(cap) else None
                if cap_sep is not None:
                    cap_sep.tail = (cap_sep.tail or "") + " – "
                else:
                    cap.text = (cap.text or "") + " – "
            span = make("span")
            move_children(part, span)
            cap.append(span)
        figure.append(cap)
        caption_text = text_of(cap)
    for img in imgs:
        if not (img.get("alt") or "").strip():
            alt = caption_text or img.get("title") or ""
            if alt:
                img.set("alt", alt)
    _replace(el, [figure])


def _image_link(link: El, img: El, o: _Opts, captions: list[El]) -> El:
    href = link.get("href") or ""
    is_lightbox = (
        has_class(link, "fusion-lightbox") or has_class(link, "awb-lightbox")
        or "iLightbox" in (link.get("data-rel") or "") or link.get("rel") == "iLightbox"
    )  # fmt: skip
    if not captions:
        cap_text = link.get("data-caption") or link.get("data-title")
        if cap_text and cap_text.strip() and is_lightbox:
            captions.append(make("span", cap_text.strip()))
    if is_lightbox:
        if o.lightbox == "source" and href and looks_like_image_url(href) and href != img.get("src"):
            img.set("src", href)
            for attr in ("width", "height"):
                img.attrib.pop(attr, None)
            from .resolve_images import wp_size

            size = wp_size(href)
            if size:
                img.set("width", str(size[0]))
                img.set("height", str(size[1]))
        if o.lightbox != "link":
            return img
    if not href or href == "#":
        return img
    a = make("a", href=href)
    if link.get("title"):
        a.set("title", link.get("title"))
    a.append(img)
    return a


def _wp_caption(el: El, o: _Opts) -> None:
    imgs = list(el.iter("img"))
    caption = _first(el, "wp-caption-text")
    if not imgs:
        _unwrap_own(el, o)
        return
    figure = make("figure")
    for img in imgs:
        parent = img.getparent()
        node = parent if parent is not None and parent.tag == "a" and parent is not el else img
        node.tail = None
        figure.append(node)
    if caption is not None:
        cap = make("figcaption")
        move_children(caption, cap)
        figure.append(cap)
    _replace(el, [figure])


def _button(el: El, o: _Opts) -> None:
    label_el = _first(el, "awb-button__text--default", "fusion-button-text")
    label = text_of(label_el) if label_el is not None else text_of(el)
    href = el.get("href") or ""
    if not label:
        _drop_own(el, o)
        o.ctx.tally(o.name, "dropped-decoration", "empty button")
        return
    if el.tag != "a" or not href or (href.startswith("#") and el.get("data-toggle") == "modal"):
        _replace(el, [make("span", label)])
        return
    a = make("a", label, href=href)
    if el.get("target"):
        a.set("target", el.get("target"))
    _replace(el, [a])


def _checklist(el: El, o: _Opts) -> None:
    ordered = "type-numbered" in (el.get("class") or "")
    new = make("ol" if ordered else "ul")
    for li in el.iter("li"):
        if li.getparent() is not el:
            continue
        content = _first(li, "fusion-li-item-content")
        item = make("li")
        move_children(content if content is not None else li, item)
        if (
            len(item) == 1
            and item[0].tag == "p"
            and not (item.text or "").strip()
            and not (item[0].tail or "").strip()
        ):
            unwrap(item[0])
        new.append(item)
    _replace(el, [new])


def _tabs(el: El, o: _Opts) -> None:
    titles: dict[str, El] = {}
    order: list[El] = []
    for a in _below(_classed(el, "nav-tabs"), "a"):
        href = (a.get("href") or "").lstrip("#")
        found = _first(a, "fusion-tab-heading")
        heading = found if found is not None else a
        if href:
            titles[href] = heading
        if a.get("id"):
            titles["@" + a.get("id")] = heading
        order.append(heading)
    panes = _classed(el, "tab-pane")
    out: list[El] = []
    for i, pane in enumerate(panes):
        title = titles.get(pane.get("id") or "")
        if title is None:
            title = titles.get("@" + (pane.get("aria-labelledby") or ""))
        if title is None and i < len(order):
            title = order[i]
        body = _wrap_children(pane)
        if o.tabs_as == "details":
            det = make("details")
            summary = make("summary")
            if title is not None:
                move_children(title, summary)
            det.append(summary)
            det.append(body)
            out.append(det)
        else:
            if title is not None and text_of(title):
                out.append(_heading(4, title, relative=True))
            out.append(body)
    if not panes:
        _unwrap_own(el, o)
        return
    _replace(el, out)


def _toggles(el: El, o: _Opts) -> None:
    panels = [
        p
        for p in _classed(el, "fusion-panel", "panel")
        if _first_of(p.iterdescendants(etree.Element), ("panel-body", "toggle-content")) is not None
    ]
    if not panels:
        _unwrap_own(el, o)
        return
    out: list[El] = []
    members = set(panels)
    for panel in panels:
        if any(p in members for p in panel.iterancestors()):
            continue
        title = _pick(panel, "fusion-toggle-heading", "panel-title")
        body = _first(panel, "panel-body", "toggle-content")
        collapse = _first(panel, "panel-collapse")
        is_open = collapse is not None and bool({"in", "show"} & set((collapse.get("class") or "").split()))
        content = _wrap_children(body) if body is not None else make("div")
        if o.toggles_as == "details":
            det = make("details")
            if is_open:
                det.set("open", "open")
            summary = make("summary")
            if title is not None:
                summary.text = text_of(title)
            det.append(summary)
            det.append(content)
            out.append(det)
        else:
            if title is not None and text_of(title):
                out.append(_heading(4, text_of(title), relative=True))
            out.append(content)
    _replace(el, out)


_CONTENT_BOX_PARTS: Final = _Parts({
    "heading": ("content-box-heading",), "image": ("image",), "container": ("content-container",),
    "more": ("fusion-read-more", "fusion-button"),
})  # fmt: skip


def _content_boxes(el: El, o: _Opts) -> None:
    boxes = _classed(el, "content-box-column") or [el]
    out: list[El] = []
    for box in boxes:
        # one walk of the box for all its parts; parts looked for after content has moved
        # out are taken only when still inside the box (what a later walk would find)
        parts = _gather(box, _CONTENT_BOX_PARTS)
        heading = parts["heading"][0] if parts["heading"] else None
        link = heading.getparent() if heading is not None else None
        for img in _below([i for i in parts["image"] if i is not box], "img"):
            out.append(make("figure", None, [img]))
        if heading is not None and text_of(heading):
            h = _heading(2, heading, relative=True)
            if link is not None and link.tag == "a" and link.get("href"):
                a = make("a", href=link.get("href"))
                move_children(h, a)
                h.append(a)
            out.append(h)
            drop(heading)
        container = _still_in(parts["container"], box)
        if container is not None:
            out.append(_wrap_children(container))
        for more in parts["more"]:
            if more.tag != "a" or more is box or _still_in([more], box) is None:
                continue
            text = text_of(more)
            if text and more.get("href"):
                out.append(make("p", None, [make("a", text, href=more.get("href"))]))
    _replace(el, out, o)


def _flip_box(el: El, o: _Opts) -> None:
    out: list[El] = []
    for face, level in (("flip-box-front", 2), ("flip-box-back", 3)):
        part = _pick(el, face + "-inner", face)
        if part is None:
            continue
        for g in _classed(part, "flip-box-grafix"):
            imgs = list(g.iter("img"))
            for img in imgs:
                out.append(make("figure", None, [img]))
            drop(g)
        heading = next(part.iterdescendants(*_HEADING_TAGS), None)
        if heading is not None and text_of(heading):
            h = _heading(level, heading, relative=True)
            if level == 3:
                h.set(OFFSET, "1")
            out.append(h)
            drop(heading)
        out.append(_wrap_children(part))
    if out:
        _replace(el, out)
    else:
        _unwrap_own(el, o)


def _testimonials(el: El, o: _Opts) -> None:
    reviews = _classed(el, "review") or xpath(el, "descendant::blockquote/..")
    out: list[El] = []
    for review in reviews:
        quote = _first(review, "awb-quote-content")
        for tag in ("q", "blockquote"):
            if quote is None:
                quote = next(iter(review.iter(tag)), None)
        if quote is None:
            continue
        author = _first(review, "author")
        who = text_of(author) if author is not None else ""
        for img in [i for i in review.iter("img") if not any(a is quote for a in i.iterancestors())]:
            if not (img.get("alt") or "").strip() and who:
                img.set("alt", who)
            out.append(make("figure", None, [img]))  # the author's photo
        bq = make("blockquote")
        move_children(quote, bq)
        for q in list(bq.iter("q")):
            unwrap(q)
        if who:
            bq.append(make("footer", who))
        out.append(bq)
    if out:
        _replace(el, out)
    else:
        _unwrap_own(el, o)


def _alert(el: El, o: _Opts) -> None:
    content = _first(el, "fusion-alert-content")
    if content is None or not text_of(content):
        _drop_own(el, o)
        o.ctx.tally(o.name, "dropped-decoration", "empty alert")
        return
    aside = make("aside", role="note")
    move_children(content, aside)
    _replace(el, [aside])


def _tagline(el: El, o: _Opts) -> None:
    for h in list(el.iterdescendants(*_HEADING_TAGS)):
        h.set(HEADING, "relative")
    # the desktop button sits before the title in the markup; the reader wants it last
    buttons = [a for a in el.iter("a") if "fusion-button" in (a.get("class") or "") or a.get("class") is None]
    for a in buttons:
        drop(a)  # detached (its tail stays in the text); the first is re-added at the end
        a.tail = None
    out = [_wrap_children(el)]
    if buttons:
        out.append(make("p", None, [buttons[0]]))
    _replace(el, out)


_PERSON_PARTS: Final = _Parts({name: (name,) for name in ("person-name", "person-title", "person-content")})


def _person(el: El, o: _Opts) -> None:
    out: list[El] = []
    parts = _gather(el, _PERSON_PARTS)  # one walk; only images move before the content is read
    name = parts["person-name"][0] if parts["person-name"] else None
    role = parts["person-title"][0] if parts["person-title"] else None
    for img in list(el.iter("img")):
        if name is not None and not (img.get("alt") or "").strip():
            img.set("alt", text_of(name))
        out.append(make("figure", None, [img]))
    if name is not None and text_of(name):
        out.append(_heading(3, text_of(name), relative=True))
    if role is not None and text_of(role):
        out.append(make("p", text_of(role)))
    content = parts["person-content"][0] if parts["person-content"] else None
    if content is not None:
        out.append(_wrap_children(content))
    _replace(el, out, o)


def _counter_box(el: El, o: _Opts) -> None:
    counter = _first(el, "display-counter")
    value = counter.get("data-value") if counter is not None else None
    if counter is not None and not value:
        value = text_of(counter)
    box = _pick(el, "content-box-percentage", "content-box-counter")
    number = ""
    if box is not None:
        parts: list[str] = []
        at = -1  # where the value stands among the unit texts
        for node in box.iter():
            if node is box:
                continue
            if has_class(node, "display-counter"):
                at = len(parts)
                parts.append(value or "")
            elif has_class(node, "unit"):
                parts.append(text_of(node))
        if at >= 0:  # a unit typed into the value too ("24%" beside a "%" unit) shows once
            before = parts[at - 1] if at > 0 else ""
            after = parts[at + 1] if at + 1 < len(parts) else ""
            parts[at] = strip_unit(parts[at], before=before, after=after)
            if counter is not None:  # the script writes the thousands delimiter in
                parts[at] = delimit(parts[at], counter.get("data-delimiter") or "")
        number = "".join(parts).strip()
    elif value:
        number = value
    label_el = _first(el, "counter-box-content")
    p = make("p")
    if number:
        p.append(make("strong", number))
    if label_el is not None and text_of(label_el):
        if len(p):
            p[-1].tail = " "
        span = make("span")
        move_children(label_el, span)
        p.append(span)
    if len(p):
        _replace(el, [p])
    else:
        _drop_own(el, o)


def _counter_circle(el: El, o: _Opts) -> None:
    target = el if el.get("data-percent") else _first(el, "counter-circle")
    percent = strip_unit(target.get("data-percent") or "", after="%") if target is not None else None
    label_el = _first(el, "fusion-counter-circle-content-inner")
    label = text_of(label_el) if label_el is not None else ""
    text = label
    if percent and percent not in label:
        text = f"{label} ({percent}%)" if label else f"{percent}%"
    _replace(el, [make("p", text)] if text else [], o)


def _progress(el: El, o: _Opts) -> None:
    label_el = _pick(el, "fusion-progressbar-text", "progress-title")
    bar = next((n for n in el.iter(etree.Element) if n.get("aria-valuenow") is not None), None)
    value_el = _first(el, "fusion-progressbar-value")
    value = text_of(value_el) if value_el is not None else ""
    if not value and bar is not None:
        value = bar.get("aria-valuenow", "") + "%"
    label = text_of(label_el) if label_el is not None else ""
    if label and value and label.endswith(value):
        label = label[: -len(value)].strip()
    text = f"{label}: {value}" if label and value else (label or value)
    _replace(el, [make("p", text)] if text else [], o)


def _highlight(el: El, o: _Opts) -> None:
    el.tag = "mark"


def _popover(el: El, o: _Opts) -> None:
    add_popover_text(el)


def _hotspots(el: El, o: _Opts) -> None:
    """The image, then one item per hotspot: its label, title and popup text (which
    exist only in ``data-*`` attributes; ``drop_hidden`` keeps a hotspot ``<button>``)."""
    out: list[El] = [make("figure", None, [img]) for img in list(el.iter("img"))]
    items = []
    for spot in _classed(el, "awb-image-hotspots-hotspot"):
        parts = (text_of(spot), spot.get("data-title") or "", spot.get("data-content") or "")
        text = " – ".join(p.strip() for p in parts if p.strip())
        if text:
            items.append(make("li", text))
    if items:
        out.append(make("ul", None, items))
    _replace(el, out, o)


#: Slider Revolution's layout elements: custom tags a browser would draw inline, which its
#: style sheet makes blocks (each text layer stands on its own).
_SLIDER_REVOLUTION_TAGS: Final = (
    "rs-module-wrap", "rs-module", "rs-slides", "rs-slide", "rs-static-layers", "rs-layer",
    "rs-layer-wrap", "rs-loop-wrap", "rs-mask-wrap", "rs-parallax-wrap", "rs-row", "rs-column",
    "rs-column-wrap", "rs-group", "rs-zone",
)  # fmt: skip


def _slider_revolution(el: El, o: _Opts) -> None:
    """A block; its inline style goes: Slider Revolution hides the module (version 6's
    ``rs-module-wrap`` ``visibility:hidden``, version 5's ``div.rev_slider``
    ``display:none``) only until its script runs, and the layers' text, images and links
    are what a visitor sees. Version 5's slides are a list's items: blocks too."""
    el.tag = "div"
    el.attrib.pop("style", None)
    for slides in el.iterchildren("ul"):
        slides.tag = "div"
        for slide in slides.iterchildren("li"):
            slide.tag = "div"


def _audio(el: El, o: _Opts) -> None:
    """A link to the sound file (the ``[audio]`` shortcode gives the same)."""
    url = ""
    fallback = next(el.iter("a"), None)
    if fallback is not None:
        url = fallback.get("href") or ""
    if not url:
        source = next((s for s in el.iter("source") if s.get("src")), None)
        url = source.get("src", "") if source is not None else el.get("src") or ""
        url = _WP_MEDIA_QUERY_RE.sub("", url)  # WordPress's cache-busting "?_=1"
    if not url or url.startswith(("data:", "blob:")):
        _drop_own(el, o)
        o.ctx.tally(o.name, "dropped-decoration", "audio player without a file")
        return
    _replace(el, [make("a", url, href=url)])


def _modal_link(el: El, o: _Opts) -> None:
    """A modal's trigger only opens the modal (kept where it stands): its words stay, the
    link goes. It may wrap whole columns (a person, a content box): their blocks stay blocks."""
    if el.tag == "a":
        o.unwrap_later.append(el)
    else:
        _unwrap_own(el, o)


def _modal(el: El, o: _Opts) -> None:
    out: list[El] = []
    title = _first(el, "modal-title")
    if title is not None and text_of(title):
        out.append(_heading(3, title, relative=True))
    body = _first(el, "modal-body")
    if body is not None:
        out.append(_wrap_children(body))
    _replace(el, out, o)


def _figures_list(items: list[El], captions: bool = True) -> El:
    ul = make("ul")
    for item in items:
        imgs = list(item.iter("img"))
        if not imgs:
            if next(item.iter(*_PLAYERS), None) is not None:  # a video slide: the player
                li = make("li")
                move_children(item, li)
                ul.append(li)
            continue
        # the words the item shows, whatever wraps them (a caption block, a plugin's caption,
        # text after the image), read before the images leave it
        cap_text = text_of(item)
        figure = make("figure")
        for img in imgs:
            link = img.getparent()
            while link is not None and link is not item and link.tag != "a":  # a > span > img
                link = link.getparent()
            node: El = img
            if (
                link is not None
                and link.tag == "a"
                and link.get("href")
                and not (has_class(link, "fusion-lightbox") or "iLightbox" in (link.get("data-rel") or ""))
            ):
                node = make("a", href=link.get("href"))
                node.append(img)
            img.tail = None
            figure.append(node)
        # else the lightbox's caption or title (not shown on the page: only where wanted)
        if not cap_text and captions:
            a = next((a for a in item.iterdescendants("a") if a.get("data-caption") is not None
                      or a.get("data-title") is not None), None)  # fmt: skip
            cap_text = (a.get("data-caption") or a.get("data-title") or "").strip() if a is not None else ""
        if cap_text:
            figure.append(make("figcaption", cap_text))
        for img in imgs:
            if not (img.get("alt") or "").strip() and (cap_text or img.get("title")):
                img.set("alt", cap_text or img.get("title") or "")
        ul.append(make("li", None, [figure]))
    return ul


def _post_slideshow(el: El, o: _Opts) -> None:
    """A post's featured images (Avada's post slideshow): their figures, one figure alone
    when there is one. The lightbox's ``data-title`` is the file's title, not a caption
    shown on the page: no caption is made from it."""
    items = _children_of_classed(el, "slides", "li")
    if not items:
        _replace(el, [], o)
        return
    figures = _figures_list(items, captions=False)
    _replace(el, [figures[0][0]] if len(figures) == 1 else [figures], o)


def _gallery(el: El, o: _Opts) -> None:
    items = _classed(el, "fusion-gallery-image")
    _replace(el, [_figures_list(items)] if items else [], o)


_PLAYERS: Final = ("iframe", "video", "lite-youtube", "lite-vimeo")


def _carousel(el: El, o: _Opts) -> None:
    items = _classed(el, "swiper-slide", "fusion-carousel-item") or _children_of_classed(el, "slides", "li")
    if not items:
        _unwrap_own(el, o)
        return
    # slide texts stand as blocks after the images, taken out first so that no item
    # shows them as its caption too
    texts = [_wrap_children(c) for c in _classed(el, "slide-content") if text_of(c)]
    figures = _figures_list(items)
    shown = list(figures[0]) if len(figures) == 1 else [figures]  # one slide is no list
    _replace(el, [*shown, *texts])


def _avada_slider(el: El, o: _Opts) -> None:
    """Avada Slider's slides: a slider of one slide, or of slides with headings, gives
    each slide's blocks in order (a list item holding a heading reads ``- ## About us``);
    other slides stay a list."""
    slides = _children_of_classed(el, "slides", "li")
    if len(slides) == 1 or any(next(s.iterdescendants(*_HEADING_TAGS), None) is not None for s in slides):
        for slide in slides:
            parent = slide.getparent()
            if parent is not None and parent.tag in ("ul", "ol"):
                parent.tag = "div"
            slide.tag = "div"


def _video_url(el: El) -> tuple[str, str] | None:
    for node in el.iter("iframe", "lite-youtube", "lite-vimeo", "video", "source"):
        if node.tag in ("lite-youtube", "lite-vimeo"):
            vid = node.get("videoid")
            if vid:
                if node.tag == "lite-youtube":
                    return f"https://www.youtube.com/embed/{vid}", node.get("title") or node.get(
                        "playlabel"
                    ) or ""
                return f"https://player.vimeo.com/video/{vid}", node.get("title") or ""
            continue
        for attr in ("data-privacy-src", "data-orig-src", "data-lazy-src", "data-src", "src"):
            src = node.get(attr)
            if src and not src.startswith(("data:", "about:")):
                return src, node.get("title") or ""
    return None


def _video(el: El, o: _Opts) -> None:
    found = _video_url(el)
    if found is None:
        _replace(el, [], o)  # no player address: a caption or other words stay
        return
    url, title = found
    if url.startswith("//"):
        url = "https:" + url
    player = video_embed(url)  # the player is rebuilt from the video id alone
    if player is not None:
        url = player[1]
    tag = "video" if has_class(el, "fusion-selfhosted-video") or el.tag == "video" else "iframe"
    new = make(tag, src=url)
    if title and not _PLAYER_TITLE_RE.fullmatch(title.strip()):  # not Avada's "YouTube video player 2"
        new.set("title", title)
    _replace(el, [new])


_LINED: Final = ("sep-single", "sep-double", "sep-solid", "sep-dashed", "sep-dotted", "sep-shadow")


def _lined(el: El, cls: str) -> bool:
    """Does the separator draw a line (by its class, or a border child not set to none)?"""
    return any(s in cls for s in _LINED) or any(
        "sep-none" not in (i.get("class") or "") for i in _classed(el, "fusion-separator-border")
    )


def _separator(el: El, o: _Opts) -> None:
    c = el.get("class") or ""
    has_text = bool(all_text(el).strip())
    if "sep-none" in c or has_text or not _lined(el, c):
        if has_text:
            _unwrap_own(el, o)
        else:
            _drop_own(el, o)
        o.ctx.tally(o.name, "dropped-decoration", "spacer")
        return
    _replace(el, [make("hr")])


def _listing(el: El, o: _Opts) -> None:
    if o.keep_listings:
        ul = make("ul")
        seen: set[str] = set()
        for a in xpath(el, "descendant::*[self::h1 or self::h2 or self::h3 or self::h4 or "
                          f"{xpath_class_test('entry-title')}]//a[@href]"):  # fmt: skip
            title = text_of(a)
            if title and a.get("href") not in seen:
                seen.add(a.get("href"))
                ul.append(make("li", None, [make("a", title, href=a.get("href"))]))
        _replace(el, [ul] if len(ul) else [])
        if len(ul):
            o.ctx.tally(o.name, "kept-listing", "listing kept as links")
        else:  # a listing in stored form: WordPress picks its posts when the page is shown
            o.ctx.tally(o.name, "unresolved-listing", "listing with no posts in the source", level="warning")
        return
    _drop_with_title(el, o, "dropped-listing", "dynamic listing (other pages' content)")


def _widget(el: El, o: _Opts) -> None:
    if is_content_widget_area(el) and _content_widget_area(el, o):
        return
    titled = _UNTITLED_WIDGETS.isdisjoint((el.get("class") or "").split())
    _drop_with_title(el, o, "dropped-widget", "interactive widget", titled=titled)


def _content_widget_area(el: El, o: _Opts) -> bool:
    """A widget area placed in the content keeps its text, custom-HTML and media widgets
    (their titles become widget headings); its menus, searches and feeds are dropped."""
    keep, other = content_widgets(el)
    if not keep:
        return False
    for widget in other:
        o.ctx.removing("dropped-widget", widget)
        drop(widget)
        o.ctx.tally(o.name, "dropped-widget", "widget beside content widgets")
    for widget in keep:
        for h in widget.iter(*_HEADING_TAGS):
            if has_class(h, "widget-title"):
                h.set(HEADING, "relative")
    _unwrap_own(el, o)
    return True


def _drop_with_title(el: El, o: _Opts, code: str, what: str, *, titled: bool = True) -> None:
    """Drop ``el``, and the title over it when it heads nothing else (see ``title_of``)."""
    if titled:
        title = title_of(el, o.settled, o.behind)
    else:
        title = None
        if not (el.tail and el.tail.strip()):
            look_back(el, o.behind)  # recorded: a later look back passes its mark at once
    o.ctx.removing(code, el)
    _drop_own(el, o)
    o.ctx.tally(o.name, code, what)
    if title is not None:
        o.behind[el] = title.getprevious()  # a later look back goes on past the title
        o.ctx.removing(code, title)
        drop(title)
        o.ctx.tally(o.name, code, "title of a dropped " + what.split(" (")[0])


_MIME_PREFIX_RE: Final = re.compile(r"^(?:text|application)/(?:x-)?")
_LANG_NAME_RE: Final = re.compile(r"[\w+#.-]+")


def _syntax(el: El, o: _Opts) -> None:
    area = next(iter(el.iter("textarea")), None)
    code_text = (area.text or "") if area is not None else text_of(el)
    lang = ""
    if area is not None:
        lang = area.get("data-mode") or area.get("data-language") or ""
    pre = make("pre")
    code = make("code", code_text)
    lang = _MIME_PREFIX_RE.sub("", lang.strip().lower())  # "text/x-python" → "python"
    if _LANG_NAME_RE.fullmatch(lang):
        code.set("class", "language-" + lang)
    pre.append(code)
    _replace(el, [pre])


_PRICE_PARTS: Final = ("currency", "integer-part", "decimal-part", "time")


def _price_text(price: El, parts: dict[str, list[El]]) -> str:
    """``$19.99 / month`` from Avada's currency / integer / decimal / time spans (the first
    of each inside ``price``, from the column's ``parts``)."""
    texts = {}
    for name in _PRICE_PARTS:
        node = _still_in(parts[name], price)
        if node is not None:
            texts[name] = text_of(node)
    if "integer-part" not in texts:
        return text_of(price)
    amount = texts.get("currency", "") + texts["integer-part"]
    if texts.get("decimal-part"):
        amount += "." + texts["decimal-part"]
    time = texts.get("time", "")
    return f"{amount} {time}".strip()


_PRICING_PARTS: Final = _Parts(
    {name: (name,) for name in ("title-row", "price", "list-group-item", "footer-row", *_PRICE_PARTS)}
)


def _pricing(el: El, o: _Opts) -> None:
    out: list[El] = []
    for col in _classed(el, "panel-wrapper") or [el]:
        parts = _gather(col, _PRICING_PARTS)  # one walk of the column for all its parts
        title = parts["title-row"][0] if parts["title-row"] else None
        title_text = text_of(title) if title is not None else ""
        if title_text:
            out.append(_heading(3, title_text, relative=True))
        price = parts["price"][0] if parts["price"] else None
        if price is not None and text_of(price):
            out.append(make("p", _price_text(price, parts)))
        items = [li for li in parts["list-group-item"] if li is not col]
        if items:
            ul = make("ul")
            for li in items:
                new = make("li")
                move_children(li, new)
                ul.append(new)
            out.append(ul)
        footer = _still_in(parts["footer-row"], col) if items else (parts["footer-row"] or [None])[0]
        if footer is not None:
            out.append(_wrap_children(footer))
    _replace(el, out, o)


def _countdown(el: El, o: _Opts) -> None:
    keep = _classed(el, "fusion-countdown-heading", "fusion-countdown-subheading", "fusion-countdown-link")
    out = []
    for k in keep:
        text = text_of(k)
        if not text:
            continue
        href = k.get("href") if k.tag == "a" else None
        out.append(make("p", None, [make("a", text, href=href)]) if href else make("p", text))
    _replace(el, out, o)


def _anchor(el: El, o: _Opts) -> None:
    if text_of(el) or len(el):
        _unwrap_own(el, o)
    else:
        _drop_own(el, o)


def _icon_link(el: El, o: _Opts) -> None:
    label = el.get("aria-label") or el.get("title") or ""
    if text_of(el) or el.find(".//img") is not None:
        return
    if label and not label.lower().startswith("link to") and el.get("href"):
        el.text = label
    else:
        _drop_own(el, o)
        o.ctx.tally(o.name, "dropped-decoration", "empty link")


def _lite_video(el: El, o: _Opts) -> None:
    _video(el, o)


Handler = Callable[[El, "ElementOptions"], None]
#: What an element handler gets besides its element: the step's options and the run's
#: ``ctx`` (for messages), as attributes (``toggles_as``, ``tabs_as``, ``lightbox``,
#: ``keep_listings``, ``ctx``, ``name``); the other attributes are the step's own.
ElementOptions = _Opts


@dataclass(frozen=True, slots=True)
class Element:
    """One element kind of the builder: what finds it in rendered markup and what turns it
    into its meaning.

    Attributes:
        kind: Its name (``"toggles"``): the key users override or disable it by.
        handler: ``handler(el, options)`` changes the tree in place around ``el`` (one
            element of the kind): replace it with semantic HTML, unwrap it, or drop it and
            count what went (``options.ctx.tally(options.name, code, what)``). Raise
            ``ValueError`` for content it cannot read: the element is then left as it was
            and reported (``element-left-as-is``); any other exception is a bug and fails.
        classes: Class tokens, any of which marks the element.
        tags: Tag names that mark it (custom elements, media).
        inner_first: Nested elements of the kind are handled innermost first.
        shortcodes: The names of its stored form (``[my_card]``), rendered with ``render``.
        render: ``render(attributes, body)`` → the markup the builder renders for one such
            shortcode (``body`` is its content, rendered already): the markup ``classes``
            find, so that ``handler`` gives both input forms their meaning.

    Example:
        >>> import fusionclean
        >>> from fusionclean.transforms.map_fusion_elements import Element
        >>> def recipe(el, options):  # a plugin's recipe card: its name as a heading
        ...     el.tag = "section"
        ...     del el.attrib["class"]
        ...     name = el.find(".//span")
        ...     name.tag = "h3"
        >>> step = fusionclean.MapFusionElements(elements=(Element("recipe", recipe, classes=("recipe-card",)),))
        >>> print(fusionclean.clean('<div class="recipe-card"><span>Pea soup</span><p>Boil peas.</p></div>',
        ...                         preset=fusionclean.presets.DEFAULT.replace(step)))
        <h2>Pea soup</h2>
        <p>Boil peas.</p>
    """

    kind: str
    handler: Handler
    classes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    inner_first: bool = True
    shortcodes: tuple[str, ...] = ()
    render: ShortcodeRenderer | None = None

    def __post_init__(self) -> None:
        if self.shortcodes and self.render is None:
            raise ConfigError(f"element {self.kind!r} names shortcodes but has no render function for them")


#: (kind, classes that mark it, handler, inner-first) in the order they run: listings and
#: widgets first (their content is not the page's), then leaf elements, then containers.
ELEMENTS: Final[tuple[Element, ...]] = (
    Element("listing", _listing, classes=LISTING_CLASSES, inner_first=False),
    Element("widget", _widget, classes=WIDGET_CLASSES, inner_first=False),
    Element("separator", _separator, classes=("fusion-separator",)),
    Element("title", _title, classes=("fusion-title",)),
    Element("button", _button, classes=("fusion-button",)),
    Element("icon_link", _icon_link),
    Element("counter_box", _counter_box, classes=("fusion-counter-box",)),
    Element("counter_circle", _counter_circle, classes=("fusion-counter-circle", "counter-circle-wrapper"), inner_first=False),
    Element("progress", _progress, classes=("fusion-progressbar",)),
    Element("highlight", _highlight, classes=("fusion-highlight",)),
    Element("popover", _popover, classes=("fusion-popover",)),
    Element("syntax", _syntax, classes=("fusion-syntax-highlighter-container",)),
    Element("video", _video, classes=("fusion-youtube", "fusion-vimeo", "fusion-selfhosted-video")),
    Element("lite_video", _lite_video, tags=("lite-youtube", "lite-vimeo")),
    Element("audio", _audio, tags=("audio",)),
    Element("slider_revolution", _slider_revolution, classes=("rev_slider",), tags=_SLIDER_REVOLUTION_TAGS),
    Element("gallery", _gallery, classes=("fusion-gallery",)),
    Element("post_slideshow", _post_slideshow, classes=("fusion-post-slideshow",), inner_first=False),
    Element("avada_slider", _avada_slider, classes=("tfs-slider",)),
    Element("carousel", _carousel, classes=("fusion-image-carousel", "fusion-carousel", "fusion-slider-sc", "awb-carousel"), inner_first=False),
    Element("image_frame", _image_frame, classes=("fusion-image-element",)),
    Element("image_frame_legacy", _image_frame, classes=("fusion-imageframe", "awb-lightbox")),
    Element("wp_caption", _wp_caption, classes=("wp-caption",)),
    Element("checklist", _checklist, classes=("fusion-checklist",)),
    Element("person", _person, classes=("fusion-person",)),
    Element("alert", _alert, classes=("fusion-alert",)),
    Element("flip_box", _flip_box, classes=("fusion-flip-box",)),
    Element("content_boxes", _content_boxes, classes=("fusion-content-boxes",)),
    Element("testimonials", _testimonials, classes=("fusion-testimonials",)),
    Element("pricing", _pricing, classes=("fusion-pricing-table",)),
    Element("countdown", _countdown, classes=("fusion-countdown",)),
    Element("modal", _modal, classes=("fusion-modal",)),
    Element("modal_link", _modal_link, classes=("fusion-modal-text-link",)),
    Element("toggles", _toggles, classes=("fusion-accordian", "accordian")),
    Element("tabs", _tabs, classes=("fusion-tabs",)),
    Element("tagline", _tagline, classes=("fusion-reading-box-container",)),
    Element("hotspots", _hotspots, classes=("awb-image-hotspots",)),
    Element("anchor", _anchor, classes=("fusion-menu-anchor", "fusion-container-anchor")),
)  # fmt: skip

_ICON_LINK_XPATH: Final = etree.XPath(
    "descendant::a[(@aria-label or @title) and not(.//img) and not(normalize-space())]"  # cheap test first
)


class _Table:
    """The element kinds one step runs, with what finds them: built once per distinct
    set of user elements (the defaults' at import)."""

    __slots__ = ("by_kind", "elements", "finder", "kind_of_class", "kind_of_tag", "kinds_of")

    def __init__(self, elements: tuple[Element, ...]) -> None:
        self.elements = elements
        self.by_kind = {e.kind: e for e in elements}
        self.kind_of_class = {cls: e.kind for e in elements for cls in e.classes}
        self.kind_of_tag = {tag: e.kind for e in elements for tag in e.tags}
        self.finder = ClassFinder(self.kind_of_class)
        self.kinds_of: dict[str, tuple[str, ...]] = {}

    def candidates(self, root: El, ctx: Context) -> dict[str, list[El]]:
        """Every element of every kind, found in one pass, each list in document order."""
        buckets: dict[str, list[El]] = {kind: [] for kind in self.kind_of_tag.values()}
        # unverified candidates: the class is re-read here and each element's place in the
        # tree is checked before its handler runs (handlers change the tree as they go)
        for el in self.finder(root, ctx, verify=False):
            for kind in self._kinds(el.get("class") or ""):
                buckets.setdefault(kind, []).append(el)
        if self.kind_of_tag:
            for el in root.iter(*self.kind_of_tag):  # one walk, filtered in C
                buckets[self.kind_of_tag[el.tag]].append(el)
        return buckets

    def _kinds(self, value: str) -> tuple[str, ...]:
        """The element kinds a class string names, once each (cached per distinct string)."""
        kinds = self.kinds_of.get(value)
        if kinds is None:
            found = (self.kind_of_class.get(t) for t in value.split())
            kinds = tuple(dict.fromkeys(k for k in found if k is not None))
            if len(self.kinds_of) < 4096:
                self.kinds_of[value] = kinds
        return kinds


_DEFAULT_TABLE: Final = _Table(ELEMENTS)


@functools.lru_cache(maxsize=32)
def _table(added: tuple[Element, ...], disabled: tuple[str, ...]) -> _Table:
    """The default kinds with ``added`` merged over them (a kind already there is replaced
    in place, a new one runs after the defaults) and ``disabled`` ones left out."""
    if not added and not disabled:
        return _DEFAULT_TABLE
    mine = {e.kind: e for e in added}
    merged = [mine.pop(e.kind, e) for e in ELEMENTS]
    merged.extend(mine.values())
    off = set(disabled)
    return _Table(tuple(e for e in merged if e.kind not in off))


@dataclass(frozen=True, slots=True, kw_only=True)
class MapFusionElements:
    """Turn each Fusion element into its semantic HTML.

    Attributes:
        toggles_as: ``"details"`` (default) or ``"headings"`` (title heading + content).
        tabs_as: ``"sections"`` (default: title heading + pane) or ``"details"``.
        lightbox: ``"source"`` (default: a lightbox link to a full-size image file becomes
            the image's ``src``), ``"link"`` (kept as a link around the image) or ``"drop"``.
        keep_listings: Keep dynamic listings (blog, recent posts, portfolio...) as a list of
            links instead of dropping them.
        elements: Your own element kinds (:class:`Element`), merged over the built-in ones
            by ``kind``: the same kind replaces the built-in one in its place, a new kind
            runs after them. They reach shortcode input too, as far as its shortcodes render
            to the builder's markup (every built-in kind's do).
        disabled: Kinds (``ELEMENTS``' names, or yours) not to map: their markup is left to
            the later steps (``unwrap_fusion`` keeps its content).
    """

    name: ClassVar[str] = "map_fusion_elements"
    keeps_class_index: ClassVar[bool] = True
    toggles_as: Literal["details", "headings"] = "details"
    tabs_as: Literal["sections", "details"] = "sections"
    lightbox: Literal["source", "link", "drop"] = "source"
    keep_listings: bool = False
    elements: tuple[Element, ...] = ()
    disabled: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "elements", tuple(self.elements))
        object.__setattr__(self, "disabled", tuple(self.disabled))
        for element in self.elements:
            if not isinstance(element, Element):
                raise TypeError(f"elements must be fusionclean.Element objects, got {type(element).__name__}")
        known = {e.kind for e in (*ELEMENTS, *self.elements)}
        for kind in self.disabled:
            if kind not in known:
                raise UnknownNameError("element kind", kind, tuple(sorted(known)))
        if self.toggles_as not in ("details", "headings"):
            raise ConfigError(f"toggles_as must be 'details' or 'headings', got {self.toggles_as!r}")
        if self.tabs_as not in ("sections", "details"):
            raise ConfigError(f"tabs_as must be 'sections' or 'details', got {self.tabs_as!r}")
        if self.lightbox not in ("source", "link", "drop"):
            raise ConfigError(f"lightbox must be 'source', 'link' or 'drop', got {self.lightbox!r}")

    def shortcode_renderers(self) -> dict[str, ShortcodeRenderer]:
        """Hook: the stored-form renderers of the user's elements, by shortcode name."""
        return {name: e.render for e in self.elements if e.render is not None for name in e.shortcodes}

    def __call__(self, root: Any, ctx: Context, /) -> None:
        opts = _Opts(self.toggles_as, self.tabs_as, self.lightbox, self.keep_listings, ctx, self.name)
        table = _table(self.elements, self.disabled)
        buckets = table.candidates(root, ctx)
        for element in table.elements:
            _kind, handler, inner_first = element.kind, element.handler, element.inner_first
            if _kind == "icon_link":
                found = _ICON_LINK_XPATH(root)
            else:
                found = buckets.get(_kind, [])
                if _kind == "button":
                    found = [
                        el
                        for el in found
                        if el.tag == "a" or not any(a.tag == "a" for a in el.iterancestors())
                    ]
            if not found:
                continue
            if len(found) >= CROWDED:
                counts: dict[El, int] = {}
                for el in found:
                    parent = el.getparent()
                    counts[parent] = counts.get(parent, 0) + 1
                opts.crowded.update(p for p, n in counts.items() if n >= CROWDED and p is not None)
            for el in reversed(found) if inner_first else found:
                if el is root or not _attached(el, root):
                    continue
                try:
                    handler(el, opts)
                except ValueError as exc:  # malformed content (a bug in a handler is not caught)
                    ctx.warn(self.name, "element-left-as-is", f"{_kind}: {exc}", el)
            opts.crowded.clear()
            opts.settled.clear()
            opts.behind.clear()
            if opts.gone:  # before unwrap_blocks, which would read a mark as inline content
                strip_marked(root, MARK, keep_content=True, marked=len(opts.gone))
                opts.gone.clear()
            if opts.unwrap_later:  # in document order, as unwrap_blocks takes them
                pending = opts.unwrap_later if not inner_first else opts.unwrap_later[::-1]
                unwrap_blocks(pending, root)
                opts.unwrap_later.clear()


def _attached(el: El, root: El) -> bool:
    node = el.getparent()
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False
