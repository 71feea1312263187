"""Cut the tree down to the Schema: allowed tags, attributes and URL schemes only.

Why a step of its own: everything before it may leave builder attributes, unknown tags and
unsafe URLs behind; after it, the tree holds only the semantic vocabulary. Elements whose
content is code or metadata (``script``, ``style``, ``template``, forms, ``svg``…) go with
their content; other unknown elements are unwrapped with their content kept, without
gluing neighbouring blocks together. URLs are judged after entity decoding and stripping
whitespace and control characters. Iframes survive only for allowlisted embed hosts.
nh3 is still the last gate on HTML output. Runs after every step that reads attributes.

Before → after: ``<div class="x" style="…"><span data-a="1" onclick="…">Hi</span></div>``
→ ``<p>Hi</p>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from lxml import etree

from .._context import Context
from .._markers import ATTRIBUTE_PREFIX, DROP
from ..schema import DEFAULT_SCHEMA, Schema, host_of, url_policy, video_embed
from ._blocks import unwrap_blocks
from ._lxml import all_text, attribute_items, set_attr, strip_marked

__all__ = ["Sanitize"]

#: Attributes fusionclean itself uses between steps (removed by the step that reads them).
INTERNAL_PREFIX: Final = ATTRIBUTE_PREFIX
_URL_ATTRS: Final = frozenset({"href", "src", "cite", "poster"})
#: Elements whose text is never page content (code, style sheets, metadata): dropped unreported.
_QUIET_DROPS: Final = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "meta", "link", "base"}
)
#: Tags checked even without attributes (an <a> without href, an <img> without src...).
_SPECIAL_TAGS: Final = frozenset({"iframe", "video", "a", "img"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Sanitize:
    """Keep only what the schema allows.

    Attributes:
        schema: The allowed vocabulary (``DEFAULT_SCHEMA`` or ``STRICT_SCHEMA`` or yours).
    """

    name: ClassVar[str] = "sanitize"
    keeps_class_index: ClassVar[bool] = True
    schema: Schema = field(default=DEFAULT_SCHEMA)

    def __call__(self, root: Any, ctx: Context, /) -> None:
        schema = self.schema
        tags = schema.tags
        drop_tags = schema.drop_content_tags
        doomed = False
        unwrap: list[Any] = []
        plain = tags - _SPECIAL_TAGS  # allowed tags that need no per-element care
        for el in root.iter(etree.Element):  # comments and PIs: removed below
            tag = el.tag
            if tag in plain and not el.attrib:
                continue  # the common case: an allowed element without attributes
            if el is root:
                continue
            if tag in ("iframe", "video") and tag not in tags:
                self._embed_as_link(el, schema)
                tag = el.tag
                if tag == DROP:
                    doomed = True
                    continue
            if tag in drop_tags and tag not in tags:
                if (
                    tag not in _QUIET_DROPS
                    and all_text(el).strip()
                    and next(el.iterancestors(DROP), None) is None  # counted with its container
                ):
                    # code, metadata or a form: its words go with it, and the report says so
                    ctx.tally("sanitize", "dropped-widget", f"<{tag}> and its text")
                el.tag = DROP
                doomed = True
                continue
            if tag not in tags:
                unwrap.append(el)
            attrib = el.attrib
            if attrib:
                allowed = schema.allowed_attributes(tag)
                doomed_names: list[str] = []
                srcset: str | None = None
                for name, value in attribute_items(el, attrib):
                    if name in allowed:
                        if (
                            name in _URL_ATTRS
                            and url_policy(value, schema, image=tag == "img" and name == "src") is None
                        ):
                            doomed_names.append(name)
                            ctx.tally("sanitize", "dropped-unsafe-url", f"{tag}@{name}", level="warning")
                        elif name == "srcset":
                            srcset = self._srcset(value)
                    elif not name.startswith(INTERNAL_PREFIX):
                        doomed_names.append(name)
                if doomed_names:
                    self._drop_attributes(el, doomed_names)
                if srcset is not None:
                    set_attr(el, "srcset", srcset)
            if tag == "iframe":
                self._iframe(el)
                doomed = doomed or el.tag == DROP
            elif tag == "a" and not el.get("href"):
                unwrap.append(el)
            elif tag == "img" and not el.get("src"):
                el.tag = DROP
                doomed = True
        # the parser drops them; a tree handed to Pipeline.apply or made by a step may not
        strip_marked(root, etree.Comment, etree.ProcessingInstruction, keep_content=False)
        if doomed:
            strip_marked(root, DROP, keep_content=False)
        if unwrap:
            unwrap_blocks([el for el in unwrap if el.tag != DROP], root)

    @staticmethod
    def _drop_attributes(el: Any, names: list[str]) -> None:
        attrib = el.attrib
        if len(names) <= 16:  # each deletion looks the name up among all the attributes
            try:
                for name in names:
                    del attrib[name]
                return
            except (KeyError, ValueError):
                pass
        # many names (one by one is n²), or a name such as "{c}" that reads as a namespace to
        # lxml and cannot be deleted by name: rebuild the attributes instead (same order)
        doomed = set(names)
        kept = [(name, value) for name, value in attribute_items(el, attrib) if name not in doomed]
        attrib.clear()
        for name, value in kept:
            set_attr(el, name, value)

    def _srcset(self, value: str) -> str:
        from .resolve_images import parse_srcset

        candidates, _ = parse_srcset(value)
        kept = [c for c in candidates if url_policy(c.url, self.schema) is not None]
        return ", ".join(
            f"{c.url} {c.width}w" if c.width else f"{c.url} {c.density:g}x" if c.density else c.url
            for c in kept
        )

    def _iframe(self, el: Any) -> None:
        # a player is rebuilt from its video id (never the address as given); any other
        # iframe, or a player whose host the schema does not allow, becomes a link
        found = video_embed(el.get("src"))
        if found is not None:
            set_attr(el, "src", found[1])
            if host_of(found[1]) in self.schema.embed_hosts:
                return
        self._embed_as_link(el, self.schema)

    @staticmethod
    def _embed_as_link(el: Any, schema: Schema) -> None:
        """An embed the schema does not allow becomes a link to what it showed (a player
        rebuilt from its id; nothing when the address fails the URL policy)."""
        src = el.get("src") or ""
        if not src and el.tag == "video":
            source = el.find("source")
            src = source.get("src", "") if source is not None else ""
        player = video_embed(src) if el.tag == "iframe" else None
        src = player[1] if player else (url_policy(src, schema) or "")
        title = el.get("title") or src
        for child in list(el):
            el.remove(child)
        el.attrib.clear()
        if src:
            el.tag = "a"
            set_attr(el, "href", src)
            el.text = title
        else:
            el.tag = DROP
