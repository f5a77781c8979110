"""The only code that writes to the database (besides the Alembic migrations): one module per
family of tables. Callers hand it plain data and settings; it imports nothing of veille above
`veille.schema`."""
