"""Wrong on purpose: an endless loop outside any function."""
import numpy as np

while True:
    pass
