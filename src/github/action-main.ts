import { errorAnnotation, runAction } from './action.js';

runAction(process.env).catch((error: unknown) => {
  console.log(errorAnnotation(error));
  process.exitCode = 1;
});
