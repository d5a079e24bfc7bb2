import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { runAction } = vi.hoisted(() => ({ runAction: vi.fn((..._args: unknown[]) => Promise.resolve()) }));
// The entry prints through the real errorAnnotation; only the run is replaced.
vi.mock('../../src/github/action.js', async (actual) => ({ ...(await actual<object>()), runAction }));

let printed: unknown[][];

beforeEach(() => {
  vi.resetModules();
  runAction.mockReset();
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args));
  process.exitCode = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Loads the entry module, which runs the action at once, and lets its promise settle. */
async function runEntry(): Promise<void> {
  await import('../../src/github/action-main.js');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('the Action entry', () => {
  it("runs the action with the process's environment and prints nothing when it succeeds", async () => {
    runAction.mockImplementation(() => Promise.resolve());
    await runEntry();
    expect(runAction).toHaveBeenCalledWith(process.env);
    expect(printed).toEqual([]);
    expect(process.exitCode).toBeUndefined();
  });

  it('prints a failure as one workflow error command and sets the exit code', async () => {
    runAction.mockImplementation(() => Promise.reject(new Error('GITHUB_TOKEN must be set.\r\nSee the README.\nBye')));
    await runEntry();
    expect(printed).toEqual([['::error title=Mesh Steward::GITHUB_TOKEN must be set. See the README. Bye']]);
    expect(process.exitCode).toBe(1);
  });

  it('prints a thrown non-error as its string', async () => {
    runAction.mockImplementation(() => Promise.reject('plain\nfailure'));
    await runEntry();
    expect(printed).toEqual([['::error title=Mesh Steward::plain failure']]);
    expect(process.exitCode).toBe(1);
  });
});
