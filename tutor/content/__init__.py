"""Lessons as data: the model, the loader and `dltutor check` (see docs/ARCHITECTURE.md)."""
from tutor.content.loader import find_lesson, load_lesson, load_lessons
from tutor.content.model import Block, Lesson, LessonError, Page, UnknownLesson

__all__ = ["Block", "Page", "Lesson", "LessonError", "UnknownLesson",
           "load_lesson", "load_lessons", "find_lesson"]
