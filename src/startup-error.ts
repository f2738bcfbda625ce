// A start-up failure worded for a person: the setting or path, what is wrong and what to do, on one line. `hangar`
// prints its message alone (no stack), and nothing was changed when it is thrown.
export class StartupError extends Error {
  override name = 'StartupError';
}
