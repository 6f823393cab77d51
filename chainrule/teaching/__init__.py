"""Lessons: scripts that teach the course with live results, run in a terminal or handed out.

``Lesson`` is what a script builds; ``catalogue`` finds the scripts and loads one; ``runner``
runs one section by section, or renders it whole as a handout.
"""

from chainrule.teaching.catalogue import LessonError, entries, load
from chainrule.teaching.lesson import Lesson

__all__ = ["Lesson", "LessonError", "entries", "load"]
