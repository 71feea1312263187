"""An independent judge of "nothing executable": parses output with a spec-compliant HTML
parser (Lexbor, through selectolax) and looks for every construct that can run code."""

from __future__ import annotations

import html
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

#: Elements that run script, load active content or change how the page resolves URLs.
DANGEROUS_TAGS = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
        "form", "meta", "link", "svg", "math", "template", "noscript", "xmp", "portal",
        "input", "button", "textarea", "select", "isindex", "param", "audio", "source",
        "track", "dialog", "set", "animate", "handler", "listener", "xml", "import",
    }
)  # fmt: skip
URL_ATTRS = frozenset(
    {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "cite",
     "lowsrc", "dynsrc", "codebase", "longdesc", "usemap", "manifest", "ping", "srcdoc", "profile"}
)  # fmt: skip
ALLOWED_IFRAME_HOSTS = ("https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/",
                        "https://player.vimeo.com/video/")  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def _scheme(url: str) -> str:
    decoded = url
    for _ in range(3):
        decoded = html.unescape(decoded)
    decoded = _CONTROL.sub("", decoded).lower()
    m = re.match(r"^([a-z][a-z0-9+.\-]*):", decoded)
    return m.group(1) if m else ""


def url_problem(url: str, *, image: bool = False) -> str | None:
    scheme = _scheme(url)
    if scheme in ("javascript", "vbscript", "livescript", "mocha", "file", "jar", "view-source"):
        return f"{scheme}: URL"
    if scheme == "data":
        body = _CONTROL.sub("", html.unescape(url)).lower()[5:]
        if not (image and body.startswith(("image/png", "image/jpeg", "image/gif", "image/webp"))):
            return "data: URL"
    return None


def problems_in_html(markup: str) -> list[str]:
    """Every executable construct in ``markup`` as a browser would parse it."""
    found: list[str] = []
    tree = LexborHTMLParser(markup)
    body = tree.body
    if body is None:
        return found
    for node in body.traverse(include_text=False):
        tag = (node.tag or "").lower()
        attrs: dict[str, Any] = node.attributes
        if tag == "iframe":
            src = attrs.get("src") or ""
            if not src.startswith(ALLOWED_IFRAME_HOSTS) or "sandbox" not in attrs:
                found.append(f"iframe {src!r}")
        elif tag == "video":
            pass
        elif tag in DANGEROUS_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            lname = name.lower()
            value = value or ""
            if lname.startswith("on"):
                found.append(f"{tag}@{name}")
            elif lname == "style":
                v = _CONTROL.sub("", html.unescape(value)).lower()
                if any(
                    x in v
                    for x in ("expression", "url(", "javascript", "behavior", "-moz-binding", "@import")
                ):
                    found.append(f"{tag}@style {value!r:.60}")
            elif lname in URL_ATTRS:
                problem = url_problem(value, image=tag == "img" and lname == "src")
                if problem:
                    found.append(f"{tag}@{name}: {problem}")
            elif lname == "srcset":
                for candidate in value.split(","):
                    parts = candidate.split()
                    if parts and url_problem(parts[0], image=True):
                        found.append(f"{tag}@srcset: {parts[0]!r:.60}")
    return found


def problems_in_json(doc: dict[str, Any]) -> list[str]:
    """Unsafe URLs or unknown node types in a Document's JSON form."""
    found: list[str] = []
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "link" and url_problem(node.get("href", "")):
                found.append(f"link {node.get('href')!r:.60}")
            if node.get("type") == "image" and url_problem(node.get("src", ""), image=True):
                found.append(f"image {node.get('src')!r:.60}")
            if node.get("type") == "embed" and url_problem(node.get("url", "")):
                found.append(f"embed {node.get('url')!r:.60}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found
