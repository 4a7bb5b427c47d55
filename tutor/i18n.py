"""Which language to speak, and the few words the command line says itself.

`choose_lang`: `--lang` wins; otherwise a locale (LC_ALL, LC_MESSAGES, LANG —
the first one set) starting with "zh" means Chinese; anything else English.
The app's screens keep their own labels in tutor/screens/strings.py.
"""
from __future__ import annotations

import os
from typing import Mapping

LANGS = ("en", "zh")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "fallback": "This lesson has no Chinese version yet; showing the English one.",
        "skipped": "{n} lesson file(s) could not be read and are skipped (run `dltutor check`):",
        "not_saved": "Progress is not being saved: {reason}. It is kept in memory for now; "
                     "saving will be tried again as you go.",
        "saving_again": "Saving works again: {n} change(s) kept in memory were written to {path}.",
        "moved_aside": "The progress file was damaged; it was moved to {path} and a new one started.",
        "no_app": "The full-screen app is not installed in this version; try `dltutor list` or `dltutor lab NAME --plain`.",
        "no_quiz": "Plain quizzes are not available in this version.",
        "no_lessons": "No lessons found.",
        "progress_empty": "No progress recorded yet for {student}.",
        "col_lesson": "lesson",
        "col_title": "title",
        "col_pages": "pages",
        "col_best": "best",
        "col_last": "last",
        "col_active": "last active",
        "next": "next",
        "back": "back",
        "quit": "quit",
        "help": "help",
    },
    "zh": {
        "fallback": "这一课还没有中文版，先显示英文版。",
        "skipped": "{n} 个课程文件无法读取，已跳过（运行 `dltutor check` 查看原因）：",
        "not_saved": "进度没有被保存：{reason}。暂时保存在内存中，之后会继续尝试保存。",
        "saving_again": "又可以保存了：内存中暂存的 {n} 项更改已写入 {path}。",
        "moved_aside": "进度文件已损坏，已移到 {path}，并新建了一个。",
        "no_app": "此版本没有安装全屏界面；可以试试 `dltutor list` 或 `dltutor lab 名称 --plain`。",
        "no_quiz": "此版本没有纯文本测验。",
        "no_lessons": "没有找到课程。",
        "progress_empty": "{student} 还没有学习记录。",
        "col_lesson": "课程",
        "col_title": "标题",
        "col_pages": "页数",
        "col_best": "最好",
        "col_last": "最近",
        "col_active": "最近学习",
        "next": "下一页",
        "back": "上一页",
        "quit": "退出",
        "help": "帮助",
    },
}


def choose_lang(arg: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """'en' or 'zh': the --lang argument if given, else from the locale."""
    if arg:
        lang = arg.strip().lower().replace("_", "-").split("-")[0]
        if lang not in LANGS:
            raise ValueError(f"unknown language {arg!r}: choose en or zh")
        return lang
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(key: str, lang: str = "en", **values: object) -> str:
    """A UI string in `lang` (English if missing there, the key itself if unknown)."""
    text = STRINGS.get(lang, {}).get(key) or STRINGS["en"].get(key) or key
    if values:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text
    return text
