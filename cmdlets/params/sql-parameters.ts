/**
 * The SQL Server login parameters Export- and Import-CsPersistentChatData share, declared once. Microsoft's cmdlets
 * have neither (they sign in as the current Windows user, which this does too on Windows without them); both are
 * optional additions.
 */
export const SQL_LOGIN_PARAMETERS = [
  {
    name: 'Credential',
    type: 'PSCredential',
    description:
      'The login for SQL Server: a SQL Server login, or DOMAIN\\user for Windows authentication (NTLM). Without it, the ' +
      'PCM_SQL_USER and PCM_SQL_PASSWORD environment variables are used, for scheduled tasks; without either, on Windows, ' +
      'the current Windows user signs in (integrated authentication, as Microsoft\'s cmdlets do). Ignored for an embedded (sqlite:) database.',
  },
  {
    name: 'TrustServerCertificate',
    type: 'SwitchParameter',
    description:
      "Accepts the SQL Server's TLS certificate without validating it. The connection stays encrypted but is no longer " +
      'protected against a server impersonating the real one: use it only for a server whose certificate this computer ' +
      'cannot validate, such as a self-signed one. PCM_SQL_TRUST_SERVER_CERTIFICATE=true does the same for scheduled tasks. ' +
      'Ignored for an embedded (sqlite:) database.',
  },
] as const;
