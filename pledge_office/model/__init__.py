"""The model: the pledge, the council, a review and its ratings, dates. Plain dataclasses."""
