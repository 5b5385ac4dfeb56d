/**
 * The configuration store as a script of Microsoft's own cmdlets (Export-PcmConfigurationScript), to reproduce the
 * settings in the Lync Server Management Shell of the real deployment: the global collections with Set-, the others
 * with New-, pool state with Set-, endpoints with New-CsPersistentChatEndpoint. Every value is a PowerShell literal
 * (core/script/ps-literal.ts), so no text from the store is ever run as code. Pool registrations are ours, not
 * Microsoft's (Topology Builder makes pools), so they are written as comments.
 */
import { psLiteral, psSingleQuoted } from '../core/script/ps-literal.js';
import { defaultsOf, SETTINGS_KINDS, type SettingValue } from '../core/settings/settings-kinds.js';
import { withConfigStore } from '../store/config/open-config-store.js';
import { listEndpoints } from './endpoints.js';
import { listPools } from './pools.js';
import { listSettings } from './settings.js';

function parameters(values: Readonly<Record<string, SettingValue>>, skipDefaults: Readonly<Record<string, SettingValue>> | undefined): string {
  return Object.entries(values)
    .filter(([name, value]) => skipDefaults === undefined || String(value) !== String(skipDefaults[name]))
    .map(([name, value]) => ` -${name} ${psLiteral(value)}`)
    .join('');
}

export function configurationScript(generatedOn: Date): string {
  const lines: string[] = [
    '# Persistent Chat settings exported by PersistentChatMigration (Export-PcmConfigurationScript).',
    `# Generated ${generatedOn.toISOString()}. Run it in the Lync Server Management Shell of the deployment, or in`,
    '# PowerShell with the PersistentChatMigration module loaded, to reproduce the settings.',
    "$ErrorActionPreference = 'Stop'",
    '',
  ];
  const pools = listPools();
  if (pools.length > 0) {
    lines.push('# Pools (made with Topology Builder in a real deployment; here for reference):');
    for (const pool of pools) lines.push(`#   ${pool.fqdn.replace(/[\r\n]/g, ' ')}${pool.site ? ` (site ${pool.site.replace(/[\r\n]/g, ' ')})` : ''}`);
    lines.push('');
  }
  for (const kind of SETTINGS_KINDS) {
    lines.push(`# ${kind.title}`);
    const defaults = defaultsOf(kind);
    for (const instance of listSettings(kind)) {
      const identity = psSingleQuoted(instance.identity.text);
      if (instance.identity.scope === 'global' || kind.implicit === 'pool') {
        const changed = parameters(instance.values, defaults);
        if (changed !== '') lines.push(`Set-Cs${kind.noun} -Identity ${identity}${changed} -Confirm:$false`);
      } else {
        lines.push(`New-Cs${kind.noun} -Identity ${identity}${parameters(instance.values, defaults)} -Confirm:$false | Out-Null`);
      }
    }
    lines.push('');
  }
  lines.push('# Per-user policy assignments');
  for (const grant of withConfigStore('read', (store) => store?.grants() ?? [])) {
    lines.push(`Grant-CsPersistentChatPolicy -Identity ${psSingleQuoted(grant.sipAddress)} -PolicyName ${psSingleQuoted(grant.policyName)} -Confirm:$false`);
  }
  lines.push('');
  lines.push('# Persistent Chat endpoints');
  for (const endpoint of listEndpoints({})) {
    const display = endpoint.displayName === null ? '' : ` -DisplayName ${psLiteral(endpoint.displayName)}`;
    lines.push(`New-CsPersistentChatEndpoint -SipAddress ${psSingleQuoted(endpoint.sipAddress)} -PersistentChatPoolFqdn ${psSingleQuoted(endpoint.poolFqdn)}${display} -Confirm:$false`);
  }
  lines.push('');
  return lines.join('\r\n');
}
