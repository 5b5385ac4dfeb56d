/**
 * The caps on what a package may demand when it is read (archive/limits.ts), declared once for every cmdlet that
 * reads a package: Import-CsPersistentChatData and Get-PcmPersistentChatPackage.
 */
export const PACKAGE_LIMIT_PARAMETERS = [
  {
    name: 'MaxPartSizeMB',
    type: 'Int32',
    validateRange: [1, 1048576],
    defaultValue: '4096',
    description: 'The largest uncompressed size of one part of the package, in MB. Raise it only for a genuine package that exceeds it.',
  },
  {
    name: 'MaxPackageSizeGB',
    type: 'Int32',
    validateRange: [1, 65536],
    defaultValue: '256',
    description: 'The largest uncompressed size of the whole package, in GB.',
  },
  {
    name: 'MaxCompressionRatio',
    type: 'Int32',
    validateRange: [2, 100000],
    defaultValue: '200',
    description: 'How many times a part over 1 MB may expand when decompressed. XML parts expand 4 to 20 times; a compression bomb about 1,000.',
  },
  {
    name: 'MaxRecordSizeMB',
    type: 'Int32',
    validateRange: [1, 1024],
    defaultValue: '64',
    description: 'The largest single record (one message, or one room with its roles), in millions of characters.',
  },
] as const;
