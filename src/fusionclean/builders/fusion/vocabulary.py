"""The names Fusion Builder's markup uses, in one place: read by the source readers and
the steps (which re-export the ones users know them by, e.g.
``map_fusion_elements.LISTING_CLASSES``). Data only: this module imports nothing of
fusionclean, so a second builder's vocabulary is a sibling module of the same shape."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CHROME",
    "DECORATION_CLASSES",
    "DUPLICATE_CLASSES",
    "EMPTY_DECORATION_CLASSES",
    "HIDDEN_ON_DEVICE",
    "INLINE_SHORTCODES",
    "KNOWN_PREFIXES",
    "LAYOUT",
    "LISTING_CLASSES",
    "RENDERED_AS",
    "RENDERED_CLASSES",
    "SILENT",
    "WIDGET_CLASSES",
]

#: Classes only the builder's rendering writes. Where they stand the builder was active, and
#: a shortcode shown as text was written to be shown ([[escaped]] by its author, as in a
#: tutorial); text holding them is displayed HTML, never shortcode source.
RENDERED_CLASSES: Final = ("fusion-fullwidth", "fusion-layout-column", "fusion-column-wrapper")

# -- read by map_fusion_elements -------------------------------------
#: Dynamic listings: other pages' content, navigation or JS widgets (dropped by default).
LISTING_CLASSES: Final = (
    "fusion-blog-shortcode", "fusion-recent-posts", "fusion-post-cards", "fusion-portfolio",
    "fusion-portfolio-wrapper", "fusion-postslider", "fusion-flexslider-posts", "fusion-news-ticker",
    "awb-toc-el", "fusion-breadcrumbs", "fusion-related-posts", "fusion-recent-works",
    "recent-works-items", "fusion-woo-product-grid", "fusion-products-slider", "fusion-faq-filters",
    "jp-relatedposts",  # Jetpack's related posts, appended to the content
    # other plugins' related posts and tables of contents (a TOC repeats the headings):
    # YARPP, Contextual Related Posts, LuckyWP, Rank Math's and Yoast's TOC blocks
    "yarpp-related", "crp_related", "lwptoc", "wp-block-rank-math-toc-block", "yoast-table-of-contents",
)  # fmt: skip

# -- read by map_fusion_elements -------------------------------------
#: Interactive widgets with no document content (dropped, counted).
WIDGET_CLASSES: Final = (
    "fusion-form", "fusion-form-field", "wpcf7", "fusion-search-element", "searchform", "fusion-google-map",
    "fusion-maps-static-type", "shortcode-map", "fusion-chart", "fusion-social-links",
    "fusion-social-networks", "fusion-sharing-box", "share-box", "awb-menu", "fusion-widget-area",
    "fusion-countdown-counter-wrapper", "fusion-lottie-animation", "fusion-scroll-progress",
    "fusion-login-box", "fusion-views-counter",
    # WordPress plugins that append to the content (Jetpack's sharing and like buttons)
    "sharedaddy", "jetpack-likes-widget-wrapper",
    # sharing buttons other plugins append (AddToAny, Social Warfare, Sassy Social Share)
    "addtoany_share_save_container", "a2a_kit", "swp_social_panel", "heateor_sss_sharing_container",
    # form plugins, whose wrapper holds the form's own title and description besides the
    # <form> (Gravity Forms, WPForms, Ninja Forms, Formidable, Fluent Forms, Forminator,
    # Mailchimp for WordPress)
    "gform_wrapper", "wpforms-container", "nf-form-cont", "frm_forms", "fluentform", "forminator-ui",
    "mc4wp-form",
)  # fmt: skip

# -- read by shortcodes -------------------------------------------------
#: Layout shortcodes: render their content, nothing else.
LAYOUT: Final = frozenset(
    {
        "fusion_builder_container", "fusion_builder_row", "fusion_builder_column",
        "fusion_builder_row_inner", "fusion_builder_column_inner", "fullwidth", "one_full",
        "one_half", "one_third", "two_third", "one_fourth", "three_fourth", "one_fifth",
        "two_fifth", "three_fifth", "four_fifth", "one_sixth", "five_sixth", "fusion_text",
        "fusion_global", "fusion_builder_blank_page",
    }
)  # fmt: skip

# -- read by shortcodes -------------------------------------------------
#: Shortcodes that render nothing of the document's content, with the message code their
#: removal is counted under (as the same elements are counted in rendered HTML).
SILENT: Final = {
    **dict.fromkeys(
        ("fusion_section_separator", "section_separator", "fusion_fontawesome", "fontawesome",
         "fusion_menu_anchor", "menu_anchor"),
        "dropped-decoration",
    ),
    **dict.fromkeys(
        ("fusion_chart_dataset", "rev_slider", "layerslider", "fusion_fusionslider", "fusionslider"),
        "dropped-widget",
    ),
}  # fmt: skip

# -- read by shortcodes -------------------------------------------------
#: Listings and widgets: rendered as the element the builder renders, with the class the
#: ``map_fusion_elements`` step reads, so they are dropped (with the title over them) or
#: kept by the same rule and options as on a rendered page. Their content is not in the
#: source: a listing's posts are picked when the page is shown.
RENDERED_AS: Final = {
    "fusion_blog": "fusion-blog-shortcode", "fusion_recent_posts": "fusion-recent-posts",
    "fusion_portfolio": "fusion-portfolio", "recent_works": "fusion-recent-works",
    "fusion_post_cards": "fusion-post-cards", "fusion_postslider": "fusion-postslider",
    "fusion_flexslider": "fusion-flexslider-posts", "fusion_woo_product_slider": "fusion-products-slider",
    "fusion_breadcrumbs": "fusion-breadcrumbs", "fusion_faq": "fusion-faq-filters",
    "fusion_social_links": "fusion-social-links", "social_links": "fusion-social-links",
    "fusion_sharing": "fusion-sharing-box", "fusion_map": "fusion-google-map", "map": "fusion-google-map",
    "fusion_form": "fusion-form", "contact-form-7": "wpcf7", "fusion_widget_area": "fusion-widget-area",
    "fusion_login": "fusion-login-box", "fusion_search": "fusion-search-element", "fusion_menu": "awb-menu",
}  # fmt: skip

# -- read by shortcodes -------------------------------------------------
#: Shortcodes that sit inside running text: they never start or end a paragraph.
INLINE_SHORTCODES: Final = frozenset(
    {
        "fusion_highlight", "highlight", "fusion_dropcap", "dropcap", "fusion_tooltip", "tooltip",
        "fusion_popover", "popover", "fusion_modal_text_link", "modal_text_link",
        "fusion_fontawesome", "fontawesome", "fusion_one_page_text_link", "one_page_text_link",
    }
)  # fmt: skip

# -- read by drop_hidden ---------------------------------------------
#: Classes marking duplicates or placeholders of content shown elsewhere → dropped.
DUPLICATE_CLASSES: Final = {
    "fusion-mobile-tab-nav": "mobile tab navigation",
    "rich-snippet-hidden": "rich-snippet repeat",
    "fusion-display-sticky-only": "sticky-only copy",
    "fusion-sticky-logo": "logo variant",
    "fusion-mobile-logo": "logo variant",
    "fusion-mobile-button": "mobile button copy",
    "swiper-slide-duplicate": "carousel clone",
    "awb-button__text--hover": "button hover label",
    "fusion-privacy-placeholder": "privacy placeholder",
    "screen-reader-response": "form status",
    "fusion-form-field-hidden": "hidden form field",
    # the block editor's file block: a "Download" button linking the file its name links
    "wp-block-file__button": "file download button",
}

# -- read by drop_hidden ---------------------------------------------
#: Decoration and UI whose text is never content ("×", "Load more", "Copy") → dropped.
DECORATION_CLASSES: Final = {
    "fusion-empty-dims-img-placeholder": "placeholder image",
    "awb-background-slider": "background",
    "fullwidth-video": "background",
    "fullwidth-video-image": "background",
    "fusion-background-video-wrapper": "background",
    "fusion-bg-parallax": "background",
    "awb-swiper-button": "carousel arrow",
    "awb-swiper-button-prev": "carousel arrow",
    "awb-swiper-button-next": "carousel arrow",
    "fusion-carousel-nav": "carousel arrow",
    "fusion-nav-prev": "carousel arrow",
    "fusion-nav-next": "carousel arrow",
    "flex-direction-nav": "carousel arrow",
    "flex-control-nav": "pagination",
    "awb-gallery-buttons": "load-more button",
    "fusion-loading-container": "loading indicator",
    "fusion-slider-loading": "loading indicator",
    "toggle-alert": "close button",
    "modal-footer": "modal footer",
    "syntax-highlighter-copy-code": "copy button",
    "fusion-filters": "filter list",
    "fusion-load-more-button": "load-more button",
    "fusion-infinite-scroll-trigger": "load-more button",
    "tribe-events-notices": "empty notice",
    "wpcf7-response-output": "form status",
    "fusion-alert-close": "close button",
    "fusion-rollover": "image rollover",
    "avatar": "author avatar",
}

# -- read by drop_hidden ---------------------------------------------
#: Layout helpers that are decoration only while they hold no text. Avada also puts some of
#: these classes on real content (``tab-pane fusion-clearfix``, ``q.fusion-clearfix``), so
#: an element carrying text is always kept.
EMPTY_DECORATION_CLASSES: Final = {
    "fusion-clearfix": "clearfix", "clearfix": "clearfix", "fusion-sep-clear": "clearfix",
    "awb-title-spacer": "title separator", "title-sep-container": "title separator",
    "title-sep": "title separator", "fusion-column-inner-bg": "column link overlay",
    "fusion-section-separator": "section separator", "awb-background-pattern": "background",
    "awb-background-mask": "background", "fullwidth-overlay": "background",
    "fusion-scroll-section-nav": "navigation dots", "testimonial-pagination": "pagination",
    "swiper-pagination": "pagination", "fusion-grid-sizer": "grid sizer",
    "fusion-toggle-icon-wrapper": "icon", "fusion-tabs-sticky-helper": "sticky helper",
    "fusion-image-wrapper-overlay": "image rollover", "counter-box-icon": "icon",
    "overlay-link": "slide overlay link",  # an Avada Slider slide's whole-slide link, wordless
}  # fmt: skip

# -- read by drop_hidden ---------------------------------------------
HIDDEN_ON_DEVICE: Final = {
    "large": ("fusion-no-large-visibility",),
    "medium": ("fusion-no-medium-visibility",),
    "small": ("fusion-no-small-visibility", "fusion-hide-on-mobile"),
}

# -- read by select_content ------------------------------------------
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
    ".pagination", ".fusion-author", ".fusion-posts-container.related", ".fusion-comments-tb",
    ".fusion-meta-tb",
)  # fmt: skip

# -- read by unwrap_fusion -------------------------------------------
#: Class stems (digits removed) fusionclean knows; others are reported as unknown.
KNOWN_PREFIXES: Final = (
    "fusion-fullwidth", "fusion-builder", "fusion-layout-column", "fusion-column", "fusion-flex",
    "fusion-text", "fusion-title", "fusion-image", "fusion-imageframe", "fusion-button",
    "fusion-no-", "fusion-animated", "fusion-content-layout", "fusion-one-", "fusion-two-",
    "fusion-three-", "fusion-four-", "fusion-five-", "fusion-spacing", "fusion-row",
    "fusion-container", "fusion-li-", "fusion-checklist", "fusion-tab", "fusion-toggle",
    "fusion-accordian", "fusion-panel", "fusion-content-box", "fusion-flip", "fusion-person",
    "fusion-counter", "fusion-progressbar", "fusion-gallery", "fusion-grid", "fusion-masonry",
    "fusion-video", "fusion-youtube", "fusion-vimeo", "fusion-selfhosted", "fusion-alert",
    "fusion-reading-box", "fusion-desktop-button", "fusion-mobile-button", "fusion-tagline",
    "fusion-modal", "fusion-popover", "fusion-tooltip", "fusion-highlight", "fusion-dropcap",
    "fusion-separator", "fusion-sep", "fusion-section-separator", "fusion-social", "fusion-menu",
    "fusion-one-page", "fusion-carousel", "fusion-slider", "fusion-responsive",
    "fusion-mobile", "fusion-align", "fusion-fa-align", "fusion-display", "fusion-hide",
    "fusion-read-more", "fusion-lightbox", "fusion-no-lightbox", "fusion-syntax", "fusion-li-item",
    "fusion-has", "fusion-blend", "fusion-bg", "fusion-parallax", "fusion-clearfix",
    "fusion-equal-height", "fusion-sticky", "fusion-full-width", "fusion-testimonial",
    "fusion-counters", "fusion-faq", "fusion-pricing", "fusion-post", "fusion-blog", "fusion-rollover",
    "fusion-portfolio", "fusion-layout", "fusion-widget", "fusion-form", "fusion-countdown",
    "fusion-tb-", "fusion-page", "fusion-hover", "fusion-column-inner", "fusion-inline",
    "fusion-icon", "fusion-link", "fusion-body", "fusion-sharing", "fusion-meta",
    "fusion-privacy", "fusion-load", "fusion-nav", "fusion-vertical", "fusion-horizontal",
    "awb-", "fusion-builder-nested", "fusion-absolute-position", "fusion-ie", "fusion-woo",
    "fusion-events", "fusion-simple", "fusion-framed", "fusion-border", "fusion-clean",
    "fusion-legacy", "fusion-disable", "fusion-el", "fusion-fade", "fusion-reveal",
    "fusion-sep-clear", "fusion-footer", "fusion-header", "fusion-secondary", "fusion-main",
    "fusion-audio", "fusion-content-tb", "fusion-comments", "fusion-order-comments", "fusion-related-tb",
)  # fmt: skip
