"""Bulk work: records from files, directories, JSON lists, JSONL and WXR exports, and
``clean_many`` — lazy, ordered, constant-memory, optionally over a process pool.

Failures are isolated: a record that cannot be cleaned becomes a result with ``error`` set
and the run goes on, so records in = results out, always. Records left out by choice —
unpublished or password-protected posts, post types other than posts and pages, symbolic
links in folders — become results with ``skipped`` set, so a run can count them.
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from ._api import OUTPUTS, _pipeline, convert
from ._parse import Limits
from ._pipeline import Pipeline
from .emit import get_emitter
from .errors import FusionCleanError, InputError
from .sources.wordpress import is_rest_post, loads_json

__all__ = ["CleanResult", "Record", "clean_many", "iter_records"]


@dataclass(frozen=True, slots=True)
class Record:
    """One unit of bulk work: an id, what ``clean()`` accepts, and where it came from.

    ``error`` is set for input that could not even be read as a record (a JSONL line that
    is not JSON); such a record becomes an error result. ``skipped`` says why a record was
    left out by choice (``"status: draft"``, ``"type: fusion_element"``,
    ``"password-protected"``, ``"symbolic link"``); its ``source`` is then ``None``.
    """

    id: str
    source: Any
    origin: str = ""
    error: str | None = None
    skipped: str | None = None


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The outcome of one record: its output and messages, or its error."""

    id: str
    origin: str
    output: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    error_type: str | None = None
    #: Why the record was left out by choice (see :class:`Record`); ``output`` is then None.
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        """True when the record was cleaned or left out by choice (not failed)."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """One JSONL line's worth: id, meta, output, messages (or error, or skipped)."""
        out: dict[str, Any] = {"id": self.id, "origin": self.origin}
        if self.skipped is not None:
            out.update(skipped=self.skipped)
        elif self.error is not None:
            out.update(error_type=self.error_type, error=self.error)
        else:
            out.update(meta=self.meta, output=self.output, messages=self.messages)
        return out


def _record_id(data: Mapping[str, Any], fallback: str) -> str:
    for key in ("id", "slug"):
        value = data.get(key)
        if isinstance(value, (int, str)) and not isinstance(value, bool) and str(value):
            return str(value)
    return fallback


def _records_from_json(data: Any, origin: str) -> Iterator[Record]:
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        rid = (
            _record_id(item, f"{Path(origin).stem}#{i}")
            if isinstance(item, Mapping)
            else f"{Path(origin).stem}#{i}"
        )
        if is_rest_post(item):
            yield Record(rid, item, origin)
        else:
            yield Record(rid, item, origin, error="JSON record is not a WordPress REST post")


def _records_from_jsonl(lines: Iterable[str], origin: str) -> Iterator[Record]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fallback = f"{Path(origin).name}:{number}"
        try:
            data = loads_json(line)
        except json.JSONDecodeError as exc:
            yield Record(fallback, None, origin, error=f"line {number} is not JSON: {exc.msg}")
            continue
        if isinstance(data, Mapping) and is_rest_post(data):
            yield Record(_record_id(data, fallback), data, origin)
        else:
            yield Record(fallback, data, origin, error=f"line {number} is not a WordPress REST post")


def _records_from_file(path: Path) -> Iterator[Record]:
    suffix = path.suffix.lower()
    origin = str(path)
    if suffix == ".jsonl":
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from _records_from_jsonl(fh, origin)
        return
    if suffix == ".json":
        try:
            data = loads_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            yield Record(path.stem, None, origin, error=f"cannot read JSON: {exc}")
            return
        yield from _records_from_json(data, origin)
        return
    if suffix == ".xml":
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
        from .sources.wxr import is_wxr, load_wxr

        if is_wxr(head):
            try:
                for item in load_wxr(path):
                    yield Record(
                        str(item.id) if item.id is not None else item.meta.slug or "?",
                        item.narrowed(),
                        origin,
                    )
            except InputError as exc:
                yield Record(f"{path.name}:malformed", None, origin, error=str(exc))
            return
    yield Record(path.stem, path, origin)


#: The post types batch work takes unless told otherwise.
DEFAULT_TYPES: Final = frozenset({"post", "page"})
#: The statuses batch work takes unless told otherwise: what a visitor sees.
DEFAULT_STATUSES: Final = frozenset({"publish"})
#: Pass as ``types=`` or ``statuses=`` to take every one.
ALL: Final = "all"

Selection = Iterable[str] | Literal["all"] | None


