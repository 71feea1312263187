"""Make every link and image URL work wherever the content lands.

Why a step of its own: content moves (migrations, indexes, chat answers) and relative
URLs break when it does. ``href``, ``src`` and every ``srcset`` candidate are made absolute
against the base URL (by default a REST post's ``link``), optionally upgraded to https for
the site's own host and mapped to a new media base. Fragment, ``mailto:`` and ``tel:`` links
are kept as they are. Runs after ``resolve_images`` and before ``sanitize``.

Before → after (base ``https://ex.com/blog/post/``): ``<a href="../about/">`` →
``<a href="https://ex.com/blog/about/">``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Final, Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .._context import Context
from ..errors import ConfigError
from ._lxml import set_attr

__all__ = ["ResolveLinks", "absolutize"]

_URL_XPATH: Final = etree.XPath("descendant::*[@href or @src or @srcset or @poster or @cite]")


def absolutize(url: str, base: str | None) -> str:
    """``url`` made absolute against ``base`` (unchanged when it cannot be)."""
    url = url.strip()
    if not base or not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return url
    try:
        return urljoin(base, url)
    except ValueError:
        return url


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveLinks:
    """Absolutize URLs; optional https upgrade, media base mapping and ``target`` policy.

    Attributes:
        upgrade_https: Rewrite ``http://`` URLs of the base URL's own host to ``https://``.
        media_map: ``(old_prefix, new_prefix)`` pairs applied to image and link URLs, e.g.
            ``(("https://old.site/wp-content/uploads/", "https://cdn.new/media/"),)``.
        target_blank: ``"drop"`` (default) removes ``target``; ``"noopener"`` keeps
            ``target="_blank"`` with ``rel="noopener noreferrer"`` (for Pipeline.apply users).
    """

    name: ClassVar[str] = "resolve_links"
    keeps_class_index: ClassVar[bool] = True
    upgrade_https: bool = False
    media_map: tuple[tuple[str, str], ...] = ()
    target_blank: Literal["drop", "noopener"] = "drop"

    def __post_init__(self) -> None:
        if self.target_blank not in ("drop", "noopener"):
            raise ConfigError(f"target_blank must be 'drop' or 'noopener', got {self.target_blank!r}")
        if not isinstance(self.media_map, tuple) or not all(
            isinstance(p, tuple) and len(p) == 2 and all(isinstance(s, str) for s in p)
            for p in self.media_map
        ):
            raise ConfigError("media_map must be a tuple of (old_prefix, new_prefix) string pairs")

    def rewrite(self, url: str, base: str | None, own_host: str) -> str:
        """One URL through absolutize, https upgrade and media mapping."""
        new = absolutize(url, base)
        if self.upgrade_https and new.startswith("http://"):
            try:
                host = (urlsplit(new).hostname or "").lower()
            except ValueError:
                host = ""
            if host and (host == own_host or host == "www." + own_host or "www." + host == own_host):
                new = "https://" + new[7:]
        for old, replacement in self.media_map:
            if new.startswith(old):
                new = replacement + new[len(old) :]
                break
        return new

    def __call__(self, root: Any, ctx: Context, /) -> None:
        base = ctx.base_url
        own_host = ""
        if base:
            try:
                own_host = (urlsplit(base).hostname or "").lower()
            except ValueError:
                ctx.warn(self.name, "invalid-base-url", f"base URL {base!r} is not a URL")
                base = None
        for el in _URL_XPATH(root):
            for attr in ("href", "src", "poster", "cite"):
                value = el.get(attr)
                if value is not None:
                    new = self.rewrite(value, base, own_host)
                    if new != value:
                        set_attr(el, attr, new)
            srcset = el.get("srcset")
            if srcset:
                from .resolve_images import parse_srcset

                candidates, _errors = parse_srcset(srcset)
                set_attr(el, "srcset", ", ".join(
                    " ".join(filter(None, (self.rewrite(c.url, base, own_host),
                                           f"{c.width}w" if c.width else f"{c.density:g}x" if c.density else "")))
                    for c in candidates
                ))  # fmt: skip
            if el.tag == "a" and el.get("target"):
                if self.target_blank == "drop":
                    del el.attrib["target"]
                elif el.get("target") == "_blank":
                    el.set("rel", "noopener noreferrer")
