-- Operators (操作员) and their roles. With none defined kehu works as one
-- user named from the OS; once one exists, writes need a signed-in operator.
CREATE TABLE operator (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role = 'bookkeeper' OR role = 'supervisor'),
    -- argon2id, PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash)
    password_hash TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    retired_at    TEXT
);
