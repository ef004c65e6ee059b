import { Topics } from '@palisade/contracts';
import { openTestDataSources, type TestDataSources } from '@palisade/persistence';
import { type DataSource } from 'typeorm';
import { type HandlerRegistration } from '../core/handler-registration';
import { uuidFor, waitFor } from '../testing/wait-for';
import { InProcessTransport } from './in-process-transport';
import { PostgresDeadLetterStore } from './postgres-dead-letter-store';

describe('PostgresDeadLetterStore (the in-process transport’s dead_letters table)', () => {
  let sources: TestDataSources;
  let service: DataSource;
  let owner: DataSource;

  beforeAll(async () => {
    sources = await openTestDataSources();
    ({ service, owner } = sources);
  });

  afterAll(() => sources?.close());

  it('should append a poison message as the service role, readable only by the owner', async () => {
    const handled: string[] = [];
    const transport = new InProcessTransport({
      transport: 'in-process',
      clientId: 'cli',
      inProcess: { deadLetterStore: new PostgresDeadLetterStore(service) },
    });
    const registration: HandlerRegistration = {
      topic: Topics.scanControl,
      group: 'cli',
      concurrency: 1,
      name: 'Test.handle',
      kind: 'single',
      handle: (message) => {
        handled.push((message as { scanId: string }).scanId);
        return Promise.resolve();
      },
    };
    await transport.start([registration]);
    await transport.deliverRaw(Topics.scanControl, {
      key: 'k1',
      value: '{"oops":',
      headers: { 'x-trace-id': 't-1' },
    });
    await transport.publish(Topics.scanControl, {
      schemaVersion: 1,
      scanId: uuidFor(1),
      tenantId: uuidFor(2),
      action: 'cancel',
      requestedAt: '2026-01-01T00:00:00.000Z',
    });
    await waitFor('the next message handled', () => handled.length === 1);
    await transport.close();

    const letters = await new PostgresDeadLetterStore(owner).list(Topics.scanControl.name);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      sourceTopic: Topics.scanControl.name,
      dlqTopic: Topics.scanControl.dlq,
      sourcePartition: 0,
      sourceOffset: '0',
      key: 'k1',
      value: '{"oops":',
      headers: { 'x-trace-id': 't-1' },
      errorCode: 'INVALID_MESSAGE',
    });
    expect(letters[0]?.failedAt).toBeInstanceOf(Date);
    await expect(new PostgresDeadLetterStore(service).list()).rejects.toMatchObject({
      code: '42501',
    });
  });
});
