"""What the source says about a post (title, dates, author, link, taxonomy…).

Its own module at the bottom of the house: sources fill it in, the document carries it and
the emitters write it, so none of them has to import another for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["PostMeta"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PostMeta:
    """What the source says about the post. Every field is optional."""

    id: int | None = None
    type: str | None = None
    status: str | None = None
    title: str | None = None
    date: str | None = None
    modified: str | None = None
    slug: str | None = None
    link: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    excerpt: str | None = None
    featured_image: str | None = None
    password_protected: bool = False

    def checked(self, schema: Any = None) -> PostMeta:
        """This metadata with ``link`` and ``featured_image`` passed through the one URL
        policy (:func:`fusionclean.schema.url_policy`); an address that fails is left out."""
        from .schema import url_policy

        link = url_policy(self.link, schema)
        image = url_policy(self.featured_image, schema, image=True)
        if link == self.link and image == self.featured_image:
            return self
        return replace(self, link=link, featured_image=image)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict without the empty fields."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value is False or value == ():
                continue
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PostMeta:
        """Inverse of :meth:`to_dict` (unknown keys are ignored)."""
        names = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {
            k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in names
        }
        return cls(**kwargs)
