"""Small HTML tables for notebook displays (``_repr_html_``): every value escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["conversion_html", "html_table", "preview"]


def preview(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def html_table(header: Sequence[str], rows: Iterable[Sequence[Any]], *, caption: str = "") -> str:
    """A plain HTML table; each cell is ``str(value)`` escaped (``None`` shows as empty)."""

    def cell(tag: str, value: Any) -> str:
        return f"<{tag} style='text-align:left'>{html.escape('' if value is None else str(value))}</{tag}>"

    out = ["<table>"]
    if caption:
        out.append(f"<caption style='text-align:left'>{html.escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(cell("th", h) for h in header) + "</tr></thead><tbody>")
    out.extend("<tr>" + "".join(cell("td", v) for v in row) + "</tr>" for row in rows)
    out.append("</tbody></table>")
    return "".join(out)


def conversion_html(document: Any, messages: Any, *, blocks: int = 12) -> str:
    """A Conversion in a notebook: its title, the first ``blocks`` blocks as the cleaned HTML
    (which passed the nh3 gate like any output) and its messages as a table."""
    import dataclasses

    shown = document.children[:blocks]
    rest = len(document.children) - len(shown)
    title = document.title or "(untitled)"
    head = f"{title} — {len(document.children)} blocks, {len(messages)} messages"
    body = dataclasses.replace(document, children=shown).to_html()
    more = f"<p><em>… {rest} more blocks</em></p>" if rest > 0 else ""
    return (
        f"<div><p><strong>{html.escape(head)}</strong></p>"
        f"<div style='max-height:24em;overflow:auto;border-left:3px solid #ccc;padding-left:1em'>{body}{more}</div>"
        f"{messages._repr_html_() if hasattr(messages, '_repr_html_') else ''}</div>"
    )
