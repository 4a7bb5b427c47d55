"""Which language a command starts in: `--lang`, else the locale of the environment.

The answer is one of `tutor.locale.languages()` (English plus every catalog
folder), so a new language needs no change here.  The caller passes it to
`tutor.locale.set_language`.
"""
from __future__ import annotations

import os
from typing import Mapping

from tutor.locale import PSEUDO, SOURCE, languages, t

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")   # the order POSIX reads them in


def _code(value: str) -> str:
    """"zh_CN.UTF-8", "zh-Hans", "ZH" -> "zh"."""
    return value.strip().lower().split(".")[0].replace("_", "-").split("-")[0]


def from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the first locale variable that is set names (English if we have no
    catalogs for it); None when none is set."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            code = _code(value)
            return code if code in languages() else SOURCE
    return None


def choose_lang(arg: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The --lang argument if given (ValueError if we have no such language), else the locale's."""
    if arg:
        code = _code(arg)
        if code not in languages() and code != PSEUDO:
            raise ValueError(t("unknown language {lang}: choose one of {languages}",
                               lang=repr(arg), languages=", ".join(languages())))
        return code
    return from_environment(environ) or SOURCE
