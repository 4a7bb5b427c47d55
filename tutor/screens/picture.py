"""`p` in a lab: save the lab's picture at this step as PNG and SVG, into a folder the student chooses.

The default folder is the current directory — on a classroom server
(DLTUTOR_CLASSROOM) the student's own folder under the data directory, beside
their exercises, and the student may choose only a folder inside it.  matplotlib is the `charts` extra: without it the key says
which install line is missing.  tutor/charts/lab_picture.py draws; only it
(inside tutor.charts) imports matplotlib, and only when the key is pressed.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tutor.locale import N_, t

INSTALL = "pip install 'dltutor[charts]'"


def default_folder(app) -> Path:
    """The current directory; the student's own folder on a classroom server."""
    from tutor.exercises.sandbox import in_classroom
    from tutor.screens.exercises import data_folder

    if in_classroom():
        return data_folder(app.store) / "pictures" / app.student
    return Path.cwd()


def chosen_folder(app, text: str) -> tuple[Path | None, str]:
    """The folder the student typed, or (None, why not).  On a classroom server only their own
    folder (or one inside it) is allowed: the server's account may write elsewhere, they may not."""
    from tutor.exercises.sandbox import in_classroom

    if not in_classroom():
        return Path(text).expanduser(), ""
    own = default_folder(app).resolve()
    folder = (own / text).resolve()          # a relative path is inside their folder; an absolute one is checked
    if folder != own and own not in folder.parents:
        return None, t("In the classroom, pictures are saved in your own folder {folder} (or a folder inside it)",
                       folder=str(own))
    return folder, ""


def missing_matplotlib() -> str:
    """The message when the charts extra is not installed, else ""."""
    if importlib.util.find_spec("matplotlib") is not None:
        return ""
    return t("Saving a picture needs matplotlib, which is not installed; install it with: {command}",
             command=INSTALL)


def save(parts: list, folder: Path, stem: str, title: str, lang: str) -> tuple[list[Path], str]:
    """(files written, "") or ([], the reason in the student's words); never raises."""
    from tutor.charts.fonts import NoCJKFont
    from tutor.charts.lab_picture import save_picture

    try:
        return save_picture(parts, folder, stem, title, lang), ""
    except NoCJKFont as exc:
        return [], str(exc)
    except OSError as exc:
        return [], t("cannot write the picture to {path}: {reason}", path=str(folder),
                     reason=exc.strerror or str(exc))


class PictureFolderScreen(ModalScreen[str | None]):
    """Asks for the folder, prefilled with the default: Enter saves, Escape does not."""

    DEFAULT_CSS = """
    PictureFolderScreen { align: center middle; }
    PictureFolderScreen > Vertical { width: 70; max-width: 95%; height: auto; padding: 1 2;
                                     border: thick $primary; background: $surface; }
    PictureFolderScreen #picture-keys { margin: 1 0 0 0; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self):
        with Vertical():
            yield Static(t("Save the picture (PNG and SVG) into this folder:"), markup=False)
            yield Input(str(self.folder), id="picture-folder")
            yield Static(t("Enter: save · Escape: cancel"), id="picture-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or str(self.folder))

    def action_cancel(self) -> None:
        self.dismiss(None)
