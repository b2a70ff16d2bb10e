-- A second factor is enrolled on the web only with an activation code an
-- admin gave the user (totp_activation.go): a password alone, stolen before
-- its owner enrolled, no longer lets a stranger bind their own phone to a
-- signer's account. The code's SHA-256 and when it stops working; '' when
-- none is open.
ALTER TABLE users ADD COLUMN totp_activation TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_activation_until TEXT NOT NULL DEFAULT '';
