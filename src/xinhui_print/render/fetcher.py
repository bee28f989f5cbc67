"""A URL fetcher that serves only the project's own files (layouts, fonts) and the report's images.

Report data is untrusted; even though templates escape it, the renderer refuses
any URL that is not a ``file:`` path inside the allowed folders, one of the images
the data names (checked by :mod:`.images`, served from memory), or an inline ``data:``
URL made by our own code: no network, no other local files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ForbiddenResource(ValueError):
    """Raised (and logged by WeasyPrint) when a document asks for a file it may not read."""


class ProjectFetcher(URLFetcher):
    """``roots``: folders whose files may be read; ``files``: resolved path → bytes of the
    data's images (the only files read from the data's folder)."""

    def __init__(self, roots: tuple[Path, ...], files: Mapping[str, bytes] | None = None):
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = tuple(root.resolve() for root in roots)
        self.files = dict(files or {})
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if str(path) in self.files:
                return URLFetcherResponse(url, body=self.files[str(path)])
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return URLFetcherResponse(url, body=path.read_bytes())
        self.refused.append(url)
        raise ForbiddenResource(f"refused to fetch {url}: outside the project's layout, font and data folders")
