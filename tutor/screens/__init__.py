"""The app's screens, one per file; each is imported when first opened."""
