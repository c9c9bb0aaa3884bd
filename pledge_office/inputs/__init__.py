"""Inputs, all untrusted: safe YAML, logos, returned files and emails, the review reader, the councils sheet."""
