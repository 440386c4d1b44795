-- One database per service (ARCHITECTURE.md: each service owns its data). Run once, on an empty volume.
create database "auth-service";
create database "user-service";
create database "org-service";
create database "channel-service";
create database "messaging-service";
create database "file-service";
create database "call-service";
create database "admin-service";
create database keycloak;
