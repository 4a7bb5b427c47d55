"""A panel that raises: the student sees one short notice and the lab goes on, and the
test suite sees the bug (tests/panel_guard.py fails any test that did not opt out)."""
from __future__ import annotations

from engine.events import Event

from app_helpers import SIZE, make_app, screen_text, settle


def run():
    for k in range(4):
        yield Event("iteration", f"Iteration {k}", values={"x": k}, step=k)


class Broken:
    """A panel whose readout fails on every step (as after a bad refactor), its key and reset too."""

    KEYS = [("x", "boom", "boom")]

    def show(self, event, history):
        raise KeyError("readout")

    def action_boom(self):
        raise ZeroDivisionError("key")

    def reset(self):
        raise ValueError("reset")


async def test_a_panel_that_raises_is_a_notice_for_the_student_and_an_error_for_the_tests(panel_errors):
    app = make_app(lessons=[])
    async with app.run_test(size=SIZE) as pilot:
        from tutor.screens.lab import LabScreen

        await pilot.app.push_screen(LabScreen("fake", make_run=run, panels=[Broken()], title="Fake lab"))
        await settle(pilot)
        stepper = app.screen.query_one("#stepper")
        for _ in range(2):
            await pilot.press("space")
            await settle(pilot)
        assert stepper.cursor == 2                                  # the lab carries on
        notes = [n.message for n in app._notifications if "could not draw" in n.message]
        assert notes == ["A panel could not draw: KeyError: 'readout'"]   # once, in a line
        assert "Traceback" not in screen_text(app)
        await pilot.press("x", "0")
        await settle(pilot)
        assert "Traceback" not in screen_text(app)
    # each logged with its traceback; the step's error once, not once per step
    assert [r.exc_info[0] for r in panel_errors] == [KeyError, ZeroDivisionError, ValueError]
    assert "Broken failed" in panel_errors[0].getMessage()


def test_a_test_during_which_a_panel_raised_fails_unless_it_opts_out(pytester, panel_errors):
    """The inner run logs in this process too: this test opts out with `panel_errors`."""
    pytester.makeconftest('pytest_plugins = ["panel_guard"]')
    pytester.makepyfile(test_inner='''
        from tutor.widgets.guard import panel_failed

        def test_normal():
            panel_failed(object(), ValueError("readout gone"))

        def test_on_purpose(panel_errors):
            panel_failed(object(), ValueError("readout gone"))
            assert len(panel_errors) == 1
    ''')
    result = pytester.runpytest("-p", "no:xdist", "-p", "no:textual-snapshot")  # its session is global
    result.assert_outcomes(passed=2, errors=1)        # test_normal passes its body, fails at teardown
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_normal*", "*a panel raised*",
                                 "*ValueError: readout gone*"])
    assert len(panel_errors) == 2
