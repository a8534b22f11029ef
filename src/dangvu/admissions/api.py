"""API viewsets of this area, registered on the /api/v1/ router."""
