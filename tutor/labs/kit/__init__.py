"""What the labs share: not a lab (the registry skips this package).

    lab.py        the contract: Lab, Param, LabError
    text.py       plain-text output: formula_text, pad, center, plus, print_events
    training.py   pieces the training labs share (epoch events, optimizers, confusion matrices)
    captions.py   the engine's words (event captions, why a run stopped) in the student's language
    views.py      small Textual pieces the views share (imported only by view modules)
    toggles.py    keys that change a lab's settings and restart its run (view modules only)
"""
