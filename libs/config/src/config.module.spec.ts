import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigError } from './config-error';
import { APP_CONFIG, CONFIG_ENV, InjectConfig } from './config.tokens';
import { ConfigModule } from './config.module';
import type { KafkaConfig } from './fragments/kafka.fragment';
import { scannerConfigSchema, type ScannerConfig } from './schemas/scanner-config.schema';

@Injectable()
class NeedsKafka {
  constructor(@InjectConfig() readonly config: { readonly kafka: KafkaConfig }) {}
}

describe('ConfigModule', () => {
  it('should provide the parsed config under APP_CONFIG to every module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(scannerConfigSchema, { KAFKA_BROKERS: 'k1:9092,k2:9092' })],
      providers: [NeedsKafka],
    }).compile();

    expect(moduleRef.get<ScannerConfig>(APP_CONFIG).service.name).toBe('scanner');
    expect(moduleRef.get(NeedsKafka).config.kafka.brokers).toEqual(['k1:9092', 'k2:9092']);
  });

  it('should parse the environment given through CONFIG_ENV', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(scannerConfigSchema)],
    })
      .overrideProvider(CONFIG_ENV)
      .useValue({ KAFKA_BROKERS: 'k3:9092', PORT: '0' })
      .compile();

    expect(moduleRef.get<ScannerConfig>(APP_CONFIG).http.port).toBe(0);
  });

  it('should fail to compile with a ConfigError listing every bad variable', async () => {
    const compiling = Test.createTestingModule({
      imports: [ConfigModule.forRoot(scannerConfigSchema, { PORT: 'x', KAFKA_SSL: 'maybe' })],
    }).compile();

    await expect(compiling).rejects.toThrow(ConfigError);
    await expect(compiling).rejects.toThrow(
      /PORT: .*KAFKA_SSL: .*KAFKA_BROKERS: is required when TRANSPORT is kafka/,
    );
  });
});
