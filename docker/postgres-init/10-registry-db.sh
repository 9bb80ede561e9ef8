#!/bin/sh
# Runs once, when PostgreSQL initialises an empty data volume (docker-entrypoint-initdb.d): creates the Schema
# Registry's own database and role, so the registry's tables never share a database with the pool's read model.
# The role's password comes from the registry_db_password secret, never from the compose file.
set -eu
registry_password="$(cat /run/secrets/registry_db_password)"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v registry_password="$registry_password" <<'SQL'
CREATE ROLE registry LOGIN PASSWORD :'registry_password';
CREATE DATABASE registry OWNER registry;
SQL
