"""Bytes from the student's terminal that are not UTF-8 must not end the session.

Textual's Linux driver decodes the terminal's input with a strict UTF-8
decoder, so a single Latin-1 "é" (byte 0xE9, from a terminal set to another
encoding) raises UnicodeDecodeError in its input thread and the app dies
with a traceback.  `serve ssh` repairs the bytes before they reach the app;
this does the same for every other way in (the school's OpenSSH, a local
terminal): the driver's decoder replaces what it cannot read with U+FFFD.

Checked against Textual 8 (textual/drivers/linux_driver.py imports
`getincrementaldecoder` and calls `getincrementaldecoder("utf-8")()`);
tests/e2e/test_invalid_utf8.py fails if that changes.
"""
from __future__ import annotations

import codecs
import functools


def _replacing_decoder(encoding: str):
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def tolerate_invalid_utf8() -> bool:
    """Make the terminal driver replace undecodable bytes; False if it is not the driver we know."""
    try:
        from textual.drivers import linux_driver
    except ImportError:          # Windows: a different driver, which reads characters, not bytes
        return False
    if getattr(linux_driver, "getincrementaldecoder", None) is not codecs.getincrementaldecoder:
        return getattr(linux_driver, "getincrementaldecoder", None) is _replacing_decoder
    linux_driver.getincrementaldecoder = _replacing_decoder
    return True
