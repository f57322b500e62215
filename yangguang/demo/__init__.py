"""Deterministic demo and benchmark data (演示数据) for Yangguang.

Not a Django app: pure generator code. ``generator.seed_demo`` writes a whole data set; the
``iter_*`` functions of ``generator`` yield unsaved model instances so that benchmarks can build
their own data with the same generator.
"""
