/** New-CsPersistentChatConfiguration: creates PersistentChatConfiguration settings; built from the kind's declaration in core/settings/settings-kinds.ts. */
import { PERSISTENT_CHAT_CONFIGURATION } from '../core/settings/settings-kinds.js';
import { settingsCmdlet } from './settings/settings-cmdlets.js';

export const cmdlet = settingsCmdlet(PERSISTENT_CHAT_CONFIGURATION, 'New');
export const declaration = cmdlet.declaration;
