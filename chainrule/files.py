"""What a path a learner named turns out to be, in words, for the commands that refuse
anything but a regular file (``--data`` to read, ``--svg``, ``--plot``, ``-o`` to write)."""

from __future__ import annotations

import stat


def kind(mode: int) -> str:
    """A file's kind from its ``st_mode``: "a folder", "a pipe (FIFO)", "a device", …"""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
