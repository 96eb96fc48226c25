"""Benchmarks: each module measures our code against a bare baseline in the same run."""
