"""The development settings, with static files collected into BENCH_STATIC_ROOT so whitenoise serves the baseline."""

import os

from fairfield.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
