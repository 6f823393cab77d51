"""Test settings shared by the whole suite."""

import os

from hypothesis import settings

# Locally, hypothesis explores new examples on every run (that is how it finds bugs). On CI the
# same examples run every time, so a red build always means a change broke something; whatever
# the local runs find is added to the tests by hand.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
