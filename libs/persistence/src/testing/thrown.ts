/** For unit specs of this lib: the error `fn` throws, so a test can assert on its code. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw, it returned');
}
