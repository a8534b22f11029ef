"""Annual review and quality ranking of members and party organisations (issue 6)."""
