"""Key labels in the student's language: every screen is a TutorScreen, whose
`active_bindings` (what Textual's Footer and our KeyBar read) carries translated
labels, whichever part declared the key (screen, stepper, lab link, a lab panel, the app)."""
from __future__ import annotations

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tutor.locale import PSEUDO, using
from tutor.widgets.keybar import KeyBar

from app_helpers import SIZE, make_app, settle


def footer_labels(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey) if key.description]


def keybar_labels(app) -> list[str]:
    return [description for _, _, description, _ in app.screen.query_one(KeyBar).items]


async def test_the_footer_speaks_chinese(store):
    app = make_app(lang="zh", store=store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")           # the help screen has Textual's own Footer
        await settle(pilot)
        labels = footer_labels(app)
        assert "关闭" in labels and "主题" in labels and "跳转" in labels     # the screen's, the app's, Textual's
        assert not {"Close", "Theme", "palette"} & set(labels)


class Panel(Static):
    """A lab panel with a key of its own, described by an N_-marked id as the labs do."""
    KEYS = [("h", "left", "Point ←")]

    def action_left(self) -> None:
        pass


async def test_every_key_label_comes_from_the_catalogs(store):
    """In the pseudo-language every translated text is marked ⟦…⟧: a label without the
    marks bypassed the catalogs."""
    from tutor.screens.lab import LabScreen

    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        with using(PSEUDO):
            app.screen.refresh_bindings()
            await settle(pilot)
            shown = {"home": keybar_labels(app)}
            await pilot.press("enter", "right", "right")     # Slopes and tangents, page 3: a lab block
            await settle(pilot)
            await pilot.press("tab")                          # the lab link focused
            await settle(pilot)
            assert app.screen.focused is not None and type(app.screen.focused).__name__ == "LabLink"
            shown["lesson"] = keybar_labels(app)
            app.push_screen(LabScreen("demo", make_run=lambda: iter(()), panels=[Panel()]))
            await settle(pilot)                      # the stepper focused, the panel's key beside its own
            shown["lab"] = keybar_labels(app)
            await pilot.press("question_mark")
            await settle(pilot)
            shown["help"] = footer_labels(app)
        for where, labels in shown.items():
            assert labels, where
            unmarked = [label for label in labels if not (label.startswith("⟦") and label.endswith("⟧"))]
            assert not unmarked, (where, unmarked)
        assert "⟦Open lab⟧" in shown["lesson"] and "⟦Step⟧" in shown["lab"] and "⟦Point ←⟧" in shown["lab"]


async def test_the_labels_follow_a_change_of_language(store):
    app = make_app(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Quit" in keybar_labels(app)
        app.change_language("zh")
        await settle(pilot)
        assert "退出" in keybar_labels(app) and "Quit" not in keybar_labels(app)
