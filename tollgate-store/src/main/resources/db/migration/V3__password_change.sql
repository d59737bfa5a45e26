-- A password someone else chose or saw (the server's one-time admin password, an admin's reset) must be
-- replaced by its owner at the next login.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;
