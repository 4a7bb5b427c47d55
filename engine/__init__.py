"""dltutor's engine: a small, readable NumPy deep-learning library.

Pure NumPy. It never imports textual, rich or tutor, so a student can use it
from a script or a notebook with no terminal at all.
"""
