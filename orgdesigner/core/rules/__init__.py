"""The rule engine: every rule of the catalogue, by ID, over the document model."""

from .engine import Finding, Report, Validator, effective_params, merge_rules, validate

__all__ = ["Finding", "Report", "Validator", "effective_params", "merge_rules", "validate"]
