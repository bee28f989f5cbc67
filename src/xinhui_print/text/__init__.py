"""Text utilities shared by every stage: character classes and punctuation."""
