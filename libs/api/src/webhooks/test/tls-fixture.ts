/**
 * A self-signed certificate for `hooks.example.test` (P-256, valid 2020-2120; also its own CA),
 * for tests of the TLS path only: SNI, Host and certificate checks against the name while the
 * connection goes to the checked address.
 */
export const TLS_HOST = 'hooks.example.test';

export const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgNGoFWcWqTty5acwR
lgc5s4bBpeMvhZOZVmUnVY1IiGyhRANCAAR9vTTPzRCRIxvVQSuQYjtIm7RDING6
fIkV+V16O1B26E8dtUapH4Nl7KTMhmAZOkZGa3vx0k4Cy0o+wZgC8xKj
-----END PRIVATE KEY-----
`;

export const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBoTCCAUegAwIBAgIBATAKBggqhkjOPQQDAjAdMRswGQYDVQQDDBJob29rcy5l
eGFtcGxlLnRlc3QwIBcNMjAwMTAxMDAwMDAwWhgPMjEyMDAxMDEwMDAwMDBaMB0x
GzAZBgNVBAMMEmhvb2tzLmV4YW1wbGUudGVzdDBZMBMGByqGSM49AgEGCCqGSM49
AwEHA0IABH29NM/NEJEjG9VBK5BiO0ibtEMg0bp8iRX5XXo7UHboTx21Rqkfg2Xs
pMyGYBk6RkZre/HSTgLLSj7BmALzEqOjdjB0MB0GA1UdEQQWMBSCEmhvb2tzLmV4
YW1wbGUudGVzdDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIChDATBgNV
HSUEDDAKBggrBgEFBQcDATAdBgNVHQ4EFgQUNdJdYYgxZffsB3mjCHseivrM4eAw
CgYIKoZIzj0EAwIDSAAwRQIhAJrht8iPURJijiqthe2p+n5bgmyiLqN1af12FrhE
LfH3AiAROsCzwkHFXbGP5/nsSRC6gvveWNDj6XxwMBWlHKWZbg==
-----END CERTIFICATE-----
`;
