"""orgdesigner: a desktop studio for designing organisations.

Draft reorganisations between the single-threaded-owner structure and the
functional hierarchies, validated live against agreed principles.
"""

__version__ = "0.1.0"
