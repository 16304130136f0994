// @ehc/identity-provider: the embedded OpenID provider (oidc-provider) with local accounts in
// PostgreSQL, TOTP for staff, and client-credentials service accounts (issue 11, embedded mode).
export * from './identity-provider';
export { LOCKOUT, AccountRefused, type Account } from './accounts';
export { ServiceAccountRefused, type ServiceAccount } from './service-accounts';
export { RolesRefused } from './roles';
export { SCRYPT_COST, newPasswordProblem } from './passwords';
export { totp, verifyTotp, hotp, base32Encode, base32Decode, otpauthUri } from './totp';
export { pageSecurityPolicy, STYLESHEET_SHA256 } from './pages';
export { identityProviderDdl } from './schema';
