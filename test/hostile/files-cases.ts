import { readTarball } from '../../src/github/read/tarball.js';

/** The App's tarball reader on `gzipped`: the keys it kept, or the error it stopped with (name, limit, message). */
export async function readArchive(gzipped: Uint8Array): Promise<{ keys?: string[]; error?: string; limit?: string }> {
  try {
    return { keys: [...(await readTarball(gzipped, () => true)).keys()] };
  } catch (error) {
    const limit = (error as { limit?: string }).limit;
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}`, ...(limit ? { limit } : {}) };
  }
}
