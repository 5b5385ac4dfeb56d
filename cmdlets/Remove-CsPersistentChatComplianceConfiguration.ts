/** Remove-CsPersistentChatComplianceConfiguration: removes (or, for global, resets) PersistentChatComplianceConfiguration settings; built from the kind's declaration in core/settings/settings-kinds.ts. */
import { PERSISTENT_CHAT_COMPLIANCE_CONFIGURATION } from '../core/settings/settings-kinds.js';
import { settingsCmdlet } from './settings/settings-cmdlets.js';

export const cmdlet = settingsCmdlet(PERSISTENT_CHAT_COMPLIANCE_CONFIGURATION, 'Remove');
export const declaration = cmdlet.declaration;
