"""Serving a classroom: `dltutor serve ssh` (asyncssh) and `dltutor serve web` (textual-serve).

Everything here needs the `serve` extra: pip install 'dltutor[serve]'.
"""