def iter_records(
    *sources: Any,
    glob: str = "*",
    types: Selection = None,
    statuses: Selection = None,
    include_protected: bool = False,
    follow_symlinks: bool = False,
) -> Iterator[Record]:
    """Expand inputs into records, lazily.

    By default only what a visitor of the site sees is taken: published posts and pages
    that no password protects. A record left out is still yielded, with ``skipped`` set
    and no source, so that a run can count it. Records that name no type or status (an
    HTML file, a shortcode text) and records in error are always taken.

    Args:
        *sources: ``os.PathLike`` paths (files or directories, searched recursively with
            ``glob``), REST post dicts, lists of them, WXR items, or strings of
            HTML/shortcodes. A ``str`` is always content, never a file name (as for
            :func:`fusionclean.clean`): pass ``pathlib.Path`` objects to read files.
        glob: File pattern used inside directories (e.g. ``"*.html"``).
        types: Take only posts of these types (default ``{"post", "page"}``; ``"all"``
            for every type): a REST post's ``type``, a WXR item's ``post_type``.
        statuses: Take only posts of these statuses (default ``{"publish"}``; ``"all"``
            for every status; drafts, private and scheduled posts get ``draft: true`` in
            Markdown front matter).
        include_protected: Take password-protected posts too.
        follow_symlinks: Read symbolic links met inside directories (by default they are
            skipped: a link can point anywhere on the machine). A path given directly is
            always read.

    Yields:
        :class:`Record` objects; JSON lists, JSONL lines and WXR items each become one.
    """
    records = _expand(sources, glob, follow_symlinks)
    return select(records, types=types, statuses=statuses, include_protected=include_protected)


def _selection(value: Selection, default: frozenset[str], name: str) -> frozenset[str] | None:
    if value is None:
        return default
    if value == ALL:
        return None
    if isinstance(value, str):
        raise TypeError(f'{name} must be a collection of names or "all", not a string')
    return frozenset(value)


def select(
    records: Iterable[Record],
    *,
    types: Selection = None,
    statuses: Selection = None,
    include_protected: bool = False,
) -> Iterator[Record]:
    """``records``, those left out marked ``skipped`` (see :func:`iter_records`)."""
    wanted_types = _selection(types, DEFAULT_TYPES, "types")
    wanted_statuses = _selection(statuses, DEFAULT_STATUSES, "statuses")
    for record in records:
        if record.error is not None or record.skipped is not None:
            yield record
            continue
        kind, status, protected = _post_facts(record.source)
        why = None
        if wanted_types is not None and kind is not None and kind not in wanted_types:
            why = f"type: {kind}"
        elif wanted_statuses is not None and status is not None and status not in wanted_statuses:
            why = f"status: {status}"
        elif protected and not include_protected:
            why = "password-protected"
        yield record if why is None else Record(record.id, None, record.origin, skipped=why)


def _post_facts(source: Any) -> tuple[str | None, str | None, bool]:
    """A record's post type, status and whether a password protects it (None: not named)."""
    from .sources.wxr import WxrItem

    if isinstance(source, WxrItem):
        return source.meta.type, source.meta.status, source.meta.password_protected
    if isinstance(source, Mapping):
        kind = source.get("type")
        status = source.get("status")
        content = source.get("content")
        protected = isinstance(content, Mapping) and bool(content.get("protected"))
        return (
            kind if isinstance(kind, str) else None,
            status if isinstance(status, str) else None,
            protected,
        )
    return None, None, False


def _walk(root: Path, glob: str, follow_symlinks: bool) -> Iterator[tuple[Path, bool]]:
    """The files under ``root`` whose name (or path below ``root``) matches ``glob``, in
    sorted order, each with whether it is (or lies under) a symbolic link not followed."""
    seen = {os.path.realpath(root)}  # followed links never loop
    found: list[tuple[str, bool]] = []
    for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
        kept = []
        for name in dirs:
            full = os.path.join(folder, name)
            if os.path.islink(full):
                real = os.path.realpath(full)
                if not follow_symlinks:
                    found.append((full, True))
                    continue
                if real in seen:
                    continue
                seen.add(real)
            kept.append(name)
        dirs[:] = kept
        for name in files:
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, root)
            if fnmatch.fnmatch(name, glob) or fnmatch.fnmatch(relative, glob):
                link = os.path.islink(full)
                if link and follow_symlinks and not os.path.isfile(full):
                    continue  # a dangling link
                found.append((full, link and not follow_symlinks))
    for file, link in sorted((Path(full), link) for full, link in found):  # as Path sorts (by part)
        yield file, link


def _expand(sources: tuple[Any, ...], glob: str, follow_symlinks: bool = False) -> Iterator[Record]:
    from .sources.wxr import WxrItem

    for n, source in enumerate(sources):
        if isinstance(source, os.PathLike):  # a str is content, as for clean(): never a file
            path = Path(source)
            if path.is_dir():
                for file, link in _walk(path, glob, follow_symlinks):
                    if link:
                        yield Record(str(file), None, str(file), skipped="symbolic link")
                    else:
                        yield from _records_from_file(file)
            elif path.is_file():
                yield from _records_from_file(path)
            else:
                yield Record(str(path), None, str(path), error=f"no such file or directory: {path}")
        elif isinstance(source, list):
            yield from _records_from_json(source, f"<list {n}>")
        elif isinstance(source, Mapping):
            yield Record(_record_id(source, f"record-{n}"), source, "<dict>")
        elif isinstance(source, WxrItem):
            yield Record(str(source.id), source, "<wxr>")
        elif isinstance(source, Record):
            yield source
        else:
            yield Record(f"record-{n}", source, "<input>")


