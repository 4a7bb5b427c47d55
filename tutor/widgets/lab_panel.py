"""What a lab's panel tells the lab screen: messages up, never a reach into its siblings.

A panel widget mixes in `LabPanel` and posts `self.SettingsChanged()` when one of
its keys changed the lab's settings; the message bubbles up to the LabScreen
(tutor/screens/lab.py), which restarts the Stepper's run and shows the new
settings in its header.

Attributes down: when the Stepper starts or pauses (`Stepper.RunningChanged`),
the lab screen sets `running` on every LabPanel; a panel that trains in the
background meanwhile (the playground's) makes it a reactive and starts or
cancels its worker in `watch_running`.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


class LabPanel:
    """Mixin for a lab's panel widgets: the messages they post to the lab screen."""

    running = False
    """The stepper is running (set by the lab screen)."""

    @dataclass
    class SettingsChanged(Message):
        """A panel's key changed `lab.values`: the run starts again with them.

        Handled by `LabScreen.on_lab_panel_settings_changed`."""
