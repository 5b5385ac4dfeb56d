/** New-CsPersistentChatPolicy: creates PersistentChatPolicy settings; built from the kind's declaration in core/settings/settings-kinds.ts. */
import { PERSISTENT_CHAT_POLICY } from '../core/settings/settings-kinds.js';
import { settingsCmdlet } from './settings/settings-cmdlets.js';

export const cmdlet = settingsCmdlet(PERSISTENT_CHAT_POLICY, 'New');
export const declaration = cmdlet.declaration;
