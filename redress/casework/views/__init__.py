"""Staff pages. Views stay thin: selectors read, services change, `Refused` shows on the form."""
