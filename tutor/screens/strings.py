"""The words on the app's own screens, in English and Chinese.

Lesson text comes from the lesson files; these are only the app's labels.
Kept here (not in tutor/i18n.py) so the screens load nothing else.
"""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "dltutor",
        "home_heading": "Lessons",
        "in_english": " (English)",
        "quiz_best": "quiz {score}",
        "home_hint": "↑/↓ choose · Enter opens · ? every key · ctrl+p jump to a lesson or lab",
        "continue": "Continue where you left off: {title}, page {page}/{pages}",
        "up_next": "Up next: {title}",
        "requires": "Before this lesson, read: {titles}",
        "chapter": "Chapter {n}",
        "no_lessons": "No lessons found.",
        "problems": "{n} lesson file(s) could not be read and are skipped:",
        "page": "page {page}/{pages}",
        "last_page": "This is the last page. Press q to go back.",
        "first_page": "This is the first page.",
        "analogy": "In plain words",
        "demo": "Picture",
        "open_lab": "Open the lab: {title}   ({spec})   press o or Enter",
        "no_quiz": "The quiz for this page is not available in this version.",
        "fallback": "This lesson has no English version yet.",
        "quiz_failed": "The quiz could not be shown: {reason}",
        "lab_missing": "The lab {name!r} cannot be opened: {reason}",
        "progress_failed": "Progress could not be saved: {reason}",
        "progress_off": "Progress is not being saved: {reason}",
        "lesson_missing": "No lesson {id!r}.",
        "too_small": "Please enlarge the terminal to at least {w}×{h}.\n(now {cw}×{ch})",
        "help_title": "Keys",
        "progress_title": "Progress of {student}",
        "progress_none": "Nothing yet: open a lesson from the home screen.",
        "col_lesson": "Lesson",
        "col_pages": "Pages seen",
        "col_quiz": "Quiz best / last",
        "stepper_idle": "step {step}  ·  {state}  ·  {speed} steps/s",
        "running": "running",
        "paused": "paused",
        "done": "Run finished ({n} steps). Press 0 to start again.",
        "diverged": "diverged at step {k}. Press 0 to start again, perhaps with a smaller rate.",
        "lab_error": "The lab stopped: {reason}",
        "panel_error": "A panel could not draw: {reason}",
        "history": "Recent steps",
        "empty_run": "This run has no steps.",
        "start": "Press space or → to take the first step.",
        "cmd_lesson": "Lesson: {title}",
        "cmd_lab": "Lab: {name}",
        "cmd_lesson_help": "Open this lesson",
        "cmd_lab_help": "Open this lab with its default settings",
        "name_title": "Welcome to dltutor",
        "name_help": "Type your name and press Enter. Your teacher sees your progress under this name.",
        "name_placeholder": "your name, e.g. li_lei",
        "name_empty": "Please type a name first.",
        "name_bad": "{name!r} can't be a name here: use letters, digits, '.', '_' or '-' (at most 32).",
    },
    "zh": {
        "app_title": "dltutor",
        "home_heading": "课程",
        "in_english": "（英文）",
        "quiz_best": "测验 {score}",
        "home_hint": "↑/↓ 选择 · 回车打开 · ? 所有按键 · ctrl+p 跳转到课程或实验",
        "continue": "从上次的位置继续：{title}，第 {page}/{pages} 页",
        "up_next": "下一课：{title}",
        "requires": "学这节课之前，请先读：{titles}",
        "chapter": "第 {n} 章",
        "no_lessons": "没有找到课程。",
        "problems": "{n} 个课程文件无法读取，已跳过：",
        "page": "第 {page}/{pages} 页",
        "last_page": "已经是最后一页。按 q 返回。",
        "first_page": "已经是第一页。",
        "analogy": "打个比方",
        "demo": "图示",
        "open_lab": "打开实验：{title}   （{spec}）   按 o 或回车",
        "no_quiz": "此版本中没有这一页的测验。",
        "fallback": "这节课还没有中文版，下面是英文原文。",
        "quiz_failed": "无法显示测验：{reason}",
        "lab_missing": "无法打开实验 {name!r}：{reason}",
        "progress_failed": "无法保存进度：{reason}",
        "progress_off": "进度不会被保存：{reason}",
        "lesson_missing": "没有课程 {id!r}。",
        "too_small": "请把终端放大到至少 {w}×{h}。\n（当前 {cw}×{ch}）",
        "help_title": "按键",
        "progress_title": "{student} 的进度",
        "progress_none": "还没有记录：请在首页打开一节课。",
        "col_lesson": "课程",
        "col_pages": "已读页数",
        "col_quiz": "测验 最好 / 最近",
        "stepper_idle": "第 {step} 步  ·  {state}  ·  每秒 {speed} 步",
        "running": "运行中",
        "paused": "已暂停",
        "done": "运行结束（共 {n} 步）。按 0 重新开始。",
        "diverged": "在第 {k} 步发散。按 0 重新开始，或许换一个更小的学习率。",
        "lab_error": "实验出错停止：{reason}",
        "panel_error": "有一个面板无法绘制：{reason}",
        "history": "最近几步",
        "empty_run": "这次运行没有任何步骤。",
        "start": "按空格或 → 走第一步。",
        "cmd_lesson": "课程：{title}",
        "cmd_lab": "实验：{name}",
        "cmd_lesson_help": "打开这节课",
        "cmd_lab_help": "用默认参数打开这个实验",
        "name_title": "欢迎使用 dltutor",
        "name_help": "输入你的名字，然后按回车。老师会在这个名字下看到你的学习进度。",
        "name_placeholder": "你的名字，例如 李雷",
        "name_empty": "请先输入名字。",
        "name_bad": "{name!r} 不能用作名字：只能用文字、数字、“.”、“_”或“-”（最多 32 个）。",
    },
}

