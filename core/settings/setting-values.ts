/**
 * One setting's value checked against its declaration (settings-kinds.ts): the type, the documented range or
 * allowed values. Values come from parameters, from -Instance objects (deserialized PowerShell objects, where a
 * [timespan] is milliseconds) and from the configuration store (JSON, where a time span is its text).
 */
import { Duration } from '../duration.js';
import { ParameterValueError } from '../errors.js';
import type { SettingProperty, SettingsKind, SettingValue } from './settings-kinds.js';

function refuse(property: SettingProperty, raw: unknown, problem: string): never {
  const shown = raw instanceof Duration ? raw.toString() : typeof raw === 'string' ? `'${raw.slice(0, 60)}'` : String(raw);
  throw new ParameterValueError(`-${property.name} ${shown} is not valid: ${problem}`, property.name);
}

export function checkSettingValue(property: SettingProperty, raw: unknown): SettingValue {
  if (raw === null || raw === undefined) {
    if (property.type === 'String') return null;
    refuse(property, raw, 'a value is required.');
  }
  switch (property.type) {
    case 'Int16':
    case 'UInt32': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(value)) refuse(property, raw, 'it must be a whole number.');
      const [min, max] = property.range;
      if (value < min || value > max) refuse(property, raw, `it must be from ${min} to ${max}.`);
      return value;
    }
    case 'Boolean': {
      if (typeof raw === 'boolean') return raw;
      refuse(property, raw, 'it must be $True or $False.');
    }
    // falls through: refuse() never returns
    case 'String': {
      if (typeof raw !== 'string') refuse(property, raw, 'it must be text.');
      if (property.maxLength !== undefined && raw.length > property.maxLength) refuse(property, raw, `it may have at most ${property.maxLength} characters.`);
      return raw === '' ? null : raw;
    }
    case 'TimeSpan': {
      const value = raw instanceof Duration ? raw : typeof raw === 'number' ? new Duration(Math.round(raw)) : typeof raw === 'string' ? Duration.parse(raw) : undefined;
      if (value === undefined) refuse(property, raw, 'write it as d.hh:mm:ss, for example 00:15:00.');
      const [min, max] = property.range;
      if (value.milliseconds < min.milliseconds || value.milliseconds > max.milliseconds) refuse(property, raw, `it must be from ${min.toString()} to ${max.toString()}.`);
      return value;
    }
    case 'Enum': {
      const match = typeof raw === 'string' ? property.values.find((v) => v.toLowerCase() === raw.trim().toLowerCase()) : undefined;
      if (match === undefined) refuse(property, raw, `it must be one of ${property.values.join(', ')}.`);
      return match;
    }
  }
}

/** A kind's values as stored: time spans as their text, so the store's JSON reads back exactly. */
export function storedValues(values: Readonly<Record<string, SettingValue>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof Duration ? v.toString() : v]));
}

/** Stored values read back through the declaration; unknown names (from a newer version) are left out. */
export function valuesFromStore(kind: SettingsKind, stored: Readonly<Record<string, unknown>>): Record<string, SettingValue> {
  const values: Record<string, SettingValue> = {};
  for (const property of kind.properties) {
    values[property.name] = property.name in stored ? checkSettingValue(property, stored[property.name]) : property.default;
  }
  return values;
}
