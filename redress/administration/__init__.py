"""The administrator's pages: users and teams, the calendar, and the landlord's settings."""
