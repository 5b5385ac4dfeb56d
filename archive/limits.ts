/**
 * What a package may demand of us when it is read. The caps stop compression bombs and absurd records before they
 * cost time or memory; every one can be raised by a parameter when the data is genuine (docs/package-format.md).
 */
export interface PackageLimits {
  /** Uncompressed bytes of one part. */
  readonly maxPartBytes: number;
  /** Uncompressed bytes of the whole package. */
  readonly maxPackageBytes: number;
  /** Uncompressed / compressed, for parts over 1 MiB. */
  readonly maxCompressionRatio: number;
  /** Characters in one record (one message, one room with its roles). */
  readonly maxRecordChars: number;
  /** Entries in the ZIP. */
  readonly maxEntries: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: PackageLimits = {
  maxPartBytes: 4 * GiB,
  maxPackageBytes: 256 * GiB,
  maxCompressionRatio: 200,
  maxRecordChars: 64 * MiB,
  maxEntries: 200000,
};

/** The manifest is read whole, so it has its own small cap. */
export const MAX_MANIFEST_BYTES = 32 * MiB;
