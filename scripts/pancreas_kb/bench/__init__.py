"""`make bench`: the benchmark and its report."""
