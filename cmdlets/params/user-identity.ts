/**
 * The -Identity of Microsoft's AD-object cmdlets (UserIdParameter): a SIP address, user principal name,
 * distinguished name or display name; first positional, from the pipeline by value and by property name. Each
 * cmdlet adds its own description (and `mandatory` where it has it).
 */
export const USER_ID_IDENTITY = {
  name: 'Identity',
  type: 'String',
  position: 0,
  pipeline: true,
  pipelineByPropertyName: true,
  helpTypeName: 'Microsoft.Rtc.Management.AD.UserIdParameter',
} as const;
