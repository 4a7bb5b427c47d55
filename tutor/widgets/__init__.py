"""The app's widgets, one per file.

Import them from their own modules (`from tutor.widgets.stepper import
Stepper`): this package imports nothing, so the home screen never pays for
plotting or NumPy.
"""
