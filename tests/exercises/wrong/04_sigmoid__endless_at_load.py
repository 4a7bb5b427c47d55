"""Wrong on purpose: an endless loop outside any function."""

while True:
    pass
