import { Lane, laneOf } from './lane';

describe('Lane', () => {
  it('should make a publisher wait while the lane is full, until a message is released', async () => {
    const lane = new Lane(0, 2);
    const delivery = {
      key: 'k',
      value: 'v',
      headers: {},
      meta: { topic: 't', partition: 0, offset: '0', key: 'k', headers: {}, timestamp: '0' },
    };
    lane.push(delivery);
    lane.push(delivery);
    let reserved = false;
    const waiting = lane.reserve().then(() => (reserved = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reserved).toBe(false);
    lane.release(1);
    await waiting;
    expect(reserved).toBe(true);
    expect(lane.queue).toHaveLength(1);
  });

  it('should reject waiting publishers when the transport stops', async () => {
    const lane = new Lane(0, 1);
    lane.push({
      key: null,
      value: null,
      headers: {},
      meta: { topic: 't', partition: 0, offset: '0', key: null, headers: {}, timestamp: '0' },
    });
    const waiting = lane.reserve();
    lane.failWaiters(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});

describe('laneOf', () => {
  it('should send a key to the same lane every time and spread keys over lanes', () => {
    expect(laneOf('account-1', 8)).toBe(laneOf('account-1', 8));
    const used = new Set(Array.from({ length: 100 }, (_, i) => laneOf(`k${i}`, 8)));
    expect(used.size).toBe(8);
    expect(laneOf(null, 4)).toBeLessThan(4);
  });
});
