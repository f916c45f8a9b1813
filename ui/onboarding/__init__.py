"""Onboarding in the window: a new hire's "My onboarding", marketing's playlist editor and progress."""
