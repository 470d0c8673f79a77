-- ipcity's database on PostgreSQL (≥ 14; Debian 12 ships 15): run as the postgres superuser,
--   sudo -u postgres psql -v password='a-long-password' -f /opt/ipcity/deploy/postgresql/setup.sql
-- then put the same password in DATABASE_URL of /etc/ipcity/ipcity.env.
CREATE ROLE ipcity LOGIN PASSWORD :'password';
CREATE DATABASE ipcity OWNER ipcity ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';
\connect ipcity
-- PostgreSQL 15 no longer lets every role create objects in "public": give it to the owner.
ALTER SCHEMA public OWNER TO ipcity;
