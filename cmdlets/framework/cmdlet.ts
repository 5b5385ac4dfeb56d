/**
 * The one declaration of a cmdlet. Everything about a cmdlet's surface (parameter sets, types, mandatory, positions,
 * pipeline binding, allowed values, help, examples, ShouldProcess, output type) is written here once; the
 * PowerShell proxies, the manifest's export list, the CLI options and the help text are generated from it.
 */
import type { OutputItem } from '../../core/output-object.js';
import type { JobContext } from '../../migration/job.js';
import type { ParameterType, ParameterValueTypes } from './parameter-types.js';

export type { ParameterType, ParameterValueTypes } from './parameter-types.js';

export type { OutputItem, OutputObject, OutputValue } from '../../core/output-object.js';
export { isOutputObject, outputObject } from '../../core/output-object.js';
export type { Credential, JobContext, ProgressInfo, RunSummary } from '../../migration/job.js';

/**
 * What a String parameter's value is, where PowerShell must resolve it before Node sees it (the proxy does, as
 * compiled cmdlets do: current location, ~, PSDrives, provider-qualified paths; other providers refused).
 * path: a file system path. dbInstance: a -DBInstance, whose embedded forms (sqlite:<path>, <path>.db) are paths.
 */
export type ParameterKind = 'path' | 'dbInstance';

export interface ParameterDecl {
  readonly name: string;
  readonly type: ParameterType;
  readonly kind?: ParameterKind;
  /** Full sentences; this becomes the parameter's help. */
  readonly description: string;
  /** Parameter sets the parameter belongs to. Absent: every set. */
  readonly sets?: readonly string[];
  /** Mandatory in each of its sets. */
  readonly mandatory?: boolean;
  /** Zero-based position for positional binding. */
  readonly position?: number;
  /** Takes the whole pipeline object (ValueFromPipeline). */
  readonly pipeline?: boolean;
  /** Takes a property of the same name from pipeline objects (ValueFromPipelineByPropertyName). */
  readonly pipelineByPropertyName?: boolean;
  readonly aliases?: readonly string[];
  /** Allowed values (ValidateSet, case-insensitive; the declared spelling is what run() receives). */
  readonly validateSet?: readonly string[];
  /** Inclusive numeric range (ValidateRange). */
  readonly validateRange?: readonly [number, number];
  /** The default, as shown in help; run() applies it. */
  readonly defaultValue?: string;
  /** .NET type name shown in help where it differs from `type` (e.g. Microsoft's enum). */
  readonly helpTypeName?: string;
}

export interface ExampleDecl {
  readonly title: string;
  readonly code: string;
  readonly remarks: string;
}

/**
 * How PowerShell shows objects of a type by default (the module's format file is generated from these): `list`, the
 * properties of the default list view, `Name : value` lines, as Microsoft's Cs cmdlets show objects; `table`, the
 * columns of a second view (Format-Table -View Table), or of the only view for a type shown many at a time.
 */
export interface FormatView {
  readonly list?: readonly string[];
  readonly table?: readonly string[];
}

export interface OutputTypeDecl {
  readonly typeName: string;
  /** Parameter sets producing this output. Absent: every set. */
  readonly sets?: readonly string[];
  /** Absent only for .NET types PowerShell formats itself (System.Byte[], System.Boolean). */
  readonly view?: FormatView;
  /** Objects this one holds in its properties (a package's parts, say), with their own views. */
  readonly nested?: readonly { readonly typeName: string; readonly view: FormatView }[];
}

export interface CmdletDeclaration {
  readonly name: string;
  /** One sentence ending with a period. */
  readonly synopsis: string;
  readonly description: string;
  readonly parameters: readonly ParameterDecl[];
  /** The sets in the order help shows them. Absent: one unnamed set. */
  readonly parameterSets?: readonly string[];
  readonly defaultParameterSet?: string;
  readonly supportsShouldProcess?: boolean;
  readonly confirmImpact?: 'None' | 'Low' | 'Medium' | 'High';
  readonly outputTypes: readonly OutputTypeDecl[];
  readonly examples: readonly ExampleDecl[];
  readonly notes?: string;
  readonly links?: readonly string[];
  /**
   * A refusal about the object a call names (not found, or against one of its rules) is a non-terminating error, as
   * Microsoft's cmdlets write it: `Get-CsPersistentChatCategory | Remove-CsPersistentChatCategory` reports each
   * category that still holds rooms and goes on with the next. Bad parameter values and failures of the database
   * stay terminating. For the cmdlets that change one object from the pipeline.
   */
  readonly refusalsPerObject?: boolean;
}

/** The error categories of a refusal about the object itself, which refusalsPerObject makes non-terminating. */
export const OBJECT_REFUSAL_CATEGORIES: ReadonlySet<string> = new Set(['ObjectNotFound', 'InvalidOperation', 'InvalidArgument', 'ResourceExists']);

/** The name under which PowerShell lists parameters that belong to every set. */
export const ALL_PARAMETER_SETS = '__AllParameterSets';

/** A parameter value as bound for run(): by name, typed. */
export type ParamsOf<D extends CmdletDeclaration> = {
  [P in D['parameters'][number] as P['name']]?: ParameterValueTypes[P['type']];
};


/** How run() talks to whoever hosts it (the PowerShell bridge, the CLI, a test): a job's context and the set bound. */
export interface CmdletContext extends JobContext {
  /** The parameter set the binder chose. */
  readonly parameterSet: string;
}

export interface Cmdlet<D extends CmdletDeclaration = CmdletDeclaration> {
  readonly declaration: D;
  run(params: ParamsOf<D>, context: CmdletContext): AsyncIterable<OutputItem>;
}

/** Declares a cmdlet; `as const` on the declaration types run()'s parameters from it. */
export function defineCmdlet<const D extends CmdletDeclaration>(
  declaration: D,
  run: (params: ParamsOf<D>, context: CmdletContext) => AsyncIterable<OutputItem>,
): Cmdlet<D> {
  return { declaration, run };
}