@dataclass(frozen=True, slots=True)
class _Job:
    output: str
    preset: str | Pipeline
    base_url: str | None
    limits: Limits | None
    emitter_options: tuple[tuple[str, Any], ...]


def _run_one(record: Record, job: _Job) -> CleanResult:
    if record.skipped is not None:
        return CleanResult(record.id, record.origin, None, skipped=record.skipped)
    if record.error is not None:
        return CleanResult(record.id, record.origin, None, error=record.error, error_type="InputError")
    try:
        conversion = convert(record.source, preset=job.preset, base_url=job.base_url, limits=job.limits)
        text = get_emitter(job.output, **dict(job.emitter_options)).emit(conversion.document)
    except (FusionCleanError, TypeError, ValueError, OSError, RecursionError, MemoryError) as exc:
        return CleanResult(record.id, record.origin, None, error=str(exc), error_type=type(exc).__name__)
    return CleanResult(
        record.id,
        record.origin,
        text,
        conversion.document.meta.to_dict(),
        [m.to_dict() for m in conversion.messages],
    )


def clean_many(
    records: Iterable[Any],
    *,
    workers: int | None = 1,
    output: str = "html",
    preset: str | Pipeline = "default",
    base_url: str | None = None,
    limits: Limits | None = None,
    window: int | None = None,
    batch_size: int = 16,
    types: Selection = None,
    statuses: Selection = None,
    include_protected: bool = False,
    follow_symlinks: bool = False,
    **emitter_options: Any,
) -> Iterator[CleanResult]:
    """Clean many records; yield results lazily, in input order, with constant memory.

    Args:
        records: Records, or anything :func:`iter_records` accepts item by item (paths,
            REST dicts, WXR items...). A generator is consumed as results are produced.
            Records are cleaned as they are (``types``, ``statuses`` and the like choose
            among the records of the other items).
        workers: Processes to use; ``1`` (default) runs in this process, ``None`` or ``0``
            uses every CPU.
        output: As for :func:`fusionclean.clean`.
        preset: As for :func:`fusionclean.clean`.
        base_url: As for :func:`fusionclean.clean`.
        limits: As for :func:`fusionclean.clean`.
        window: Batches in flight at once (default ``4 × workers``): bounds memory.
        batch_size: Records sent to a worker process at a time.
        types: Clean only posts of these types (default ``{"post", "page"}``, ``"all"``
            for every type; see :func:`iter_records`).
        statuses: Clean only posts of these statuses (default ``{"publish"}``, ``"all"``
            for every status).
        include_protected: Clean password-protected posts too.
        follow_symlinks: Read symbolic links met inside directories.
        **emitter_options: Passed to the emitter (e.g. ``front_matter=True``).

    Yields:
        One :class:`CleanResult` per record, failures (``result.error``) and records left
        out (``result.skipped``) included.
    """
    if output not in OUTPUTS:
        get_emitter(output)  # raises UnknownNameError with the known names
    _pipeline(preset)  # check the preset name before any work starts
    job = _Job(output, preset, base_url, limits, tuple(sorted(emitter_options.items())))
    choice = {"types": types, "statuses": statuses, "include_protected": include_protected}
    stream = _as_records(records, choice, follow_symlinks)
    n = workers or (os.cpu_count() or 1)
    if n <= 1:
        for record in stream:
            yield _run_one(record, job)
        return
    # records travel in small batches: one task per record costs more in inter-process
    # traffic than a small post costs to clean
    size = window or 4 * n
    with ProcessPoolExecutor(max_workers=n) as pool:
        pending: deque[Future[list[CleanResult]]] = deque()
        batch: list[Record] = []
        for record in stream:
            batch.append(record)
            if len(batch) >= batch_size:
                pending.append(pool.submit(_run_batch, batch, job))
                batch = []
                if len(pending) >= size:
                    yield from pending.popleft().result()
        if batch:
            pending.append(pool.submit(_run_batch, batch, job))
        while pending:
            yield from pending.popleft().result()


def _run_batch(records: list[Record], job: _Job) -> list[CleanResult]:
    return [_run_one(record, job) for record in records]


def _as_records(items: Iterable[Any], choice: dict[str, Any], follow_symlinks: bool) -> Iterator[Record]:
    """Records as given (:func:`iter_records` chose them already), and the records of
    anything else, chosen as ``choice`` says."""
    for item in items:
        if isinstance(item, Record):
            yield item
        else:
            yield from select(_expand((item,), "*", follow_symlinks), **choice)
