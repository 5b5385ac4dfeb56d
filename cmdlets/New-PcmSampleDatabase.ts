/**
 * New-PcmSampleDatabase: generates a realistic, seeded Group Chat 2010 or Persistent Chat 2013 database, for the
 * demo, the tests and the benchmarks. The same seed and sizes always give the same database.
 */
import { SCHEMA_KINDS } from '../core/model.js';
import { defineCmdlet, type CmdletContext, type ParamsOf } from './framework/cmdlet.js';
import { runSample } from '../migration/sample/sample-run.js';

export const declaration = {
  name: 'New-PcmSampleDatabase',
  synopsis: 'Creates a realistic sample Group Chat or Persistent Chat database for trials, tests and benchmarks.',
  description:
    'New-PcmSampleDatabase writes a new embedded database with the Lync Server 2010 Group Chat schema or the Lync ' +
    'Server 2013 Persistent Chat schema, filled with generated data that exercises every migration rule: nested ' +
    'categories three levels deep with inherited and overridden settings and scopes, root-category managers, rooms of ' +
    'every privacy and type, disabled rooms, topics, add-ins, users, AD groups within groups, containers, federated ' +
    'users and groups (and an external user in Group Chat 2010), disabled and deleted principals, and messages spread ' +
    'over years with non-ASCII text, emoji, line breaks, markup-like text, RTF (Persistent Chat), alerts and very long ' +
    'bodies. A Group Chat 2010 database has the tables and columns Microsoft documents for Lync Server 2010. The data ' +
    'depends only on -Seed and the sizes.',
  supportsShouldProcess: true,
  confirmImpact: 'Low',
  parameters: [
    {
      name: 'DBInstance',
      type: 'String',
      kind: 'dbInstance',
      mandatory: true,
      position: 0,
      description: 'The embedded database to create, for example sqlite:C:\\pc\\legacy.db. It must not exist yet unless -Force is given.',
    },
    {
      name: 'Schema',
      type: 'String',
      validateSet: SCHEMA_KINDS,
      defaultValue: 'GroupChat2010',
      description: 'GroupChat2010 creates a legacy Lync Server 2010 Group Chat database (nested categories); PersistentChat2013 creates a Lync Server 2013 Persistent Chat database.',
    },
    {
      name: 'Messages',
      type: 'Int32',
      validateRange: [0, 100000000],
      defaultValue: '10000',
      description: 'How many chat messages to generate.',
    },
    {
      name: 'Users',
      type: 'Int32',
      validateRange: [8, 1000000],
      defaultValue: '200',
      description: 'How many user principals to generate.',
    },
    {
      name: 'Rooms',
      type: 'Int32',
      validateRange: [12, 1000000],
      defaultValue: '40',
      description: 'How many chat rooms to generate.',
    },
    {
      name: 'Seed',
      type: 'Int32',
      defaultValue: '1',
      description: 'The seed of the generator; the same seed and sizes always give the same database.',
    },
    {
      name: 'OverlongRoomName',
      type: 'SwitchParameter',
      description:
        'GroupChat2010 only: adds a room in a nested category whose flattened name exceeds the 256 characters Persistent Chat allows, so that an import with -WhatIf names it and refuses it until the name is shortened.',
    },
    {
      name: 'Force',
      type: 'SwitchParameter',
      description: 'Replaces the database file if it exists.',
    },
    {
      name: 'PassThru',
      type: 'SwitchParameter',
      description: 'Writes an object with the counts of what was generated to the pipeline.',
    },
  ],
  outputTypes: [{ typeName: 'PersistentChatMigration.SampleDatabase', view: { list: ['DBInstance', 'Schema', 'Principals', 'Categories', 'ChatRooms', 'Addins', 'Messages', 'Seed'], table: ['DBInstance', 'Schema', 'Principals', 'ChatRooms', 'Messages'] } }],
  examples: [
    {
      title: 'A Group Chat 2010 database to rehearse a migration',
      code: 'New-PcmSampleDatabase -DBInstance sqlite:out/legacy.db -Schema GroupChat2010 -Messages 20000 -Seed 7',
      remarks: 'Creates out/legacy.db with the Group Chat 2010 schema and 20,000 messages.',
    },
    {
      title: 'A large Persistent Chat database for a benchmark',
      code: 'New-PcmSampleDatabase sqlite:bench.db -Schema PersistentChat2013 -Messages 1000000 -Rooms 500 -Users 5000 -PassThru',
      remarks: 'Creates a Persistent Chat database with a million messages and prints what it generated.',
    },
  ],
} as const;

export type SampleParams = ParamsOf<typeof declaration>;

export const cmdlet = defineCmdlet(declaration, (params: SampleParams, context: CmdletContext) => runSample(params, context));
