"""What runs in the child process beside a student's code.

These modules use NumPy and the standard library only, and never import
`tutor` or `engine`: the harness is started by path (`python -I harness.py`)
inside the sandbox, where dltutor itself is not importable.  dltutor imports
`wire` and `functions` from here too, so both sides speak the same format.
"""
