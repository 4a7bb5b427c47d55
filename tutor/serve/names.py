"""Student names: the SSH login name becomes the student.

A name is only ever data (a parameter in SQL, an argument to a process), but
keys mode turns it into a file name, so we accept a conservative set.
"""
from __future__ import annotations

import re

from tutor.locale import t

# Letters (any script), digits, dot, underscore, hyphen; 1-32 characters;
# not starting with a dot or hyphen (no "..", no "-flag", no hidden files).
_NAME = re.compile(r"^(?![.-])[\w.-]{1,32}$")


def valid_student(name: str) -> bool:
    return bool(_NAME.fullmatch(name)) and ".." not in name


def explain_bad_name(name: str) -> str:
    return t("Sorry, {name} can't be used as a student name. Log in with letters, digits, "
             "'.', '_' or '-' (at most 32), e.g. ssh alice@host", name=repr(name))
