"""One module per exercise: `cases()` builds the checked calls with the engine as the reference.

Each also names the known mistakes of its exercise: what a common wrong
solution returns (computed here) and the sentence that names it.
"""
