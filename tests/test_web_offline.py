"""Offline and self-contained: no page refers to anything outside the server, and every asset
travels in the wheel."""

import importlib.util
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("starlette.testclient")  # with httpx2 (or httpx) behind it

from starlette.testclient import TestClient  # noqa: E402

from chainrule.web.app import create_app  # noqa: E402

PAGES = [
    "/explain",
    "/explain?f=log(2%2Bcos(x))",
    "/explain?f=log(2%2Bcos(x)",
    "/check",
    "/check?f=log(2%2Bcos(x))&working=1%2F(2%2Bcos+x)",
    "/practice?level=1&seed=1",
    "/practice?level=5&seed=2",
    "/lessons",
    *(f"/lessons/{n}?s={s}" for n in (1, 2, 4, 6) for s in (0, 1, 2)),
    "/network",
    "/network?train=1&steps=30",
    "/network?param=w1&cost=cross-entropy",
]

#: Attributes that make a browser fetch or go somewhere.
_FETCHING = {"src", "href", "action", "formaction", "srcset", "poster", "data", "xlink:href"}


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in _FETCHING and value is not None:
                self.found.append(value)


def _external(reference: str) -> bool:
    """A scheme (https:, data:, javascript:) or a host (//cdn…): anything but our own paths."""
    return bool(re.match(r"\s*([a-z][a-z0-9+.-]*:|[/\\]{2})", reference, re.I))


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=2, limit=10)) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_no_page_refers_to_anything_elsewhere(client, path):
    r = client.get(path)
    assert r.status_code in (200, 400), path
    parser = _References()
    parser.feed(r.text)
    assert parser.found, "every page has its style and script"
    outside = [ref for ref in parser.found if _external(ref)]
    assert outside == [], path
    assert "iframe" not in parser.tags and "embed" not in parser.tags


@pytest.mark.parametrize("name", ["site.css", "site.js", "document.css"])
def test_the_assets_fetch_nothing_from_elsewhere(client, name):
    text = client.get(f"/static/{name}").text
    assert not re.search(r"https?:|//[a-z]|@import|url\(", text, re.I)


def test_the_static_files_are_in_the_package():
    folder = Path(importlib.util.find_spec("chainrule.web").origin).parent / "static"
    assert {p.name for p in folder.iterdir()} >= {"site.css", "site.js"}


def test_the_wheel_carries_the_assets(tmp_path):
    pytest.importorskip("hatchling")
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("chainrule-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "chainrule/web/static/site.css" in names
    assert "chainrule/web/static/site.js" in names
    assert "chainrule/web/app.py" in names
