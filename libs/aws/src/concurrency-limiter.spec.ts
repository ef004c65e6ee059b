import { KeyedConcurrencyLimiter } from './concurrency-limiter';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedConcurrencyLimiter', () => {
  it('should run at most `limit` tasks of one key at a time', async () => {
    const limiter = new KeyedConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      await tick();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run('111111111111:ec2', task)));
    expect(peak).toBe(3);
  });

  it('should not let one key wait for another', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    const releaseA = await limiter.acquire('a:ec2');
    const releaseB = await limiter.acquire('b:ec2'); // would hang if keys shared the slot
    expect(limiter.active('a:ec2')).toBe(1);
    expect(limiter.active('b:ec2')).toBe(1);
    releaseA();
    releaseB();
  });

  it('should hand a released slot to the oldest waiter, not to a newcomer', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    const order: string[] = [];
    const release = await limiter.acquire('k');
    const waiter = limiter.acquire('k').then((r) => {
      order.push('waiter');
      return r;
    });
    await tick();
    release();
    const newcomer = limiter.acquire('k').then((r) => {
      order.push('newcomer');
      return r;
    });
    (await waiter)();
    (await newcomer)();
    expect(order).toEqual(['waiter', 'newcomer']);
    expect(limiter.active('k')).toBe(0);
  });

  it('should release the slot when the task throws', async () => {
    const limiter = new KeyedConcurrencyLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active('k')).toBe(0);
    await expect(limiter.run('k', () => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('should ignore a second release of the same slot', async () => {
    const limiter = new KeyedConcurrencyLimiter(2);
    const r1 = await limiter.acquire('k');
    await limiter.acquire('k');
    r1();
    r1();
    expect(limiter.active('k')).toBe(1);
  });
});
