"""Corpus measurements: word recall against the source's visible desktop content, and
sentences that appear more often in the output than on the page.

The reference side is computed independently of the pipeline, from the rules the catalogue
documents: the content area, minus script/style, minus what Avada hides on large screens,
minus the documented duplicates, chrome, listings and widgets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

WORD_RE = re.compile(r"\w+", re.UNICODE)
#: Documented removals (classes): hidden on desktop, duplicates, chrome, listings, widgets.
EXCLUDED_CLASSES = (
    "fusion-no-large-visibility", "fusion-mobile-tab-nav", "rich-snippet-hidden",
    "fusion-display-sticky-only", "fusion-mobile-button", "swiper-slide-duplicate",
    "awb-button__text--hover", "fusion-privacy-placeholder", "screen-reader-text",
    "fusion-recent-posts", "fusion-blog-shortcode", "fusion-portfolio", "fusion-post-cards",
    "fusion-form", "wpcf7", "fusion-social-links", "fusion-sharing-box", "fusion-countdown-counter-wrapper",
    "fusion-meta-info", "related-posts", "fusion-filters", "awb-gallery-buttons",
    "fusion-google-map", "fusion-chart", "testimonial-pagination", "fusion-recent-works",
    "fusion-postslider", "fusion-portfolio-wrapper", "fusion-load-more-button", "display-counter",
    "single-navigation", "fusion-carousel-nav", "fusion-alert-close", "fusion-scroll-section-nav",
    "fusion-flexslider-posts", "fusion-news-ticker", "awb-toc-el", "fusion-breadcrumbs",
    "fusion-woo-product-grid", "fusion-widget-area", "fusion-search-element", "comment-respond",
    "gform_wrapper", "wpforms-container", "nf-form-cont", "frm_forms", "fluentform", "forminator-ui",
    "addtoany_share_save_container", "swp_social_panel", "yarpp-related", "crp_related", "lwptoc",
    "comments-container", "fusion-comments",
)  # fmt: skip
EXCLUDED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "button",
    "select",
    "textarea",
    "form",
    "svg",
    "nav",
    "head",
)
AREAS = (
    "//*[@id='content']",
    "//*[contains(concat(' ', @class, ' '), ' post-content ')]",
    "//*[@id='main']",
    "//main",
    "//body",
)


def source_html(path: Path) -> tuple[str, bool]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        return json.loads(text)["content"]["rendered"], False
    return text, True


def content_area(path: Path, tags: tuple[str, ...] = EXCLUDED_TAGS) -> Any:
    """The source's content area without script/style and the documented removals."""
    markup, is_page = source_html(path)
    doc = lxml_html.document_fromstring(markup)
    area = doc
    if is_page:
        for xp in AREAS:
            found = doc.xpath(xp)
            if found:
                area = found[0]
                break
    etree.strip_elements(area, *tags, with_tail=False)
    test = " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')" for c in EXCLUDED_CLASSES
    )
    removed = area.xpath(f".//*[{test}]")
    removed += [
        title
        for el in removed
        if "fusion-social-links" not in str(el.get("class")) and (title := _title_over(el)) is not None
    ]
    for el in removed:
        if el.getparent() is not None:
            el.drop_tree()
    return area


def _blank(el: Any) -> bool:
    if not isinstance(el.tag, str):
        return True  # a comment
    return not el.text_content().strip() and not el.xpath(".//img | .//iframe | .//video") and el.tag != "img"


def _title_over(el: Any) -> Any:
    """The documented rule: a title right before a removed element (empty elements between)
    that heads nothing else in its parent goes with it; never an h1 or a post title."""
    if (el.tail or "").strip() or any(not _blank(s) or (s.tail or "").strip() for s in el.itersiblings()):
        return None
    for before in el.itersiblings(preceding=True):
        if (before.tail or "").strip():
            return None
        if _blank(before) and before.tag not in ("h2", "h3", "h4", "h5", "h6"):
            continue
        classes = str(before.get("class") or "").split()
        if before.tag in ("h2", "h3", "h4", "h5", "h6") or "fusion-title" in classes:
            return None if "entry-title" in classes else before
        return None
    return None


def visible_source_text(path: Path) -> str:
    area = content_area(path)
    for el in area.xpath(
        ".//*[contains(@class, 'awb-marquee-content')][preceding-sibling::*[contains(@class, 'awb-marquee-content')]]"
    ):
        el.drop_tree()
    for el in area.xpath(".//*[contains(@class, 'awb-button-text-transition')]/*[position() > 1]"):
        el.drop_tree()
    for el in area.xpath(".//*[contains(translate(@style, ' ', ''), 'display:none')]"):
        if el.getparent() is not None and "slide-content" not in (el.get("class") or ""):
            el.drop_tree()
    return block_text(area)


BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "ul",
        "br",
        "summary",
        "caption",
        "img",
    ]
)


def block_text(el: etree._Element) -> str:
    """Text with a space between blocks (and none inside inline runs such as 2<sup>nd</sup>)."""
    for node in el.iter():
        if isinstance(node.tag, str) and node.tag in BLOCKS:
            node.tail = " " + (node.tail or "")
            node.text = " " + (node.text or "")
    return " ".join("".join(el.itertext()).split())


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD_RE.findall(text))


def recall(source_text: str, output_text: str) -> float:
    """Share of the source's words found in the output.

    Words are matched as a multiset. A word still unmatched counts as found when it occurs
    in the output with word boundaries removed: inline markup can glue or split words on one
    side only (``375<sup>00</sup>`` reads "37500" in the source and "375.00" in the output;
    ``<span>Ko</span><span>Mechanical</span>`` is one token in the source text).
    """
    src, out = words(source_text), words(output_text)
    total = sum(src.values())
    if not total:
        return 1.0
    squashed = "".join(WORD_RE.findall(output_text.lower()))
    found = 0
    for w, n in src.items():
        have = min(n, out[w])
        if have < n and w in squashed:
            have = n
        found += have
    return found / total


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(WORD_RE.findall(s)) >= 6]


def over_repeated(source_text: str, output_text: str) -> list[str]:
    """Sentences of six or more words appearing more often in the output than in the source."""
    src = Counter(sentences(source_text))
    out_norm = " ".join(output_text.split())
    bad = []
    for s in set(sentences(out_norm)):
        if out_norm.count(s) > max(1, source_text.count(s)):
            bad.append(s)
    _ = src
    return bad


_SIZE_SUFFIX = re.compile(r"-\d{2,5}x\d{2,5}(?=\.\w+$)")
_IMG_ATTRS = ("data-orig-src", "data-lazy-src", "data-src", "src")


def image_key(url: str) -> str:
    """An image file's identity: its file name without WordPress's ``-WxH`` size suffix."""
    name = url.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]
    return _SIZE_SUFFIX.sub("", name).lower()


def source_images(path: Path) -> set[str]:
    """Content images of the source: in the content area, not hidden, not placeholders."""
    area = content_area(path, ("script", "style", "noscript", "template"))
    keys = set()
    for img in area.iter("img"):
        cls = img.get("class") or ""
        if any(c in cls for c in ("fusion-empty-dims-img-placeholder", "awb-background-slider", "fusion-sticky-logo",
                                  "fusion-mobile-logo", "avatar")):  # fmt: skip
            continue
        if img.get("width") in ("1",) and img.get("height") in ("1",):
            continue
        url = next(
            (img.get(a) for a in _IMG_ATTRS if img.get(a) and not img.get(a, "").startswith("data:")), None
        )
        if url:
            keys.add(image_key(url))
    return keys
