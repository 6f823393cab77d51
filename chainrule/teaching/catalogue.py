"""Where the lessons are, what they are called, and loading one.

The lessons are plain scripts, ``lessons/NN_name.py``, each building a ``Lesson`` called
``lesson``. A wheel carries them inside the package (``chainrule/lessons``); a source checkout
keeps them at the top of the repository. Titles are read from each script's docstring without
running it, so listing them is quick.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from chainrule.errors import ChainruleError

_NAME = re.compile(r"^(\d\d)_\w+\.py$")


class LessonError(ChainruleError):
    """A lesson number with no lesson, or a lesson script that builds none."""


@dataclass(frozen=True)
class Entry:
    number: int
    title: str
    path: Path


def folder() -> Path:
    """The lessons: inside the installed package, else beside it in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "lessons"
    return inside if inside.is_dir() else package.parent / "lessons"


def entries() -> list[Entry]:
    """Every lesson, by number."""
    found = []
    place = folder()
    for path in sorted(place.glob("*.py")) if place.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            found.append(Entry(int(match.group(1)), _title(path), path))
    return found


def _title(path: Path) -> str:
    """ "The chain rule" from a docstring that starts "Lesson 2: The chain rule …"."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or path.stem
    first = doc.strip().splitlines()[0]
    return re.sub(r"^Lesson \d+\s*[:·.-]\s*", "", first).rstrip(".")


def load(number: int):
    """The ``Lesson`` that lesson ``number``'s script builds (its numbers computed now)."""
    import runpy

    from chainrule.teaching.lesson import Lesson

    known = entries()
    entry = next((e for e in known if e.number == number), None)
    if entry is None:
        have = ", ".join(str(e.number) for e in known) or "none"
        raise LessonError(f"there is no lesson {number} (the lessons are {have})")
    names = runpy.run_path(str(entry.path), run_name="chainrule.lesson")
    lesson = names.get("lesson")
    if not isinstance(lesson, Lesson):
        raise LessonError(f"{entry.path.name} builds no Lesson called lesson")
    return lesson
