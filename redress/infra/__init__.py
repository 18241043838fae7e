"""The framework's plumbing that every app shares, below every app: mail
retries, the database router for the read replica, checks on uploaded files."""
