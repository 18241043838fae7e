"""What every surface shares, below every app: the GOV.UK form kit and
error summary, API schema types, downloads, query-string and path parsing."""
