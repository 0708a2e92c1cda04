"""Measure: overlap, relation and direction of a pair (stance and bias live in measure.stance)."""
