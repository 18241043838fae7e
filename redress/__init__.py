"""Redress: complaint handling under the Housing Ombudsman's Complaint Handling Code."""
