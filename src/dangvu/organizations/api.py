"""API viewsets of this app, registered on the /api/v1/ router."""