# Every key the app answers to, for the help screen: (keys, en, zh).
KEYS: dict[str, list[tuple[str, str, str]]] = {
    "everywhere": [
        ("?", "this help", "本帮助"),
        ("q", "back (quit on the home screen)", "返回（在首页时退出）"),
        ("ctrl+p", "jump to any lesson or lab", "跳转到任意课程或实验"),
        ("t", "dark / light theme", "深色 / 浅色主题"),
        ("tab", "move between parts of the screen", "在屏幕各部分之间移动"),
    ],
    "home": [
        ("↑ ↓", "choose a lesson", "选择课程"),
        ("enter", "open it", "打开"),
        ("s", "your progress", "你的进度"),
    ],
    "lesson": [
        ("→ space n", "next page", "下一页"),
        ("← p", "previous page", "上一页"),
        ("j k", "scroll down / up", "向下 / 向上滚动"),
        ("o", "open the lab on this page", "打开本页的实验"),
    ],
    "lab": [
        ("space →", "one step", "走一步"),
        ("←", "one step back", "退回一步"),
        ("r", "run / pause", "运行 / 暂停"),
        ("+ -", "faster / slower", "加快 / 减慢"),
        ("0", "start again", "重新开始"),
    ],
    "quiz": [
        ("tab", "into the quiz, and between its parts", "进入测验，或在各部分之间移动"),
        ("1-9", "pick an option", "选择选项"),
        ("enter", "submit; again for the next question", "提交；再按一次到下一题"),
        ("escape", "leave the quiz (page keys work again)", "离开测验（翻页键恢复）"),
    ],
    "progress": [
        ("↑ ↓", "move through the lessons", "在课程之间移动"),
    ],
}

HEADINGS = {
    "everywhere": ("Everywhere", "任何地方"),
    "home": ("Home", "首页"),
    "lesson": ("Lesson", "课程"),
    "lab": ("Lab", "实验"),
    "quiz": ("Quiz (inside a lesson page)", "测验（在课程页面中）"),
    "progress": ("Progress", "进度"),
}

# Which group of keys belongs to which screen (shown first in the help).
SCREEN_GROUP = {"HomeScreen": "home", "LessonScreen": "lesson", "LabScreen": "lab",
                "ProgressScreen": "progress"}


# Footer labels (the English is the Binding's description).
BINDING_ZH = {
    "Quit": "退出", "Progress": "进度", "Help": "帮助", "Theme": "主题", "palette": "跳转",
    "Next": "下一页", "Prev": "上一页", "Scroll": "滚动", "Lab": "实验", "Home": "首页",
    "Back": "返回", "Close": "关闭", "Step": "走一步", "Run/pause": "运行/暂停",
    "Speed": "速度", "Slower": "减慢", "Reset": "重新开始", "Open lab": "打开实验",
    "Sort": "排序", "Refresh": "刷新",
}


def localize_bindings(node, lang: str) -> None:
    """Show the footer labels of `node` (a screen, widget or the app) in `lang`."""
    from dataclasses import replace

    words = BINDING_ZH if lang == "zh" else {zh: en for en, zh in BINDING_ZH.items()}
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=words.get(b.description, b.description)) for b in bindings]


def t(lang: str, key: str, **values) -> str:
    """The label `key` in `lang` (English if missing), with values put in."""
    table = TEXT.get(lang, TEXT["en"])
    text = table.get(key) or TEXT["en"].get(key, key)
    try:
        return text.format(**values) if values else text
    except (KeyError, IndexError, ValueError):
        return text
