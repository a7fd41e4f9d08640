"""Sample sections, articles and accounts that fill an empty site for demos and benchmarks (see load_demo)."""
