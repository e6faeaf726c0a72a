// Example inputs for first-time visitors, made in the page by the engine itself (fresh random
// tokens every time) around one example CA certificate.
//
// EXAMPLE_CA_PEM: a self-signed ECDSA P-256 CA ("kubetoken-demo-ca", valid until 2126) made for
// this demo with openssl; its private key was discarded. It is an example input, not a secret.
export const EXAMPLE_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBnzCCAUWgAwIBAgIUezNBXCpxpOAk8B9X3mJwKvhJAPMwCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRa3ViZXRva2VuLWRlbW8tY2EwIBcNMjYxMTIyMDc0OTMwWhgP
MjEyNjEwMjkwNzQ5MzBaMBwxGjAYBgNVBAMMEWt1YmV0b2tlbi1kZW1vLWNhMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEjVv/f3zAMkKZcPWBUBgGCtKpLy+JDdr1
rpqj5RNp+owowDRrdOZEWcuOTvc0f/ne/7LdOvF7wZmnGJBOa9LtvqNjMGEwHQYD
VR0OBBYEFA1vdXzgUGlonr/zzvl/bRjbdLi9MB8GA1UdIwQYMBaAFA1vdXzgUGlo
nr/zzvl/bRjbdLi9MA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgGGMAoG
CCqGSM49BAMCA0gAMEUCIGWO+iBYtvdQ363ySKyGWc66aIklVosw8W08IhtJutGm
AiEA7RtcIse6qtUQleh2EjSZ1SODLxg56rppw0+TbIdcM90=
-----END CERTIFICATE-----
`;

/** An address from the documentation range (RFC 5737): never a real server. */
export const EXAMPLE_SERVER = "192.0.2.10:6443";
