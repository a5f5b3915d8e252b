// Hard limits on what an importer will read. They exist to keep a hostile or broken file from
// exhausting memory or time; real portal downloads sit far below every one of them.

export const LIMITS = {
  /** Any single file handed to parseFile (checked before anything is decoded). */
  maxFileBytes: 100 * 1024 * 1024,
  /** Element nesting in one XML document (CDA needs about 30). */
  maxXmlDepth: 200,
  /** Elements in one XML document (a 5 MB CDA holds roughly 100,000). */
  maxXmlElements: 2_000_000,
  /** Entries in one zip, counting folders and junk. */
  maxZipEntries: 5_000,
  /** Bytes after decompression, summed over the zip entries that are read. */
  maxZipTotalBytes: 500 * 1024 * 1024,
  /** Uncompressed / compressed for one entry; honest XML rarely passes 20. */
  maxCompressionRatio: 200,
} as const;
