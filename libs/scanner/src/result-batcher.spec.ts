import { ResultBatcher } from './result-batcher';

describe('ResultBatcher', () => {
  it('should cut batches at the count limit and send the rest on drain, in order', async () => {
    const sent: number[][] = [];
    const batcher = new ResultBatcher<number>(3, (items) => Promise.resolve(void sent.push(items)));
    await batcher.add([1, 2, 3, 4]);
    await batcher.add([5]);
    await batcher.drain();
    await batcher.drain();
    expect(sent).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('should cut a batch before it outgrows the byte limit', async () => {
    const sent: string[][] = [];
    const batcher = new ResultBatcher<string>(
      100,
      (items) => Promise.resolve(void sent.push(items)),
      20,
    );
    await batcher.add(['x'.repeat(10), 'y'.repeat(10), 'z'.repeat(10)]);
    await batcher.drain();
    expect(sent.map((b) => b.length)).toEqual([1, 1, 1]);
  });
});
