import { runAction } from './action.js';

runAction(process.env).catch((error: unknown) => {
  // The workflow-command form makes the failure visible on the run's summary page.
  console.log(
    `::error title=Mesh Steward::${String(error instanceof Error ? error.message : error).replace(/\r?\n/g, ' ')}`,
  );
  process.exitCode = 1;
});
