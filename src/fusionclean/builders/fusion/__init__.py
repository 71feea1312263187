"""Avada's Fusion Builder (Avada Builder): the first profile."""
