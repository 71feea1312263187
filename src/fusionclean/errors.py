"""Exceptions and warnings raised by fusionclean.

Hierarchy::

    FusionCleanError                   root of everything fusionclean raises on purpose
    ├── ConfigError(ValueError)        bad or inconsistent options; raised when a step,
    │                                  pipeline or schema is built, never mid-run
    ├── UnknownNameError(LookupError)  unknown transform / preset / output format;
    │                                  the message lists the known names
    ├── InputError(ValueError)         input that is not what it claims to be: JSON that is
    │                                  not a post, bytes that are not text, an unreadable file
    │   └── LimitExceededError         input beyond a configured limit (size, nesting depth)
    └── ParseError(ValueError)         input that could not become a tree at all

    FusionCleanWarning(UserWarning)    legal but suspicious configuration

A wrong argument *type* is a plain :class:`TypeError` naming the type. Malformed *content*
never raises: the transform leaves the element as it was and reports a
:class:`fusionclean.Message`.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FusionCleanError",
    "FusionCleanWarning",
    "InputError",
    "LimitExceededError",
    "ParseError",
    "UnknownNameError",
]


class FusionCleanError(Exception):
    """Base class of every error fusionclean raises on purpose."""


class ConfigError(FusionCleanError, ValueError):
    """An option value is invalid or contradicts another option."""


class UnknownNameError(FusionCleanError, LookupError):
    """A transform, preset or output format name is not registered."""

    def __init__(self, kind: str, name: str, known: list[str] | tuple[str, ...]) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(sorted(known))
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(self.known)}")

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class InputError(FusionCleanError, ValueError):
    """The input is not what it claims to be (not a post, not text, not WXR...)."""


class LimitExceededError(InputError):
    """The input exceeds a configured limit such as maximum size or nesting depth."""


class ParseError(FusionCleanError, ValueError):
    """The input could not be turned into a tree at all."""


class FusionCleanWarning(UserWarning):
    """Legal but suspicious configuration (for example keeping ``style`` attributes)."""
