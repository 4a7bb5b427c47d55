"""Exercises: a student writes the maths of deep learning in NumPy, the engine checks it.

    catalog.py   the exercises in the lessons' order          stubs/      what a student completes
    checks/      per exercise: the engine's answers and the known mistakes
    runner.py    runs a student's file in a child process (child/harness.py), with limits
    sandbox.py   bubblewrap: required on a classroom server (DLTUTOR_CLASSROOM=1)
    compare.py   says what is wrong in the student's terms      judge.py   the verdict
    check.py     the whole round trip                          cli.py     `dltutor exercises …`

A student's code is never imported into dltutor's own process.
"""
