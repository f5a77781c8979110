"""Alembic environment for veille.

The connection comes from the caller (`veille db ...` passes its engine), or, for plain
`alembic upgrade head` from the repository root, from VEILLE_DATABASE_URL / DATABASE_URL,
else the embedded server: the same resolution as the CLI.
"""

from logging.config import fileConfig

from alembic import context

from veille.schema import metadata

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from veille.config import open_database

        engine = open_database().engine
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True,
                          transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("veille migrations run online only: use `veille db upgrade`")
run_migrations_online()
